// Bundled by bench/checks.ts (section 2b) and run as a Web Worker in headless Chromium:
// one full check of `n` synthetic rows in a fresh worker, as the app's check worker
// (workers/check.worker.ts) meets it when a workspace opens. Posts { wall } in ms.
import { createEngine } from '../src/domain/engine/index';
import { syntheticRows } from './synthetic';

onmessage = (e: MessageEvent<{ n: number; today: string }>) => {
  const { n, today } = e.data;
  // Cloned as postMessage would hand them over: the worker's rows come from a message.
  const rows = structuredClone(syntheticRows(n).rows);
  const t0 = performance.now();
  createEngine({ today }).upsert(rows);
  postMessage({ wall: performance.now() - t0 });
};
