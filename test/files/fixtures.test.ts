// Files written by LibreOffice (see test/fixtures/README.md), not by us.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportSession } from '../../src/files/import-session';
import { templateColumns } from '../../src/sheet';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
const columns = templateColumns('standar');

function importOf(name: string) {
  const session = new ImportSession(fixture(name), name);
  const mapping = session.proposeMapping(columns);
  const { plan, preview } = session.preview(mapping, columns, []);
  return { session, summary: session.summary(), mapping, plan, preview };
}

describe('LibreOffice fixtures', () => {
  it('xlsx: merged two-row header, numbers with lost digits flagged, serial dates, trailing empty rows ignored', () => {
    const { summary, plan, preview } = importOf('lo-usulan-bpnt.xlsx');
    expect(summary.sheets).toEqual([{ name: 'Usulan BPNT', rows: 9 }, { name: 'Catatan', rows: 1 }]);
    expect(summary.headerRow).toBe(4);
    expect(summary.labels).toEqual(['No', 'NIK', 'No. KK', 'Nama Lengkap', 'Tgl Lahir', 'Alamat', 'Penghasilan', 'Status DTKS', 'Keterangan']);
    expect(summary.roles.slice(1, 5)).toEqual(['nik', 'no_kk', 'nama', 'tanggal_lahir']);
    expect(plan.rows.length).toBe(6);
    const first = plan.rows[0]!;
    expect(first.position).toBe(5);
    expect(first.values).toMatchObject({ nik: '3375015301891060', no_kk: '3375010101010000', nama: 'Siti Aminah', tanggal_lahir: '13-01-1989', penghasilan: '1250000' });
    const precision = plan.fileFindings.filter((f) => f.code === 'file-excel-precision');
    // Rows 1, 2, 4, 5, 6 have numeric NIK and No KK; row 3 typed them as text.
    expect(new Set(precision.map((f) => f.row))).toEqual(new Set(['impor#5', 'impor#6', 'impor#8', 'impor#9', 'impor#10']));
    expect(plan.rows[2]!.values.nik).toBe('3375014107920001');
    expect(plan.rows[4]!.values.catatan).toBe('=1+1 bukan rumus');
    expect(preview.summary.rows).toBe(6);
    expect(preview.summary.rowsWithErrors).toBeGreaterThanOrEqual(5);
  });

  it('csv with BOM and ";": every digit kept, duplicates found', () => {
    const { summary, plan, preview } = importOf('lo-usulan-bpnt-semicolon-bom.csv');
    expect(summary.delimiter).toBe(';');
    expect(summary.headerRow).toBe(4);
    expect(plan.rows.map((r) => r.values.nik)).toEqual([
      '3375015301891057', '3375011204850003', '3375014107920001', '3375015506700010', '3375010303600002', '3375015301891057',
    ]);
    expect(plan.rows[0]!.values.tanggal_lahir).toBe('13/01/1989');
    expect(plan.fileFindings).toEqual([]);
    expect(preview.summary.duplicatesInFile).toBe(2);
  });

  it('UTF-16 csv reads the same as UTF-8', () => {
    const a = importOf('lo-usulan-bpnt-utf16.csv').plan.rows.map((r) => r.values);
    const b = importOf('lo-usulan-bpnt-semicolon-bom.csv').plan.rows.map((r) => r.values);
    expect(a).toEqual(b);
  });

  it('scientific-notation NIKs are kept as written and flagged', () => {
    const { plan } = importOf('lo-nik-scientific.csv');
    expect(plan.rows[0]!.values.nik).toBe('3.37502E+15');
    expect(plan.fileFindings.filter((f) => f.row === 'impor#5').map((f) => f.column)).toEqual(['nik', 'no_kk']);
    expect(plan.fileFindings.some((f) => f.row === 'impor#7')).toBe(false);
  });
});
