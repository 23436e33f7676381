// The check engine's public surface (used by workers/check.worker.ts, the CLI and the server).
export { createEngine } from './engine';
export type { CheckEngine, EngineChanges, EngineSnapshot, GroupChanges, PairExplanation, RowFindings } from './engine';
export { defaultConfig } from './config';
export type { EngineConfig, PairDecision } from './config';
export { createCheckService } from './service';
export type { CheckService } from './service';
