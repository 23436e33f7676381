// Typed access to the check worker for the UI:
//   const checks = startCheckWorker();
//   await checks.engine.init({ today, referenceSources: ['dtks'] });
//   const changes = await checks.engine.upsert(toRecordRows(doc, sheetId));
//   ...; checks.stop();
// Every engine call is a promise; results are plain data (see check.worker.ts for the API).
import * as Comlink from 'comlink';
import type { CheckService } from '../src/domain/engine/service';

export type { CheckService } from '../src/domain/engine/service';
export type { EngineChanges, EngineSnapshot, EngineConfig, PairDecision } from '../src/domain/engine/index';

export interface CheckWorker {
  engine: Comlink.Remote<CheckService>;
  /** Terminate the worker (the engine's state goes with it). */
  stop(): void;
}

export function startCheckWorker(): CheckWorker {
  const worker = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module', name: 'selaras-check' });
  const engine = Comlink.wrap<CheckService>(worker);
  return {
    engine,
    stop() {
      engine[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
