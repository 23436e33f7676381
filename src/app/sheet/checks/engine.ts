// Where the check engine runs: in the check worker (workers/check-client.ts,
// Comlink), so a full check of a big sheet never blocks typing or scrolling.
// The page talks to it through this small async surface.
import type { EngineChanges, EngineConfig } from '../../../domain/engine';
import type { RecordRow } from '../../../domain/schema';
import { startCheckWorker } from '../../../../workers/check-client';

export interface AsyncEngine {
  /** Rows for the next upsert, not checked yet: a big feed goes in parts and is checked as one batch. */
  stage(rows: RecordRow[]): Promise<void>;
  upsert(rows: RecordRow[]): Promise<EngineChanges>;
  remove(keys: string[]): Promise<EngineChanges>;
  /** Officers' judgements (decisions, overrides) re-check only the rows they name. */
  setConfig(patch: Partial<EngineConfig>): Promise<EngineChanges>;
  dispose(): void;
}

export async function startEngine(): Promise<AsyncEngine> {
  const worker = startCheckWorker();
  await worker.engine.init();
  return {
    stage: (rows) => worker.engine.stage(rows),
    upsert: (rows) => worker.engine.upsert(rows),
    remove: (keys) => worker.engine.remove(keys),
    setConfig: (patch) => worker.engine.setConfig(patch),
    dispose: () => worker.stop(),
  };
}
