// A third-party reader: LibreOffice opens our .xlsx exports and saves them as
// CSV; every value (NIK digits, formula-like text, line breaks) must survive.
// Runs where LibreOffice is installed (see test/fixtures/README.md); skipped elsewhere.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/files';
import { exportBnba } from '../../src/files/bnba';
import { exportXlsx } from '../../src/files/export-table';
import { sheetToExportTable } from '../../src/files/sheet-export';
import { getColumns, getRowValues, rowIds } from '../../src/sheet';
import { sampleSheet } from './helpers';

const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

function convert(bytes: Uint8Array, dir: string): Uint8Array {
  writeFileSync(join(dir, 'in.xlsx'), bytes);
  execFileSync(
    soffice!,
    ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false', '--outdir', dir, join(dir, 'in.xlsx')],
    { env: { ...process.env, HOME: dir }, stdio: 'ignore', timeout: 120_000 },
  );
  return new Uint8Array(readFileSync(join(dir, 'in.csv')));
}

describe.skipIf(!soffice)('LibreOffice reads our .xlsx', () => {
  it('every cell comes back as we wrote it, NIK digits included, and the BNBA opens', () => {
    const dir = mkdtempSync(join(tmpdir(), 'selaras-lo-'));
    try {
      const doc = sampleSheet(60, 21);
      const csv = readTable(convert(exportXlsx(sheetToExportTable(doc, 's')), dir), 'in.csv').sheets[0]!;
      const cols = getColumns(doc);
      expect(csv.rows[0]!.cells.map((c) => c?.raw ?? '')).toEqual(cols.map((c) => c.label));
      const ids = rowIds(doc);
      csv.rows.slice(1).forEach((row, i) => {
        const values = getRowValues(doc, ids[i]!);
        // Money columns are written as numbers; everything else as text, unchanged.
        expect(cols.map((c, k) => [c.id, row.cells[k]?.raw ?? ''])).toEqual(cols.map((c) => [c.id, values[c.id] ?? '']));
      });
      const bnba = readTable(convert(exportBnba(sheetToExportTable(doc, 's')), dir), 'in.csv').sheets[0]!;
      expect(bnba.rows.some((r) => r.cells[0]?.raw === 'NO' && r.cells[1]?.raw === 'NIK')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
