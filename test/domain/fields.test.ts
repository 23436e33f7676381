import { describe, expect, it } from 'vitest';
import { checkFields, parseDtksStatus, parseRowStatus, parseRtRw } from '../../src/domain/fields';
import { parseSex } from '../../src/domain/sex';
import type { Finding } from '../../src/domain/findings';
import type { RecordRow } from '../../src/domain/schema';
import { forSeeds, pick, randomNik, randomString } from './helpers';

const TODAY = '2026-11-23';
const row = (values: RecordRow['values']): RecordRow => ({ key: 'BPNT-Medono.csv#3', source: 'BPNT-Medono.csv', position: 3, values });
const codes = (fs: Finding[]) => fs.map((f) => f.code).sort();
const GOOD = {
  nik: '3375015301891051', no_kk: '3375011203150007', nama: 'Siti Aminah', jenis_kelamin: 'P', tanggal_lahir: '13-01-1989',
  kecamatan: 'Pekalongan Barat', rt: '003', rw: '005', penghasilan: 'Rp1.200.000', status: 'usulan', status_dtks: 'Non-DTKS',
};

describe('checkFields', () => {
  it('a clean row has no findings', () => {
    expect(checkFields(row(GOOD), { today: TODAY })).toEqual([]);
  });

  it('names Excel damage as an error on the nik column', () => {
    const [f] = checkFields(row({ ...GOOD, nik: '3.37501530189105E+15' }), { today: TODAY });
    expect(f).toMatchObject({ row: 'BPNT-Medono.csv#3', column: 'nik', code: 'nik-excel-scientific', severity: 'error' });
    expect(f?.message).toContain('Excel');
    const [g] = checkFields(row({ ...GOOD, nik: '3375015301891050' }), { today: TODAY });
    expect(g).toMatchObject({ code: 'nik-excel-precision', severity: 'error', params: { value: '3375015301891050' } });
  });

  it.each([
    [{ nik: '' }, ['nik-missing']],
    [{ nama: ' ' }, ['nama-missing']],
    [{ nama: 'Siti 2' }, ['nama-has-digits']],
    [{ nama: 'S' }, ['nama-too-short']],
    [{ nik: '33750153018910' }, ['nik-length']],
    [{ nik: '3375O15301891051' }, ['nik-non-digit']],
    [{ nik: '3399015301891051', kecamatan: '' }, ['nik-regency-unknown']],
    [{ nik: '3375015313891051' }, ['nik-birth-date-impossible']],
    [{ nik: '1111111111111111' }, ['nik-placeholder']],
    [{ tanggal_lahir: '14-01-1989' }, ['nik-birth-date-mismatch']],
    [{ tanggal_lahir: '31-02-1989' }, ['tanggal-lahir-invalid']],
    [{ nik: '3375015301291051', tanggal_lahir: '13-01-2029' }, ['tanggal-lahir-future']],
    [{ nik: '3375015301091051', tanggal_lahir: '13-01-1909' }, ['tanggal-lahir-too-old']],
    [{ jenis_kelamin: 'L' }, ['nik-sex-mismatch']],
    [{ jenis_kelamin: 'X' }, ['jenis-kelamin-invalid']],
    [{ kecamatan: 'Pekalongan Utara' }, ['nik-region-differs']],
    [{ no_kk: '3375015301891051' }, ['nokk-same-as-nik']],
    [{ no_kk: '3375011203150000' }, ['nokk-excel-precision']],
    [{ no_kk: '3.37501120315E+15' }, ['nokk-excel-scientific']],
    [{ rt: 'tiga' }, ['rt-invalid']],
    [{ rw: '5a' }, ['rw-invalid']],
    [{ penghasilan: 'cukup' }, ['penghasilan-invalid']],
    [{ status: 'aktif' }, ['status-invalid']],
    [{ status_dtks: 'mungkin' }, ['status-dtks-invalid']],
  ] as const)('%j → %j', (change, expected) => {
    expect(codes(checkFields(row({ ...GOOD, ...change }), { today: TODAY }))).toEqual([...expected].sort());
  });

  it('chooses severities: region differs is info, agreement is warning, damage is error', () => {
    const fs = checkFields(row({ ...GOOD, kecamatan: 'Pekalongan Utara', jenis_kelamin: 'L', nik: '3375015301891051' }), { today: TODAY });
    expect(Object.fromEntries(fs.map((f) => [f.code, f.severity]))).toEqual({ 'nik-region-differs': 'info', 'nik-sex-mismatch': 'warning' });
  });

  it('reads a two-digit birth year as never in the future', () => {
    expect(checkFields(row({ ...GOOD, nik: '3375015301271051', tanggal_lahir: '13-01-27' }), { today: TODAY })).toEqual([]);
    expect(checkFields(row({ ...GOOD, nik: '3375015301261051', tanggal_lahir: '13-01-26' }), { today: TODAY })).toEqual([]);
  });

  it('names a day/month swap', () => {
    const [f] = checkFields(row({ ...GOOD, tanggal_lahir: '01-13-1989' }), { today: TODAY });
    expect(f?.code).toBe('tanggal-lahir-invalid');
    const [g] = checkFields(row({ ...GOOD, nik: '3375011201891051', tanggal_lahir: '01-12-1989', jenis_kelamin: 'L' }), { today: TODAY });
    expect(g?.message).toBe('Tanggal lahir dalam NIK (12-01-1989) berbeda dengan tanggal lahir 01-12-1989 (hari dan bulan tertukar?).');
  });

  it('matches the kecamatan however it is written', () => {
    for (const kec of ['Kec. Pekalongan Barat', 'PEKALONGAN BARAT', 'Kecamatan Pekalongan Barat']) {
      expect(checkFields(row({ ...GOOD, kecamatan: kec }), { today: TODAY })).toEqual([]);
    }
  });

  it('accepts a row with only the required fields', () => {
    expect(checkFields(row({ nik: '3375015301891051', nama: 'Siti Aminah' }), { today: TODAY })).toEqual([]);
  });

  it('checks extra required fields on request', () => {
    const fs = checkFields(row({ nik: '3375015301891051', nama: 'Siti' }), { today: TODAY, required: ['no_kk', 'alamat'] });
    expect(fs.map((f) => [f.code, f.column])).toEqual([['field-missing', 'no_kk'], ['field-missing', 'alamat']]);
    expect(fs[0]?.message).toBe('Kolom No KK wajib diisi.');
  });

  it('every finding has a message without unfilled placeholders and never throws (seeded fuzz)', () => {
    const roles = ['nik', 'no_kk', 'nama', 'jenis_kelamin', 'tanggal_lahir', 'kecamatan', 'rt', 'rw', 'penghasilan', 'status', 'status_dtks'] as const;
    forSeeds(1500, 1200, (rng) => {
      const values: RecordRow['values'] = {};
      for (const r of roles) if (rng() < 0.7) values[r] = rng() < 0.5 ? randomString(rng, 20) : randomNik(rng).nik;
      if (rng() < 0.5) values.tanggal_lahir = pick(rng, ['12-01-1980', '1980-01-12', '31-02-1980']);
      for (const f of checkFields(row(values), { today: TODAY })) {
        expect(f.row).toBe('BPNT-Medono.csv#3');
        expect(f.message.length).toBeGreaterThan(0);
        expect(f.message).not.toMatch(/\{\w+\}/);
      }
    });
  });
});

