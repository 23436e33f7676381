// The engine behind a plain async-friendly object, as the check worker exposes
// it through Comlink. Everything crossing it is structured-cloneable data.
import type { DuplicateGroup, Finding } from '../findings';
import type { RecordRow } from '../schema';
import type { EngineConfig } from './config';
import { createEngine, type CheckEngine, type EngineChanges, type EngineSnapshot, type PairExplanation } from './engine';

export interface CheckService {
  /** (Re)start with an empty engine. Call first; calling again drops all rows. */
  init(config?: Partial<EngineConfig>): void;
  /** Add or replace rows (by key). Returns only what changed. */
  upsert(rows: RecordRow[]): EngineChanges;
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
  return {
    init(config) {
      engine = createEngine(config);
    },
    upsert: (rows) => engine.upsert(rows),
    remove: (keys) => engine.remove(keys),
    setConfig: (patch) => engine.setConfig(patch),
    snapshot: () => engine.snapshot(),
    findingsOf: (key) => engine.findingsOf(key),
    groupsOf: (key) => engine.groupsOf(key),
    explain: (a, b) => engine.explain(a, b),
  };
}
