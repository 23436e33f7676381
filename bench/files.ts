// Import/export speeds for 10k and 50k rows (npm run bench:files). Prints the
// time of each stage — parse, map (header + mapping + plan), check (the check
// engine over every incoming row), apply (the app's path: applyImportInParts
// under UI_UPDATE_BUDGET, each part's rows copied from the files worker as
// postMessage does, with an update listener as the page's providers have) —
// for .xlsx and .csv, the longest the page is
// held by one part, the largest update sent, and each export. Numbers, not
// assertions: machines are noisy, so exceljs (a widely used reader/writer)
// runs on the same data in the same run as a baseline; the ratio is the
// trustworthy form. The budget: a 50k-row import under 10 s end to end.
import * as Y from 'yjs';
import ExcelJS from 'exceljs';
import { readTable } from '../src/files/read';
import { findHeader } from '../src/files/header';
import { proposeMapping } from '../src/files/mapping';
import { buildImportPlan } from '../src/files/import-plan';
import { engineCheck, previewImport } from '../src/files/import-check';
import { applyImportInParts, planOutline, UI_UPDATE_BUDGET } from '../src/files/import-apply';
import { exportCsv, exportXlsx } from '../src/files/export-table';
import { exportBnba } from '../src/files/bnba';
import { exportRecapXlsx } from '../src/files/recap';
import { sheetToExportTable } from '../src/files/sheet-export';
import { appendRows, getColumns, initSheet, rowIds, templateColumns } from '../src/sheet';
import { META } from '../test/files/helpers';
import { syntheticRows } from './synthetic';

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;

/** The check bench's synthetic recipients (typos, old spelling, Excel-damaged NIKs, duplicates across sheets) as one sheet. */
function sourceSheet(n: number): Y.Doc {
  const doc = new Y.Doc();
  initSheet(doc, META, templateColumns('standar'));
  const rows = syntheticRows(n).rows.map((r) => {
    const values: Record<string, string> = {};
    for (const [role, v] of Object.entries(r.values)) if (v) values[role] = v;
    return values;
  });
  appendRows(doc, rows);
  return doc;
}

/** Runs `f` with a 1 ms ticker beside it; the longest gap between ticks is the longest the thread was held. */
async function longestBlock<T>(f: () => Promise<T>): Promise<[T, number]> {
  let last = performance.now();
  let worst = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  try {
    const v = await f();
    worst = Math.max(worst, performance.now() - last);
    return [v, worst];
  } finally {
    clearInterval(ticker);
  }
}

/** Wall and CPU time (user + system, all threads) of each stage: on a shared machine CPU time is the steadier one. */
class Stages {
  readonly wall: Record<string, number> = {};
  readonly cpu: Record<string, number> = {};
  run<T>(label: string, f: () => T): T {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const v = f();
    this.wall[label] = performance.now() - t0;
    const c = process.cpuUsage(c0);
    this.cpu[label] = (c.user + c.system) / 1000;
    return v;
  }
  async runAsync<T>(label: string, f: () => Promise<T>): Promise<T> {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const v = await f();
    this.wall[label] = performance.now() - t0;
    const c = process.cpuUsage(c0);
    this.cpu[label] = (c.user + c.system) / 1000;
    return v;
  }
  line(of: Record<string, number>, budget = false): string {
    const total = Object.values(of).reduce((a, b) => a + b, 0);
    const verdict = budget ? `  ${total < 10_000 ? '<' : '>'} 10 s budget` : '';
    return `${Object.entries(of).map(([k, v]) => `${k} ${ms(v)}`).join('  ')}  = ${ms(total)}${verdict}`;
  }
}

async function benchImport(bytes: Uint8Array, name: string, n: number): Promise<void> {
  const st = new Stages();
  const table = st.run('parse', () => readTable(bytes, name));
  const target = new Y.Doc();
  initSheet(target, META, templateColumns('standar'));
  const plan = st.run('map', () => {
    const sheet = table.sheets[0]!;
    const header = findHeader(sheet);
    const mapping = proposeMapping(header.labels, header.roles, getColumns(target));
    return buildImportPlan(sheet, header, mapping, getColumns(target), { date1904: table.date1904, fromCsv: table.format === 'csv' });
  });
  const preview = st.run('check', () => previewImport(plan, [], engineCheck({ today: '2025-06-01' })));
  // The page's providers (local store, relay) listen for updates, so Yjs encodes each part.
  let largest = 0;
  target.on('update', (u: Uint8Array) => (largest = Math.max(largest, u.length)));
  // As the import dialog does: the outline, then each part's rows copied from the worker (postMessage) and written.
  let transfer = 0;
  const outline = planOutline(structuredClone(plan), UI_UPDATE_BUDGET);
  const [applied, held] = await st.runAsync('apply', () =>
    longestBlock(() =>
      applyImportInParts(target, outline, async (from, to) => {
        const t0 = performance.now();
        const rows = structuredClone(plan.rows.slice(from, to));
        transfer += performance.now() - t0;
        return rows;
      }),
    ),
  );
  if (rowIds(target).length !== n || preview.summary.rows !== n) throw new Error(`expected ${n} rows`);
  console.log(`  import ${name.padEnd(5)} wall ${st.line(st.wall, true)}`);
  console.log(`               cpu  ${st.line(st.cpu)}`);
  console.log(
    `               ${(bytes.length / 1048576).toFixed(1)} MB; ${preview.summary.errors} errors, ${preview.summary.duplicatesInFile} dup rows; apply in ${applied.transactions} tx (copying the rows from the worker ${transfer.toFixed(0)} ms of it), largest update ${(largest / 1048576).toFixed(1)} MB (relay limit 16), page held at most ${held.toFixed(0)} ms at once`,
  );
}

async function main(): Promise<void> {
  const { loadavg, cpus } = await import('node:os');
  console.log(`bench:files — node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}`);
  for (const n of [10_000, 50_000]) {
    console.log(`\n${n.toLocaleString('en')} rows × ${templateColumns('standar').length} columns`);
    const doc = sourceSheet(n);
    const [table, read] = time(() => sheetToExportTable(doc, 'bench'));
    const [xlsx, tx] = time(() => exportXlsx(table));
    const [csv, tc] = time(() => exportCsv(table));
    const [, tb] = time(() => exportBnba(table));
    const [, tr] = time(() => exportRecapXlsx([table]));
    console.log(`  export read sheet ${ms(read)}  xlsx ${ms(tx)} (${(xlsx.length / 1048576).toFixed(1)} MB)  csv ${ms(tc)}  bnba ${ms(tb)}  recap ${ms(tr)}`);
    await benchImport(xlsx, 'xlsx', n);
    await benchImport(csv, 'csv', n);
    // Baseline: exceljs reading and writing the same workbook, in the same run.
    const t0 = performance.now();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const exRead = performance.now() - t0;
    const t1 = performance.now();
    await wb.xlsx.writeBuffer();
    const exWrite = performance.now() - t1;
    const [, ours] = time(() => readTable(xlsx, 'x.xlsx'));
    console.log(`  baseline exceljs read ${ms(exRead)} (ours ${ms(ours)}, ×${(exRead / ours).toFixed(1)})  write ${ms(exWrite)} (ours ${ms(tx)}, ×${(exWrite / tx).toFixed(1)})`);
  }
}

await main();
console.log(`\nload average at the end ${(await import("node:os")).loadavg().map((x) => x.toFixed(1)).join(" ")}`);
