// `selaras check` on small real files (CSV and XLSX written here), through the
// real entry point: the --json contract, the readable report, exit codes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'selaras-check-'));
  writeFileSync(
    join(dir, 'BPNT-Medono.csv'),
    [
      'No,NIK,Nama Lengkap,Tgl Lahir,L/P,No KK,Alamat,RT,RW',
      "1,'3375015201800003,Siti Aminah,12-01-1980,P,3375010101200001,Jl. Merdeka No. 5,001,002",
      '2,3.37501530189105E+15,Budi Santoso,03-04-1975,L,3375010101200002,Gg. Mawar 2,003,004',
      '3,3375011704650001,Soekarno Hadi,17-04-1965,L,3375010101200003,Kp. Baru,005,001',
    ].join('\n'),
  );
  // An XLSX the way offices send them: a title block, a typed header, NIK as text.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Usulan');
  ws.addRow(['DAFTAR USULAN JPS KABUPATEN']);
  ws.addRow([]);
  ws.addRow(['NO', 'NIK KTP', 'NAMA', 'TGL_LAHIR', 'JK', 'ALAMAT', 'RT', 'RW', 'PROGRAM']);
  ws.addRow([1, '3375015201800003', 'St. Aminah', '01-12-1980', 'P', 'JALAN MERDEKA 5', '1', '2', 'JPS Kabupaten']);
  ws.addRow([2, '3375016808900002', 'Dewi Lestari', '28-08-1990', 'P', 'Jl. Melati 9', '2', '2', 'JPS Kabupaten']);
  await wb.xlsx.writeFile(join(dir, 'Usulan-JPS.xlsx'));
  writeFileSync(
    join(dir, 'DTKS.csv'),
    ['NIK;NAMA;TANGGAL LAHIR', '3375011704650001;SUKARNO HADI;17-04-1965', '3375019999990001;Orang Lain;01-01-1950'].join('\n'),
  );
  writeFileSync(join(dir, 'clean.csv'), ['NIK,Nama,Tgl Lahir,L/P', '3375016808900002,Dewi Lestari,28-08-1990,P'].join('\n'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Report {
  rows: number;
  duplicates: { kind: string; score: number; members: { file: string; row: number }[]; reasons: string[] }[];
  findings: { file: string; row: number; column: string | null; code: string; severity: string; message: string }[];
}

describe('selaras check', () => {
  it('--json: duplicates across CSV and XLSX, Excel-damaged NIK, DTKS classification, overlaps', async () => {
    const { code, stdout, stderr } = await runCli(
      ['check', 'BPNT-Medono.csv', 'Usulan-JPS.xlsx', '--reference', 'DTKS.csv', '--json', '--today', '2025-06-01'],
      dir,
    );
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Report;
    expect(Object.keys(report)).toEqual(['rows', 'duplicates', 'findings']);
    expect(report.rows).toBe(5);
    const person = report.duplicates.find((d) => d.kind === 'person');
    expect(person?.members).toEqual([
      { file: 'BPNT-Medono.csv', row: 1 },
      { file: 'Usulan-JPS.xlsx', row: 1 },
    ]);
    expect(person?.score).toBeGreaterThan(0.9);
    expect(person?.reasons[0]).toMatch(/^NIK sama \+ nama sama \+ tanggal lahir sama \(hari dan bulan tertukar\)/);
    const at = (file: string, row: number) => report.findings.filter((f) => f.file === file && f.row === row);
    const excel = at('BPNT-Medono.csv', 2).find((f) => f.code === 'nik-excel-scientific');
    expect(excel).toMatchObject({ column: 'nik', severity: 'error' });
    // BPNT (from the file name) with JPS kabupaten is a forbidden overlap, on both rows.
    expect(at('BPNT-Medono.csv', 1).map((f) => f.code)).toContain('program-overlap');
    expect(at('Usulan-JPS.xlsx', 1).map((f) => f.code)).toContain('program-overlap');
    // DTKS / Non-DTKS for every row; the reference list itself is not reported.
    expect(at('BPNT-Medono.csv', 3).find((f) => f.code === 'dtks')?.message).toMatch(/^Terdaftar di DTKS \(DTKS.csv baris 1/);
    expect(at('Usulan-JPS.xlsx', 2).map((f) => f.code)).toContain('non-dtks');
    expect(report.findings.some((f) => f.file === 'DTKS.csv')).toBe(false);
    for (const f of report.findings) {
      expect(Object.keys(f)).toEqual(['file', 'row', 'column', 'code', 'severity', 'message']);
      expect(['error', 'warning', 'info']).toContain(f.severity);
    }
  });

  it('prints a readable report in Bahasa Indonesia', async () => {
    const { code, stdout } = await runCli(['check', 'BPNT-Medono.csv', 'Usulan-JPS.xlsx', '--today', '2025-06-01'], dir);
    expect(code).toBe(1);
    expect(stdout).toContain('Duplikat: 1 kelompok (1 orang, 0 KK)');
    expect(stdout).toContain('BPNT-Medono.csv baris 1, Usulan-JPS.xlsx baris 1');
    expect(stdout).toMatch(/\[GALAT\] nik: NIK tertulis sebagai angka Excel/);
  });

  it('exits 0 on a clean list and 2 on usage errors or unreadable files', async () => {
    expect((await runCli(['check', 'clean.csv', '--today', '2025-06-01'], dir)).code).toBe(0);
    const none = await runCli(['check'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Sebutkan minimal satu berkas');
    const missing = await runCli(['check', 'tidak-ada.csv'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Berkas tidak ditemukan: tidak-ada.csv');
    const badMap = await runCli(['check', 'clean.csv', '--map', 'nik=soc_sec_id'], dir);
    expect(badMap.code).toBe(2);
    expect(badMap.stderr).toContain('Kolom "soc_sec_id" (untuk nik) tidak ada di clean.csv');
  });
});
