// `selaras check` on the awkward inputs of the issue-3 acceptance audit, through the real
// CLI on files written here: which worksheet is checked, files whose headers say nothing,
// --map next to a normally-headed DTKS, Excel's own cell values (#N/A, a NIK stored as a
// number), repeated files, impossible dates, binary files and a reader that hangs up.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRows } from '../../server/cli/check';
import { runCli } from './run-cli';

interface Report {
  rows: number;
  duplicates: { kind: string; score: number; members: { file: string; row: number }[]; reasons: string[] }[];
  findings: { file: string; row: number; column: string | null; code: string; severity: string; message: string }[];
}

const TODAY = ['--today', '2025-06-01'];
let dir = '';

const csv = (name: string, lines: string[]) => writeFileSync(join(dir, name), lines.join('\n'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'selaras-check-inputs-'));
  // An instruction sheet in front of the list, as offices send them.
  const two = new ExcelJS.Workbook();
  two.addWorksheet('Petunjuk').getCell('A1').value = 'Isi daftar di lembar Data. NIK ditulis sebagai teks.';
  const data = two.addWorksheet('Data');
  data.addRow(['NIK', 'Nama', 'Tgl Lahir']);
  data.addRow(['3375015201800003', 'Siti Aminah', '12-01-1980']);
  data.addRow(['3375016808900002', 'Dewi Lestari', '28-08-1990']);
  await two.xlsx.writeFile(join(dir, 'twosheets.xlsx'));
  // No sheet with a NIK or nama column at all.
  const none = new ExcelJS.Workbook();
  none.addWorksheet('Petunjuk').getCell('A1').value = 'Petunjuk pengisian';
  const other = none.addWorksheet('Rekap');
  other.addRow(['Kecamatan', 'Jumlah']);
  other.addRow(['Medono', 12]);
  await none.xlsx.writeFile(join(dir, 'rekap.xlsx'));
  // A NIK Excel stored as a number (15 significant digits kept) and #N/A in a name.
  const num = new ExcelJS.Workbook();
  const ws = num.addWorksheet('PKH');
  ws.addRow(['NIK', 'No KK', 'Nama', 'Tgl Lahir']);
  ws.addRow(['3375015201800003', '3375010101200001', 'Siti Aminah', '12-01-1980']);
  ws.addRow([3375015301891050, 3375010101200002, 'Budi Santoso', '13-01-1989']);
  ws.addRow(['3375016808900002', '3375010101200003', { error: '#N/A' }, '28-08-1990']);
  await num.xlsx.writeFile(join(dir, 'PKH-numeric.xlsx'));
  // Sheets in front of the list that name a nama column but are not the list: an instruction sheet
  // describing the columns, a signature block. Then two lists: the fuller one is checked.
  const front = new ExcelJS.Workbook();
  const help = front.addWorksheet('Petunjuk');
  help.addRow(['No', 'Nama Kolom', 'Keterangan']);
  help.addRow([1, 'NIK', '16 digit, ditulis sebagai teks']);
  help.addRow([2, 'Nama', 'sesuai KTP']);
  const sign = front.addWorksheet('Pengesahan');
  sign.addRow(['Nama', 'Jabatan', 'NIP']);
  sign.addRow(['Drs. Bambang Sutrisno', 'Kepala Dinas Sosial', '196801011990031001']);
  const list = front.addWorksheet('Data');
  list.addRow(['NIK', 'No KK', 'Nama', 'Tgl Lahir']);
  list.addRow(['3375015201800003', '3375010101200001', 'Siti Aminah', '12-01-1980']);
  list.addRow(['3375016808900002', '3375010101200003', 'Dewi Lestari', '28-08-1990']);
  await front.xlsx.writeFile(join(dir, 'front-sheets.xlsx'));
  const lists = new ExcelJS.Workbook();
  const names = lists.addWorksheet('Nama saja');
  names.addRow(['Nama']);
  for (const n of ['Siti Aminah', 'Dewi Lestari', 'Budi Santoso', 'Sri Wahyuni']) names.addRow([n]);
  const nik4 = ['3375015201800003', '3375016808900002', '3375015301891050', '3375014404700017'];
  const people4 = [['Siti Aminah', '12-01-1980'], ['Dewi Lestari', '28-08-1990'], ['Sri Wahyuni', '13-01-1989'], ['Suparmi', '04-04-1970']];
  const old = lists.addWorksheet('Usulan lama');
  old.addRow(['NIK', 'Nama']);
  for (const n of nik4) old.addRow([n, 'Orang Lama']);
  const small = lists.addWorksheet('Usulan kecil');
  small.addRow(['NIK', 'Nama', 'Tgl Lahir']);
  for (let i = 0; i < 3; i++) small.addRow([nik4[i], ...(people4[i] as string[])]);
  for (const name of ['Usulan baru', 'Usulan salinan']) {
    const sheet = lists.addWorksheet(name);
    sheet.addRow(['NIK', 'Nama', 'Tgl Lahir']);
    for (let i = 0; i < 4; i++) sheet.addRow([nik4[i], ...(people4[i] as string[])]);
  }
  // A header-only template and a one-row sample with more columns, before the list.
  const forms = new ExcelJS.Workbook();
  forms.addWorksheet('Format').addRow(['NIK', 'No KK', 'Nama', 'JK', 'Tgl Lahir', 'Alamat', 'RT', 'RW', 'Desa/Kel', 'Kec']);
  const sample = forms.addWorksheet('Contoh');
  sample.addRow(['NIK', 'No KK', 'Nama', 'JK', 'Tgl Lahir', 'Alamat', 'RT', 'RW', 'Kec']);
  sample.addRow(['3375019999990001', '3375010101200009', 'Contoh Nama', 'L', '01-01-1980', 'Jl. Contoh 1', '1', '1', 'Pekalongan Barat']);
  const listed = forms.addWorksheet('Data');
  listed.addRow(['NIK', 'Nama', 'Tgl Lahir']);
  for (let i = 0; i < 4; i++) listed.addRow([nik4[i], ...(people4[i] as string[])]);
  await forms.xlsx.writeFile(join(dir, 'forms.xlsx'));
  await lists.xlsx.writeFile(join(dir, 'lists.xlsx'));
  // #N/A where the NIK should be, in a row that has another problem of its own (31 February).
  const naNik = new ExcelJS.Workbook();
  const na = naNik.addWorksheet('Data');
  na.addRow(['NIK', 'Nama', 'Tgl Lahir']);
  na.addRow(['3375015201800003', 'Siti Aminah', '12-01-1980']);
  na.addRow([{ error: '#N/A' }, 'Dewi Lestari', '31-02-1990']);
  await naNik.xlsx.writeFile(join(dir, 'na-nik.xlsx'));
  // The same NIKs written plainly and as officers write them (dashes, no-break spaces, curly quotes).
  const people = ['Suparmi,04-04-1970', 'Sumini,04-04-1971', 'Sumirah,04-04-1972'];
  const plain = ['3375014404700017', '3375014404700099', '3375019999990000'];
  const written = ['3375-0144-0470-0017', '3375\u00a00144\u00a00470\u00a00099', '\u20183375019999990000\u2019'];
  csv('id-plain.csv', ['ID Penerima,Nama,Tgl Lahir', ...plain.map((n, i) => `${n},${people[i]}`)]);
  csv('id-written.csv', ['ID Penerima,Nama,Tgl Lahir', ...written.map((n, i) => `${n},${people[i]}`)]);
  csv('febrl.csv', [
    'rec_id,given_name,surname,date_of_birth,soc_sec_id',
    'rec-1-org,michaela,neumann,19151111,5304218',
    'rec-1-dup-0,michaela,neuman,19151111,5304218',
    'rec-2-org,james,smith,19700304,1234567',
  ]);
  // Mapped columns holding real NIKs, checked against a DTKS with its own headers.
  csv('usulan.csv', ['nomor_induk,nm_penerima,tgl', '3375011704650001,Soekarno Hadi,17-04-1965', '3375016808900002,Dewi Lestari,28-08-1990']);
  csv('DTKS.csv', ['NIK;NAMA;TANGGAL LAHIR', '3375011704650001;SUKARNO HADI;17-04-1965', '3375019999990001;Orang Lain;01-01-1950']);
  csv('nik-only.csv', ['NIK', '3375011704650001', '3375016808900002']);
  csv('nama-only.csv', ['Nama Lengkap', 'Siti Aminah', 'Dewi Lestari']);
  csv('short-nik.csv', ['NIK,Nama', '5304218,Siti Aminah', '1234567,Dewi Lestari']);
  csv('clean.csv', ['NIK,Nama,Tgl Lahir,L/P', '3375016808900002,Dewi Lestari,28-08-1990,P']);
  csv('sci.csv', ['NIK,Nama', '3.37501E+15,Budi Santoso']);
  const rows = ['NIK,Nama,Tgl Lahir'];
  for (let i = 0; i < 3000; i++) rows.push(`12345,Orang ${i},99-99-2000`);
  csv('big.csv', rows);
  writeFileSync(join(dir, 'ls.csv'), readFileSync(process.execPath).subarray(0, 65536));
  writeFileSync(join(dir, 'cp1252.csv'), Uint8Array.from('NIK,Nama\n3375016808900002,André Lubis\n', (c) => c.charCodeAt(0) & 0xff));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const check = async (...args: string[]) => runCli(['check', ...args], dir);
