// Run by bench/checks.ts (section 2) as a child process: one full check of N synthetic rows
// (argv[2]) in a fresh process that loads only the engine, as the CLI meets it. Prints
// { wall, cpu } in ms as JSON; the rows are made before the clock starts.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createEngine } from '../src/domain/engine/index';
import { syntheticRows } from './synthetic';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const { rows } = syntheticRows(Number(process.argv[2] ?? 100_000));
gc();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
createEngine({ today: process.argv[3] ?? '2025-06-01' }).upsert(rows);
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ wall, cpu: (cpu.user + cpu.system) / 1000 }));
