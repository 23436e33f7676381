// Where the check engine runs: in the check worker (workers/check-client.ts,
// Comlink), so a full check of a big sheet never blocks typing or scrolling.
// The page talks to it through this small async surface.
import type { EngineChanges, EngineConfig } from '../../../domain/engine';
import type { RecordRow } from '../../../domain/schema';
import { startCheckWorker } from '../../../../workers/check-client';

export interface AsyncEngine {
  /** Rows of `feed` for its next upsert, not checked yet: a big feed goes in parts and is checked as one batch. */
  stage(rows: RecordRow[], feed?: string): Promise<void>;
  /** Rows added or replaced, with those staged for `feed`. */
  upsert(rows: RecordRow[], feed?: string): Promise<EngineChanges>;
  remove(keys: string[]): Promise<EngineChanges>;
  /** Officers' judgements (decisions, overrides) re-check only the rows they name. */
  setConfig(patch: Partial<EngineConfig>): Promise<EngineChanges>;
  dispose(): void;
}

export async function startEngine(): Promise<AsyncEngine> {
  const worker = startCheckWorker();
  await worker.engine.init();
  return {
    stage: (rows, feed) => worker.engine.stage(rows, feed),
    upsert: (rows, feed) => worker.engine.upsert(rows, feed),
    remove: (keys) => worker.engine.remove(keys),
    setConfig: (patch) => worker.engine.setConfig(patch),
    dispose: () => worker.stop(),
  };
}