const json = (stdout: string) => JSON.parse(stdout) as Report;

describe('which worksheet is checked', () => {
  it('passes over an instruction sheet to the first sheet with a recognised header, and says so', async () => {
    const { code, stdout, stderr } = await check('twosheets.xlsx', '--json', ...TODAY);
    expect(code).toBe(0);
    expect(json(stdout).rows).toBe(2);
    expect(stderr).toContain('juga berisi data di lembar "Petunjuk"; yang diperiksa hanya "Data"');
  });

  it('refuses a workbook where no sheet names a NIK or nama column', async () => {
    const { code, stdout, stderr } = await check('rekap.xlsx', ...TODAY);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'rekap.xlsx: tidak ada kolom yang dikenali sebagai NIK atau nama di lembar mana pun (lembar "Petunjuk": Petunjuk pengisian; lembar "Rekap": Kecamatan, Jumlah)',
    );
    expect(stderr).toContain('--sheet NAMA dan tetapkan kolomnya dengan --map, mis. --map nik=KOLOM,nama=KOLOM');
    expect(stderr).not.toContain('yang diperiksa hanya');
  });
});

describe('which worksheet is checked when several name someone', () => {
  it('checks the list, not an instruction sheet (Nama Kolom) or a signature sheet (Nama | Jabatan | NIP) in front of it', async () => {
    const { code, stdout, stderr } = await check('front-sheets.xlsx', '--json', ...TODAY);
    expect(code).toBe(0);
    const report = json(stdout);
    expect(report.rows).toBe(2);
    // Findings of the instruction rows ("NIK" is not a name…) would show that the wrong sheet was read.
    expect(report.findings).toEqual([]);
    expect(stderr).toContain('juga berisi data di lembar "Petunjuk", "Pengesahan"; yang diperiksa hanya "Data"');
  });

  it('prefers NIK and nama over one of them, then more recognised columns, then more rows; the first of equals', async () => {
    const { stdout, stderr } = await check('lists.xlsx', '--json', ...TODAY);
    expect(json(stdout).rows).toBe(4);
    expect(stderr).toContain('juga berisi data di lembar "Nama saja", "Usulan lama", "Usulan kecil", "Usulan salinan"; yang diperiksa hanya "Usulan baru"');
    const chosen = await check('lists.xlsx', '--sheet', 'Nama saja', '--json', ...TODAY);
    expect(json(chosen.stdout).rows).toBe(4);
  });

  it('passes over a header-only template and a one-row sample with more columns to the list', async () => {
    const { stdout, stderr } = await check('forms.xlsx', '--json', ...TODAY);
    expect(json(stdout).rows).toBe(4);
    expect(stderr).toContain('yang diperiksa hanya "Data"');
  });
});

