// A third-party reader and writer: LibreOffice (headless) opens our exports and
// saves them again, and converts the hand-written fixture sources live. Every
// value (NIK digits, formula-like text, line breaks) must survive, and what
// LibreOffice writes must import as the same sheet.
// Runs where LibreOffice is installed (CI installs it: .ci/run); skipped elsewhere.
// Each conversion runs soffice with a private profile (-env:UserInstallation) in a
// temporary directory, so it never touches or waits for a user's LibreOffice.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readTable } from '../../src/files';
import { exportBnba } from '../../src/files/bnba';
import { exportXlsx } from '../../src/files/export-table';
import { applyImport } from '../../src/files/import-apply';
import { ImportSession } from '../../src/files/import-session';
import { sheetToExportTable } from '../../src/files/sheet-export';
import { getColumns, getRowValues, initSheet, rowIds, templateColumns } from '../../src/sheet';
import { META, sampleSheet } from './helpers';

const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

// Field separator, text delimiter, charset (76 = UTF-8), first line, cell format, language,
// quote all text, detect special numbers, save as shown, formulas, remove space.
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false';
const XLSX_FILTER = 'xlsx:Calc MS Excel 2007 XML';

const fixtureSource = (name: string) => fileURLToPath(new URL(`../fixtures/src/${name}`, import.meta.url));
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

/** Converts the given files (one soffice start for all of them); returns the outputs' bytes in the same order. */
function convert(dir: string, filter: string, inputs: Array<{ name: string; bytes?: Uint8Array; path?: string }>): Uint8Array[] {
  const inDir = mkdtempSync(join(dir, 'in-'));
  const outDir = mkdtempSync(join(dir, 'out-'));
  const paths = inputs.map((f) => {
    const p = join(inDir, f.name);
    writeFileSync(p, f.bytes ?? readFileSync(f.path!));
    return p;
  });
  execFileSync(soffice!, ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', filter, '--outdir', outDir, ...paths], {
    env: { ...process.env, HOME: dir },
    stdio: 'ignore',
    timeout: 120_000,
  });
  const ext = filter.slice(0, filter.indexOf(':'));
  return inputs.map((f) => new Uint8Array(readFileSync(join(outDir, `${basename(f.name).replace(/\.[^.]+$/, '')}.${ext}`))));
}

/** A file imported into a new sheet with the mapping Selaras proposes. */
function importIntoNewSheet(bytes: Uint8Array, name: string): Y.Doc {
  const doc = new Y.Doc();
  initSheet(doc, META, templateColumns('standar'));
  const session = new ImportSession(bytes, name);
  const mapping = session.proposeMapping(getColumns(doc));
  const { plan } = session.preview(mapping, getColumns(doc), []);
  applyImport(doc, plan);
  return doc;
}

const rowsOf = (doc: Y.Doc) => rowIds(doc).map((id) => getRowValues(doc, id));

describe.skipIf(!soffice)('LibreOffice reads and writes our files', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'selaras-lo-'));
    mkdirSync(join(dir, 'profile'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every cell of our .xlsx comes back as we wrote it, NIK digits included, and the BNBA opens', () => {
    const doc = sampleSheet(60, 21);
    const table = sheetToExportTable(doc, 's');
    const [sheetCsv, bnbaCsv] = convert(dir, CSV_FILTER, [
      { name: 'sheet.xlsx', bytes: exportXlsx(table) },
      { name: 'bnba.xlsx', bytes: exportBnba(table) },
    ]);
    const csv = readTable(sheetCsv!, 'sheet.csv').sheets[0]!;
    const cols = getColumns(doc);
    expect(csv.rows[0]!.cells.map((c) => c?.raw ?? '')).toEqual(cols.map((c) => c.label));
    const ids = rowIds(doc);
    expect(csv.rows.length - 1).toBe(ids.length);
    csv.rows.slice(1).forEach((row, i) => {
      const values = getRowValues(doc, ids[i]!);
      // Money columns are written as numbers; everything else as text, unchanged.
      expect(cols.map((c, k) => [c.id, row.cells[k]?.raw ?? ''])).toEqual(cols.map((c) => [c.id, values[c.id] ?? '']));
    });
    const bnba = readTable(bnbaCsv!, 'bnba.csv').sheets[0]!;
    expect(bnba.rows.some((r) => r.cells[0]?.raw === 'NO' && r.cells[1]?.raw === 'NIK')).toBe(true);
  });

  it('our .xlsx saved again by LibreOffice (its own writer) imports as the same sheet', () => {
    const doc = sampleSheet(80, 33);
    const [resaved] = convert(dir, XLSX_FILTER, [{ name: 'ekspor.xlsx', bytes: exportXlsx(sheetToExportTable(doc, 's')) }]);
    const back = importIntoNewSheet(resaved!, 'ekspor-lo.xlsx');
    expect(rowsOf(back)).toEqual(rowsOf(doc));
  });

  it('the fixture sources converted now read as the committed fixtures do', () => {
    const [xlsx] = convert(dir, XLSX_FILTER, [{ name: 'usulan-bpnt.fods', path: fixtureSource('usulan-bpnt.fods') }]);
    const live = rowsOf(importIntoNewSheet(xlsx!, 'usulan-bpnt.xlsx'));
    expect(live).toHaveLength(6);
    expect(live).toEqual(rowsOf(importIntoNewSheet(fixture('lo-usulan-bpnt.xlsx'), 'lo-usulan-bpnt.xlsx')));
  });
});
