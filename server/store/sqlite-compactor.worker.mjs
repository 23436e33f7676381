// @ts-check
// Merges a doc's stored log into one snapshot on its own thread. Merging a big
// sheet (megabytes of Yjs updates) takes long enough that on the relay's thread
// it would hold up every sheet's edits, and on the writer's thread every commit.
// It only reads (its own query-only connection; WAL shows it every committed
// row); the writer swaps the snapshot in, and only if the merged rows are still
// exactly there (see sqlite-writer.worker.mjs). Plain ESM JavaScript for the
// same reason as the writer.
//
// Messages in:  { id, type: 'merge', docId }
// Messages out: { id, ok: true, result: { entries, lastId, bytesBefore, snapshot: Uint8Array | null } }
//               | { id, ok: false, error: string }
//               (snapshot is null when there are fewer than 2 entries)

import { parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import * as Y from 'yjs';

const require = createRequire(import.meta.url);
/** @type {typeof import('better-sqlite3')} */
const Database = require(workerData.betterSqlite3Path);

const db = new Database(workerData.file);
// Reads only (query_only); opened read-write so that it shares the WAL index like the others.
db.pragma('query_only = 1');
db.pragma('busy_timeout = 5000');
const selectDoc = db.prepare('SELECT id, data FROM doc_log WHERE doc_id = ? ORDER BY id');

const port = parentPort;
if (!port) throw new Error('sqlite-compactor must run in a worker thread');
port.on('message', (/** @type {{ id: number, type: string, docId: string }} */ msg) => {
  try {
    if (msg.type !== 'merge') throw new Error(`unknown request ${msg.type}`);
    const rows = /** @type {{ id: number, data: Buffer }[]} */ (selectDoc.all(msg.docId));
    const bytesBefore = rows.reduce((n, r) => n + r.data.byteLength, 0);
    if (rows.length < 2) {
      port.postMessage({ id: msg.id, ok: true, result: { entries: rows.length, lastId: 0, bytesBefore, snapshot: null } });
      return;
    }
    const snapshot = Y.mergeUpdates(rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)));
    const lastId = rows[rows.length - 1]?.id ?? 0;
    const { buffer } = snapshot;
    // Moved, not copied, when the snapshot owns its whole (non-shared) buffer.
    const own = buffer instanceof ArrayBuffer && snapshot.byteOffset === 0 && snapshot.byteLength === buffer.byteLength;
    port.postMessage({ id: msg.id, ok: true, result: { entries: rows.length, lastId, bytesBefore, snapshot } }, own ? [buffer] : []);
  } catch (err) {
    port.postMessage({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
