// Import/export speeds for 10k and 50k rows (npm run bench:files). Prints the
// time of each stage — parse, map (header + mapping + plan), check (the check
// engine over every incoming row), apply (one Yjs transaction) — for .xlsx and
// .csv, and of each export. Numbers, not assertions: machines are noisy, so
// exceljs (a widely used reader/writer) runs on the same data in the same run
// as a baseline; the ratio is the trustworthy form.
import * as Y from 'yjs';
import ExcelJS from 'exceljs';
import { readTable } from '../src/files/read';
import { findHeader } from '../src/files/header';
import { proposeMapping } from '../src/files/mapping';
import { buildImportPlan } from '../src/files/import-plan';
import { engineCheck, previewImport } from '../src/files/import-check';
import { applyImport, RELAY_UPDATE_BUDGET } from '../src/files/import-apply';
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

function benchImport(bytes: Uint8Array, name: string, n: number): number {
  const [table, parse] = time(() => readTable(bytes, name));
  const target = new Y.Doc();
  initSheet(target, META, templateColumns('standar'));
  const [plan, map] = time(() => {
    const sheet = table.sheets[0]!;
    const header = findHeader(sheet);
    const mapping = proposeMapping(header.labels, header.roles, getColumns(target));
    return buildImportPlan(sheet, header, mapping, getColumns(target), { date1904: table.date1904, fromCsv: table.format === 'csv' });
  });
  const [preview, check] = time(() => previewImport(plan, [], engineCheck({ today: '2025-06-01' })));
  const [applied, apply] = time(() => applyImport(target, plan, { maxUpdateBytes: RELAY_UPDATE_BUDGET }));
  if (rowIds(target).length !== n || preview.summary.rows !== n) throw new Error(`expected ${n} rows`);
  const total = parse + map + check + apply;
  console.log(
    `  import ${name.padEnd(5)} parse ${ms(parse)}  map ${ms(map)}  check ${ms(check)}  apply ${ms(apply)}  = ${ms(total)}  (${(bytes.length / 1048576).toFixed(1)} MB; ${preview.summary.errors} errors, ${preview.summary.duplicatesInFile} dup rows; ${applied.transactions} tx)`,
  );
  return total;
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
    benchImport(xlsx, 'xlsx', n);
    benchImport(csv, 'csv', n);
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
