// The engine behind a plain async-friendly object, as the check worker exposes
// it through Comlink. Everything crossing it is structured-cloneable data.
import type { DuplicateGroup, Finding } from '../findings';
import type { RecordRow } from '../schema';
import type { EngineConfig } from './config';
import { createEngine, type CheckEngine, type EngineChanges, type EngineSnapshot, type PairExplanation } from './engine';

export interface CheckService {
  /** (Re)start with an empty engine. Call first; calling again drops all rows. */
  init(config?: Partial<EngineConfig>): void;
  /**
   * Keep rows of `feed` for its next upsert without checking them yet. A big feed (a
   * sheet's rows, the other sheets' index) is sent in parts so the page stays
   * responsive, and is then checked as one batch: the full load when the engine is
   * empty or the batch is at least half of what it holds, ~3x faster than part by part.
   * Feeds are staged apart, so one feed's upsert never takes part of another's (its
   * rest could then be too small for the full load).
   */
  stage(rows: RecordRow[], feed?: string): void;
  /** Add or replace rows (by key), together with those staged for `feed`. Returns only what changed. */
  upsert(rows: RecordRow[], feed?: string): EngineChanges;
  /** Rows gone (staged ones too). */
  remove(keys: string[]): EngineChanges;
  /** Change settings; decisions/overrides re-check only the rows they name, anything else re-checks all. */
  setConfig(patch: Partial<EngineConfig>): EngineChanges;
  snapshot(): EngineSnapshot;
  findingsOf(key: string): Finding[];
  groupsOf(key: string): DuplicateGroup[];
  explain(a: string, b: string): PairExplanation | null;
}

export function createCheckService(): CheckService {
  let engine: CheckEngine = createEngine();
  // Staged rows by feed: not in the engine yet, so findings and snapshots leave them out until their upsert.
  const staged = new Map<string, RecordRow[]>();
  return {
    init(config) {
      engine = createEngine(config);
      staged.clear();
    },
    stage(rows, feed = '') {
      const list = staged.get(feed);
      // An index loop: a for-of allocates an iterator result per row until optimised.
      if (list) for (let i = 0; i < rows.length; i++) list.push(rows[i] as RecordRow);
      else staged.set(feed, rows.slice());
    },
    upsert(rows, feed = '') {
      const list = staged.get(feed);
      if (!list) return engine.upsert(rows);
      staged.delete(feed);
      return engine.upsert(list.concat(rows));
    },
    remove(keys) {
      if (staged.size > 0) {
        const gone = new Set(keys);
        for (const [feed, list] of staged) staged.set(feed, list.filter((row) => !gone.has(row.key)));
      }
      return engine.remove(keys);
    },
    setConfig: (patch) => engine.setConfig(patch),
    snapshot: () => engine.snapshot(),
    findingsOf: (key) => engine.findingsOf(key),
    groupsOf: (key) => engine.groupsOf(key),
    explain: (a, b) => engine.explain(a, b),
  };
}
