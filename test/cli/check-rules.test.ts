// `selaras check --rules FILE.json`: the office's own eligibility settings (the
// same JSON as the app's workspace settings), refused clearly when wrong; and a
// note on stderr when a workbook has data on a worksheet that is not checked.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'selaras-rules-'));
  writeFileSync(join(dir, 'usulan.csv'), ['NIK,Nama,Tgl Lahir,L/P,Pekerjaan,Penghasilan', '3375016808900002,Dewi Lestari,28-08-1990,P,Satpol PP,1.800.000'].join('\n'));
  writeFileSync(join(dir, 'umk-rendah.json'), JSON.stringify({ umk: { amount: 1_500_000, label: 'UMK Kab. Contoh 2026' }, extraOccupationTerms: ['satpol pp'] }));
  writeFileSync(join(dir, 'salah.json'), JSON.stringify({ umk: { amount: 'satu juta' } }));
  writeFileSync(join(dir, 'rusak.json'), '{ umk: ');
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Usulan').addRows([['NIK', 'Nama'], ['3375016808900002', 'Dewi Lestari']]);
  wb.addWorksheet('Susulan').addRows([['NIK', 'Nama'], ['3375015201800003', 'Siti Aminah']]);
  await wb.xlsx.writeFile(join(dir, 'dua-lembar.xlsx'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const codesOf = (stdout: string) => (JSON.parse(stdout) as { findings: { code: string; message: string }[] }).findings;

describe('selaras check --rules', () => {
  it("uses the office's UMK and extra excluded occupations", async () => {
    const plain = await runCli(['check', 'usulan.csv', '--json', '--today', '2026-11-28'], dir);
    expect(codesOf(plain.stdout).map((f) => f.code)).not.toContain('income-above-umr');
    const local = await runCli(['check', 'usulan.csv', '--json', '--today', '2026-11-28', '--rules', 'umk-rendah.json'], dir);
    const findings = codesOf(local.stdout);
    expect(findings.map((f) => f.code)).toEqual(expect.arrayContaining(['income-above-umr', 'occupation-excluded']));
    expect(findings.find((f) => f.code === 'income-above-umr')?.message).toContain('UMK Kab. Contoh 2026');
  });

  it('refuses a wrong or unreadable rules file with exit code 2 and a message naming the problem', async () => {
    const wrong = await runCli(['check', 'usulan.csv', '--rules', 'salah.json'], dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('umk.amount');
    const broken = await runCli(['check', 'usulan.csv', '--rules', 'rusak.json'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('bukan JSON yang sah');
  });

  it('says on stderr (not in the JSON) when another worksheet also has data', async () => {
    const { stdout, stderr } = await runCli(['check', 'dua-lembar.xlsx', '--json'], dir);
    expect(stderr).toContain('"Susulan"');
    expect(stderr).toContain('--sheet');
    expect((JSON.parse(stdout) as { rows: number }).rows).toBe(1);
  });
});