describe('headers that name no one', () => {
  it('refuses a file without a NIK or nama column, naming its columns and showing --map', async () => {
    const { code, stdout, stderr } = await check('febrl.csv', '--json', ...TODAY);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('febrl.csv: tidak ada kolom yang dikenali sebagai NIK atau nama');
    expect(stderr).toContain('Kolom yang ada: rec_id, given_name, surname, date_of_birth, soc_sec_id');
    expect(stderr).toContain('--map nik=KOLOM,nama=KOLOM');
  });

  it('accepts a file with only a NIK column or only a Nama column', async () => {
    for (const file of ['nik-only.csv', 'nama-only.csv']) {
      const { code, stdout } = await check(file, '--json', ...TODAY);
      expect(code).not.toBe(2);
      expect(json(stdout).rows).toBe(2);
    }
  });
});

describe('--map with a reference list', () => {
  it('maps the input and reads the DTKS by its own headers, with a note', async () => {
    const { code, stdout, stderr } = await check('usulan.csv', '--map', 'nik=nomor_induk,nama=nm_penerima,tanggal_lahir=tgl', '--reference', 'DTKS.csv', '--json', ...TODAY);
    expect(code).not.toBe(2);
    const report = json(stdout);
    expect(report.rows).toBe(2);
    const at = (row: number) => report.findings.filter((f) => f.file === 'usulan.csv' && f.row === row).map((f) => f.code);
    expect(at(1)).toContain('dtks');
    expect(at(2)).toContain('non-dtks');
    expect(stderr).toContain('DTKS.csv tidak punya kolom "nomor_induk" (--map nik); untuk berkas ini nik diambil dari kolom yang dikenali "NIK"');
    // 16-digit values: a NIK column, checked as one.
    expect(stderr).not.toContain('bukan NIK 16 digit');
  });

  it('checks a mapped column of NIKs written with dashes, no-break spaces or curly quotes as NIKs', async () => {
    const map = ['--map', 'nik=ID Penerima'];
    const plain = await check('id-plain.csv', ...map, '--json', ...TODAY);
    const written = await check('id-written.csv', ...map, '--json', ...TODAY);
    expect(written.stderr).not.toContain('bukan NIK 16 digit');
    const findings = (stdout: string) => json(stdout).findings.map(({ file: _file, ...f }) => f);
    expect(findings(plain.stdout).map((f) => f.code)).toEqual(['nik-birth-date-mismatch', 'nik-trailing-zero', 'nik-birth-date-impossible']);
    expect(findings(written.stdout)).toEqual(findings(plain.stdout));
    expect(written.code).toBe(1);
  });

  it('still refuses a mapped column no file has (a typo)', async () => {
    const { code, stderr } = await check('usulan.csv', '--map', 'nik=nomor_indukk', '--reference', 'DTKS.csv', ...TODAY);
    expect(code).toBe(2);
    expect(stderr).toContain('Kolom "nomor_indukk" (untuk nik) tidak ada di berkas mana pun (usulan.csv, DTKS.csv)');
  });

  it('says when a mapped nik column is not a 16-digit NIK (used for matching only); never for a detected NIK header', async () => {
    const mapped = await check('febrl.csv', '--map', 'nik=soc_sec_id,nama=given_name+surname', '--json', ...TODAY);
    expect(mapped.code).toBe(1);
    expect(mapped.stderr).toContain('kolom "soc_sec_id" (--map nik) di febrl.csv bukan NIK 16 digit; dipakai hanya untuk mencocokkan');
    expect(json(mapped.stdout).duplicates[0]?.members).toEqual([
      { file: 'febrl.csv', row: 1 },
      { file: 'febrl.csv', row: 2 },
    ]);
    const detected = await check('short-nik.csv', '--json', ...TODAY);
    expect(detected.stderr).not.toContain('bukan NIK 16 digit');
    expect(json(detected.stdout).findings.map((f) => f.code)).toContain('nik-length');
  });
});

