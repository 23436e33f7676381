import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import ExcelJS from 'exceljs';
import { exportCsv, exportXlsx } from '../../src/files/export-table';
import { sheetToExportTable } from '../../src/files/sheet-export';
import { exportBnba } from '../../src/files/bnba';
import { exportRecapXlsx, recapLines } from '../../src/files/recap';
import { ImportSession } from '../../src/files/import-session';
import { applyImport } from '../../src/files/import-apply';
import { readTable } from '../../src/files';
import { getColumns, getRowValues, initSheet, rowIds } from '../../src/sheet';
import { META, sampleSheet } from './helpers';

function contents(doc: Y.Doc): Array<Record<string, string>> {
  return rowIds(doc).map((id) => getRowValues(doc, id));
}

function reimportNew(bytes: Uint8Array, name: string): Y.Doc {
  const session = new ImportSession(bytes, name);
  const target = new Y.Doc();
  initSheet(target, META, []);
  const mapping = session.proposeMapping([]);
  const { plan } = session.preview(mapping, [], []);
  applyImport(target, plan);
  return target;
}

describe('export', () => {
  it.each(['xlsx', 'csv'] as const)('round trip through %s gives the same sheet', (format) => {
    const doc = sampleSheet(300, 7);
    const table = sheetToExportTable(doc, 's1');
    const bytes = format === 'xlsx' ? exportXlsx(table) : exportCsv(table, { csv: { delimiter: ';' } });
    const back = reimportNew(bytes, `x.${format}`);
    expect(getColumns(back).map((c) => [c.id, c.role, c.label])).toEqual(getColumns(doc).map((c) => [c.id, c.role, c.label]));
    expect(contents(back)).toEqual(contents(doc));
  });

  it('xlsx: NIK as text, frozen styled header, widths, quotePrefix on formula-like text (read by exceljs)', async () => {
    const doc = sampleSheet(50, 3);
    const bytes = exportXlsx(sheetToExportTable(doc, 's1'), { findings: new Map([['s1/' + rowIds(doc)[0], [{ row: 'x', code: 'c', severity: 'error', message: 'NIK tidak 16 digit' }]]]) });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('A1').value).toBe('NIK');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    const nik = ws.getCell('A2');
    expect(typeof nik.value).toBe('string');
    expect(nik.value).toBe(getRowValues(doc, rowIds(doc)[0]!).nik);
    expect(nik.numFmt).toBe('@');
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(19);
    const header = (ws.getRow(1).values as unknown[]).filter(Boolean);
    expect(header.slice(-3)).toEqual(['Galat', 'Peringatan', 'Catatan pemeriksaan']);
    expect(ws.getCell(2, header.length - 2).value).toBe('NIK tidak 16 digit');
    // Formula-like text stays text: no cell in the file is a formula.
    ws.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('csv neutralises = + - @ and keeps values through the reader', () => {
    const doc = new Y.Doc();
    initSheet(doc, META, [{ id: 'nama', role: 'nama', label: 'Nama' }, { id: 'x', label: 'X' }]);
    const table = { meta: META, columns: getColumns(doc), rows: [{ key: 'a', values: { nama: '=cmd|"/c calc"!A1', x: '@SUM(1)' } }, { key: 'b', values: { nama: '-', x: '+1' } }] };
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(exportCsv(table));
    expect(text.split('\r\n')[1]).toBe(`"'=cmd|""/c calc""!A1",'@SUM(1)`);
    expect(text.split('\r\n')[2]).toBe(`'-,'+1`);
    expect(text.charCodeAt(0)).toBe(0xfeff);
  });

  it('BNBA leaves out graduated/removed rows; recap counts per kelurahan × program × status', () => {
    const doc = sampleSheet(200, 11);
    const table = sheetToExportTable(doc, 's1');
    const expected = table.rows.filter((r) => !['graduasi', 'dikeluarkan'].includes(r.values.status ?? '')).length;
    const t = readTable(exportBnba(table), 'bnba.xlsx');
    const rows = t.sheets[0]!.rows;
    const header = rows.findIndex((r) => r.cells[0]?.raw === 'NO');
    expect(rows[header]!.cells.map((c) => c?.raw)).toContain('NAMA PENERIMA');
    const data = rows.slice(header + 1).filter((r) => /^\d+$/.test(r.cells[0]?.raw ?? ''));
    expect(data.length).toBe(expected);
    expect(data[0]!.cells[1]!.type).toBe('string');
    const lines = recapLines([table]);
    expect(lines.reduce((n, l) => n + l.total, 0)).toBe(200);
    expect(lines.every((l) => Object.values(l.byStatus).reduce((a, b) => a + b, 0) === l.total)).toBe(true);
    const recap = readTable(exportRecapXlsx([table]), 'r.xlsx').sheets[0]!.rows;
    expect(recap.at(-1)!.cells[0]!.raw).toBe('TOTAL');
    expect(recap.at(-1)!.cells[3]).toEqual({ raw: '200', type: 'number' });
  });
});
