// The check engine in a Web Worker, reached through Comlink, so checking never
// blocks the UI thread. Start it with workers/check-client.ts.
//
// API (all calls are async on the UI side; see src/domain/engine/service.ts):
//   init(config?)            start empty: { today, rules, overlap, referenceSources,
//                            programBySource, decisions, overrides, model, blockCap }
//   stage(rows, feed?)       rows kept for feed's next upsert, not checked yet (a big feed sent in parts)
//   upsert(rows, feed?)      RecordRow[] (src/domain/schema.ts) added or replaced by key, with feed's staged ones
//   remove(keys)             row keys gone from the sheet
//   setConfig(patch)         decisions ("bukan duplikat" pairs) and overrides re-check only
//                            their rows; other settings re-check everything
//   snapshot()               { rows, findings by row key, groups } — the full state
//   findingsOf(key), groupsOf(key), explain(a, b)
// upsert/remove/setConfig return ONLY what changed:
//   { findings: [{ row, findings }]   (full replacement list per changed row; [] = clean/removed),
//     groups: { added, changed, removed: ids } }
// Feeding it from a sheet: on open send toRecordRows(doc, sheetId) (src/sheet) in one
// upsert, or in parts (stage every part but the last: checked as one batch); then on
// each row-change event send the changed rows (upsert) and the deleted keys (remove).
// Rows of other sheets (the cross-sheet index) and reference lists (DTKS, with
// referenceSources set to their source) are upserted the same way.
import * as Comlink from 'comlink';
import { createCheckService } from '../src/domain/engine/service';

Comlink.expose(createCheckService());