describe("Excel's own cell values", () => {
  it('reports an #N/A cell as a finding of its own instead of checking "#N/A" as a name', async () => {
    const { stdout } = await check('PKH-numeric.xlsx', '--json', ...TODAY);
    const report = json(stdout);
    const row3 = report.findings.filter((f) => f.row === 3);
    // In place of "Nama kosong." (the cell is not empty) and as grave: the row has no readable name.
    expect(row3).toEqual([
      {
        file: 'PKH-numeric.xlsx',
        row: 3,
        column: 'nama',
        code: 'file-excel-error',
        severity: 'error',
        message: 'Kolom nama berisi galat Excel #N/A, bukan data.',
      },
    ]);
    const text = await check('PKH-numeric.xlsx', ...TODAY);
    expect(text.stdout).toContain('[GALAT] nama: Kolom nama berisi galat Excel #N/A, bukan data.');
    expect(text.stdout).not.toContain('Nama kosong');
  });

  it('says #N/A in the NIK column once, not also "NIK kosong", and still checks the rest of the row', async () => {
    const { code, stdout } = await check('na-nik.xlsx', '--json', ...TODAY);
    expect(code).toBe(1);
    const row2 = json(stdout).findings.filter((f) => f.row === 2);
    expect(row2.map((f) => [f.column, f.code, f.severity])).toEqual([
      ['nik', 'file-excel-error', 'error'],
      ['tanggal_lahir', 'tanggal-lahir-invalid', 'error'],
    ]);
    expect(row2[0]?.message).toBe('Kolom NIK berisi galat Excel #N/A, bukan data.');
  });

  it('hands the engine no error text and marks a NIK/No KK stored as a 15-digit number as having lost digits', () => {
    const rows = readRows(join(dir, 'PKH-numeric.xlsx'), { map: new Map() });
    expect(rows.map((r) => r.lostDigits)).toEqual([undefined, ['nik'], undefined]);
    expect(rows[1]?.values.nik).toBe('3375015301891050');
    expect(rows[2]?.values.nama).toBeUndefined();
  });

  it('says that digits (not one digit) are gone from a NIK in scientific notation', async () => {
    const report = json((await check('sci.csv', '--json', ...TODAY)).stdout);
    expect(report.findings.find((f) => f.code === 'nik-excel-scientific')?.message).toContain('digit-digit terakhirnya sudah hilang');
  });
});