describe('small field parsers', () => {
  it.each([['L', 'L'], ['Laki-laki', 'L'], ['LK', 'L'], ['pria', 'L'], ['P', 'P'], ['Perempuan', 'P'], ['PR', 'P'], ['Wanita', 'P'], ['?', null]] as const)(
    'parseSex(%j) = %s',
    (raw, sex) => expect(parseSex(raw)).toBe(sex),
  );

  it('reads RT/RW, DTKS status and row status', () => {
    expect(parseRtRw('003')).toBe(3);
    expect(parseRtRw('RT 03')).toBe(3);
    expect(parseRtRw('3a')).toBeNull();
    expect(parseDtksStatus('Non DTKS')).toBe('non-dtks');
    expect(parseDtksStatus('DTKS')).toBe('dtks');
    expect(parseRowStatus('Perlu Validasi Ulang')).toBe('perlu validasi ulang');
    expect(parseRowStatus('aktif')).toBeNull();
    expect(parseRowStatus('Usulan Baru')).toBe('usulan');
    expect(parseRowStatus('PVU')).toBe('perlu validasi ulang');
    expect(parseRowStatus('KELUAR')).toBe('dikeluarkan');
  });
});

describe('checkFields with a trusted text column', () => {
  it('does not report a trailing 0 as Excel damage', () => {
    const values = { ...GOOD, nik: '3375015301891050', no_kk: '3375011203150010' };
    expect(codes(checkFields(row(values), { today: TODAY }))).toEqual(['nik-excel-precision', 'nokk-excel-precision']);
    expect(checkFields(row(values), { today: TODAY, idColumns: { nik: 'trusted', no_kk: 'trusted' } })).toEqual([]);
    expect(codes(checkFields(row(values), { today: TODAY, idColumns: { nik: 'unsure', no_kk: 'unsure' } }))).toEqual(['nik-trailing-zero', 'nokk-trailing-zero']);
  });

  it('reports a cell the file reader knows lost digits to Excel as damage all the same', () => {
    const values = { ...GOOD, nik: '3375015301891050', no_kk: '3375011203150010' };
    const trusted = { nik: 'trusted', no_kk: 'trusted' } as const;
    expect(codes(checkFields({ ...row(values), lostDigits: ['nik'] }, { today: TODAY, idColumns: trusted }))).toEqual(['nik-excel-precision']);
    expect(codes(checkFields({ ...row(values), lostDigits: ['no_kk'] }, { today: TODAY, idColumns: { nik: 'unsure', no_kk: 'trusted' } })))
      .toEqual(['nik-trailing-zero', 'nokk-excel-precision']);
    expect(checkFields({ ...row(values), lostDigits: [] }, { today: TODAY, idColumns: trusted })).toEqual([]);
  });
});

describe('checkFields for lists whose identity number is not a NIK', () => {
  it('checks only presence when nikFormat is false (FEBRL soc_sec_id)', () => {
    const febrl = row({ nik: '5304218', nama: 'michaela neumann', tanggal_lahir: '19561111' });
    expect(codes(checkFields(febrl, { today: TODAY }))).toEqual(['nik-length']);
    expect(checkFields(febrl, { today: TODAY, nikFormat: false })).toEqual([]);
    expect(codes(checkFields(row({ nama: 'x y' }), { today: TODAY, nikFormat: false }))).toEqual(['nik-missing']);
  });

  it('still reports digits lost to Excel when nikFormat is false', () => {
    const lost: RecordRow = { ...row({ nik: '3375015301891050', nama: 'Siti Aminah' }), lostDigits: ['nik'] };
    expect(codes(checkFields(lost, { today: TODAY, nikFormat: false }))).toEqual(['nik-excel-precision']);
    expect(checkFields({ ...lost, lostDigits: undefined }, { today: TODAY, nikFormat: false })).toEqual([]);
  });
});
