// Where the check engine runs. The engine is the pure incremental one from
// src/domain/engine; the app talks to it through this async surface so the
// worker (workers/check-client.ts, Comlink) and the in-page fallback are
// interchangeable.
import type { EngineChanges } from '../../../domain/engine';
import type { RecordRow } from '../../../domain/schema';

export interface AsyncEngine {
  upsert(rows: RecordRow[]): Promise<EngineChanges>;
  remove(keys: string[]): Promise<EngineChanges>;
  dispose(): void;
}

export async function startEngine(): Promise<AsyncEngine> {
  const { createEngine } = await import('../../../domain/engine');
  const engine = createEngine();
  return {
    upsert: async (rows) => engine.upsert(rows),
    remove: async (keys) => engine.remove(keys),
    dispose: () => undefined,
  };
}