describe('usage errors', () => {
  it('refuses an impossible --today', async () => {
    for (const day of ['2025-13-45', '2025-02-30']) {
      const { code, stderr } = await check('clean.csv', '--today', day);
      expect(code).toBe(2);
      expect(stderr).toContain(`--today ${day} bukan tanggal yang ada di kalender`);
    }
    expect((await check('clean.csv', '--today', '2024-02-29')).code).toBe(0);
  });

  it('refuses the same file twice, also written differently, and a file that is input and reference', async () => {
    const twice = await check('clean.csv', './clean.csv', ...TODAY);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('clean.csv dan ./clean.csv: berkas yang sama disebut dua kali');
    const refs = await check('usulan.csv', '--reference', 'DTKS.csv', '--reference', 'DTKS.csv', ...TODAY);
    expect(refs.code).toBe(2);
    expect(refs.stderr).toContain('DTKS.csv: berkas yang sama disebut dua kali sebagai --reference');
    const both = await check('clean.csv', '--reference', join(dir, 'clean.csv'), ...TODAY);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('sebagai berkas yang diperiksa dan sebagai --reference');
  });

  it('refuses one role named twice in --map', async () => {
    const { code, stderr } = await check('febrl.csv', '--map', 'nama=given_name,nik=soc_sec_id', '--map', 'nama=surname', ...TODAY);
    expect(code).toBe(2);
    expect(stderr).toContain('--map menetapkan nama dua kali (given_name dan surname)');
  });

  it('calls a program saved as .csv binary, and a Windows-1252 CSV not UTF-8', async () => {
    const ls = await check('ls.csv');
    expect(ls.code).toBe(2);
    expect(ls.stderr).toContain('ls.csv: Berkas ini bukan CSV: isinya biner');
    const cp = await check('cp1252.csv');
    expect(cp.code).toBe(2);
    expect(cp.stderr).toContain('tidak dalam pengodean UTF-8');
  });
});

describe('a reader that hangs up (| head)', () => {
  it('exits without a stack trace when stdout closes early', async () => {
    const bin = fileURLToPath(new URL('../../bin/selaras.mjs', import.meta.url));
    const child = spawn(process.execPath, [bin, 'check', 'big.csv', '--json', ...TODAY], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
    expect(code).toBe(1);
  });
});
