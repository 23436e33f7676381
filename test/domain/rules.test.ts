import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/findings';
import { DEFAULT_OVERLAP, type OverlapMatrix } from '../../src/domain/overlap';
import { checkEligibility, DEFAULT_RULES, findTerm, normalizeRules, RuleTermCache, type EligibilityRules } from '../../src/domain/rules';
import type { RecordRow } from '../../src/domain/schema';
import { forSeeds, randomString } from './helpers';

const TODAY = '2026-11-23';
const row = (values: RecordRow['values'], key = 'PKH-Kauman#7'): RecordRow => ({ key, source: 'PKH-Kauman', position: 7, values });
const BASE = { nik: '3375015301891051', nama: 'Siti Aminah', tanggal_lahir: '13-01-1989', penghasilan: 'Rp1.200.000', pekerjaan: 'Buruh batik', status: 'usulan' };
const codes = (fs: Finding[]) => fs.map((f) => f.code);
const check = (values: RecordRow['values'], rules: EligibilityRules = DEFAULT_RULES) => checkEligibility(row({ ...BASE, ...values }), rules, [], TODAY);

describe('checkEligibility', () => {
  it('an eligible household has no findings', () => {
    expect(check({})).toEqual([]);
  });

  it('income at or above the UMK (Kota Pekalongan 2025: Rp2.545.138)', () => {
    expect(codes(check({ penghasilan: 'Rp2.545.138' }))).toEqual(['income-above-umr']);
    expect(codes(check({ penghasilan: '2,6 juta' }))).toEqual(['income-above-umr']);
    expect(check({ penghasilan: 'Rp2.545.137' })).toEqual([]);
    const [f] = check({ penghasilan: 'Rp3.000.000' });
    expect(f).toMatchObject({ column: 'penghasilan', severity: 'warning', params: { income: 'Rp3.000.000', limit: 'Rp2.545.138' } });
    expect(f?.message).toBe('Penghasilan Rp3.000.000 sama dengan atau di atas UMK Kota Pekalongan 2025 Rp2.545.138: tidak memenuhi syarat.');
  });

  it('uses the figure of the regency the kecamatan lies in', () => {
    const rules: EligibilityRules = {
      ...DEFAULT_RULES,
      income: { ...DEFAULT_RULES.income, byRegency: { '3326': { amount: 2_400_000, label: 'UMK Kabupaten Pekalongan 2025' } } },
    };
    expect(codes(check({ penghasilan: 'Rp2.450.000', kecamatan: 'Kajen' }, rules))).toEqual(['income-above-umr']);
    expect(check({ penghasilan: 'Rp2.450.000', kecamatan: 'Pekalongan Barat' }, rules)).toEqual([]);
  });

  it.each(['PNS', 'Pegawai Negeri Sipil', 'Guru PNS', 'ASN', 'CPNS', 'TNI AD', 'Anggota Polri', 'POLISI', 'Karyawan BUMN', 'pns/guru'])(
    'excludes occupation %j',
    (job) => {
      expect(codes(check({ pekerjaan: job }))).toEqual(['occupation-excluded']);
    },
  );

  it.each(['Non PNS', 'bukan PNS', 'Mantan TNI', 'Guru honorer', 'Buruh', 'Pedagang pasar', 'Tukang becak', 'Penjaga sekolah'])(
    'does not exclude %j',
    (job) => {
      expect(check({ pekerjaan: job })).toEqual([]);
    },
  );

  it('village officials only in PKH', () => {
    expect(codes(check({ pekerjaan: 'Perangkat Desa', program: 'PKH' }))).toEqual(['village-official-pkh']);
    expect(codes(check({ pekerjaan: 'Kadus', program: 'PKH 2025' }))).toEqual(['village-official-pkh']);
    expect(check({ pekerjaan: 'Perangkat Desa', program: 'BPNT' })).toEqual([]);
  });

  it.each([
    ['Milik sendiri, permanen', true], ['Baik', true], ['Layak huni', true], ['Tidak layak huni', false], ['RTLH', false],
    ['Semi permanen', false], ['Sewa', false], ['Menumpang', false], ['Rusak berat', false],
  ] as const)('house %j good=%s', (kondisi, good) => {
    expect(codes(check({ kondisi_rumah: kondisi }))).toEqual(good ? ['house-good'] : []);
  });

  it('died, from alasan/catatan/status or a name written "Alm."', () => {
    expect(codes(check({ alasan: 'Meninggal dunia' }))).toEqual(['died']);
    expect(codes(check({ catatan: 'KPM sudah wafat 2024' }))).toEqual(['died']);
    expect(codes(check({ nama: 'Alm. Sutrisno' }))).toEqual(['died']);
    expect(check({ nama: 'Almira Putri' })).toEqual([]);
    // Each word of DECEASED_NAME, in either case and after leading spaces (ASCII, tab, NBSP):
    // the shortcut before the regex (mayBeDeceased) must let every one through.
    for (const word of ['Alm', 'Almh', 'Almarhum', 'Almarhumah']) {
      for (const name of [`${word}. Sutrisno`, `${word.toLowerCase()} Sutrisno`, `${word.toUpperCase()} SUTRISNO`, `  ${word} Sutrisno`, `\t${word} Sutrisno`, `\u00a0${word}. Sutrisno`]) {
        expect(codes(check({ nama: name })), name).toEqual(['died']);
      }
    }
  });

  // Keterangan / alasan / catatan / status as officers write them. Only the recipient's own
  // death or move flags; a widow's, an orphan's or a relative's note does not. Clauses: a
  // relative in one clause says nothing of the next ('Tinggal bersama anak, sudah meninggal'),
  // but brackets, colons, dashes and an abbreviation's full stop do not part a relative from
  // the word after it ('Suami (alm)', 'Suami sdh. meninggal'); a relative clause ('anak yg sdh
  // pindah') is about the relative; the recipient named beside a relative ('ikut suami', 'KPM
  // dan suami', 'suami istri') moved too; fillers and numbers may stand between.
  it.each([
    ['catatan', 'Meninggal dunia', 'died'],
    ['alasan', 'MD', 'died'],
    ['catatan', 'Alm.', 'died'],
    ['catatan', 'Almarhumah', 'died'],
    ['alasan', 'sudah meninggal 2024', 'died'],
    ['catatan', 'KPM sudah wafat 2024', 'died'],
    ['status', 'Meninggal', 'died'],
    ['catatan', 'Ybs meninggal dunia tgl 12-03-2025', 'died'],
    ['catatan', 'Yang bersangkutan meninggal dunia', 'died'],
    ['catatan', 'Janda, meninggal dunia Maret 2025', 'died'],
    ['catatan', 'Duda, sudah meninggal 2024', 'died'],
    ['catatan', 'KPM meninggal, suami masih hidup', 'died'],
    ['catatan', 'Meninggal dunia, anak ikut neneknya', 'died'],
    ['catatan', 'Ibu Sumiyati meninggal dunia', 'died'],
    ['catatan', 'Alm. Bapak Karto', 'died'],
    ['alasan', 'Tutup usia 2024', 'died'],
    ['catatan', 'Istri meninggal 2023, KPM meninggal 2025', 'died'],
    ['catatan', 'Janda, suami meninggal dunia', null],
    ['catatan', 'Anak yatim (ayah alm)', null],
    ['catatan', 'istri meninggal 2023', null],
    ['catatan', 'yatim piatu, kedua orang tua meninggal', null],
    ['catatan', 'Alm. suami: Darto (buruh)', null],
    ['catatan', 'Almarhum ayahnya dulu nelayan', null],
    ['catatan', 'Janda', null],
    ['catatan', 'Duda, cerai mati', null],
    ['status', 'Cerai Mati', null],
    ['catatan', 'Anak yatim', null],
    ['catatan', 'Suaminya sudah meninggal', null],
    ['catatan', 'Suami KPM meninggal dunia th 2021', null],
    ['alasan', 'Ditinggal mati suami tahun 2020', null],
    ['catatan', 'Ibu kandung meninggal', null],
    ['catatan', 'Orang tuanya meninggal karena kecelakaan', null],
    ['catatan', 'Anak pertama meninggal 2022', null],
    ['catatan', 'Bapak sudah meninggal, KPM ibu rumah tangga', null],
    ['catatan', 'Mertua MD, tinggal bersama menantu', null],
    ['catatan', 'Kakek dan nenek sudah meninggal', null],
    ['catatan', 'tidak meninggal, masih aktif', null],
    ['catatan', 'Tinggal bersama anak, sudah meninggal', 'died'],
    ['catatan', 'Tanggungan 2 anak. Sudah meninggal 2024', 'died'],
    ['catatan', 'Anak. Meninggal', 'died'],
    ['catatan', 'Alm. Suami: Darto; anak sudah menikah', null],
    ['catatan', 'Cerai dengan suami, ybs pindah ke Jakarta', 'moved'],
    ['catatan', 'Alm. suami; KPM pindah', 'moved'],
    ['catatan', 'Ditinggal suami; pindah ke rumah anak', 'moved'],
    ['catatan', 'Ikut suami pindah ke Jakarta', 'moved'],
    ['catatan', 'Suami istri pindah ke Batam', 'moved'],
    ['catatan', 'Suami dan istri sudah pindah KK', 'moved'],
    ['catatan', 'Kakek dan nenek sudah pindah', null],
    ['catatan', 'Jl. Melati 5. Anak pindah ke Jakarta', null],
    ['catatan', 'Janda, suami (alm)', null],
    ['catatan', 'Suami (Alm) th 2020', null],
    ['catatan', 'Suami (alm.)', null],
    ['catatan', 'Suami [alm]', null],
    ['catatan', 'Suami - meninggal', null],
    ['catatan', 'Suami / meninggal', null],
    ['catatan', 'Suami: meninggal', null],
    ['catatan', 'Orang tua: meninggal semua', null],
    ['catatan', 'Suami sdh. meninggal', null],
    ['catatan', 'Suami yg. meninggal', null],
    ['catatan', 'Suami tlh. meninggal dunia', null],
    ['catatan', 'Suami ybs. meninggal', null],
    ['catatan', 'Tinggal dengan anak yang sudah meninggal', null],
    ['catatan', 'Tinggal bersama anak yg sdh pindah', null],
    ['catatan', 'Anak ke-2 meninggal', null],
    ['catatan', 'Anak2 pindah', null],
    ['catatan', 'Anak laki2 pindah', null],
    ['catatan', 'Suami sakit lalu meninggal', null],
    ['catatan', 'KPM dan suami pindah ke Jakarta', 'moved'],
    ['catatan', 'KPM & suami pindah', 'moved'],
    ['catatan', 'Ybs dan anak pindah', 'moved'],
    ['catatan', 'Telah berpulang', 'died'],
    ['alasan', 'Sudah pindah KK', 'moved'],
    ['catatan', 'KPM pindah ke Semarang', 'moved'],
    ['catatan', 'Ybs pindah alamat 2024', 'moved'],
    ['catatan', 'Pindah rumah, anak tetap di sini', 'moved'],
    ['catatan', 'Anak pindah ke Jakarta', null],
    ['catatan', 'Suami sudah pindah kerja ke Batam', null],
    ['catatan', 'Anaknya pindah KK', null],
    ['catatan', 'Orang tua pindah ke Batang', null],
  ] as const)('%s %j: %s', (column, text, code) => {
    expect(codes(check({ [column]: text })), text).toEqual(code ? [code] : []);
  });

  // 'Bapak' / 'Ibu' before a death word: the recipient's own title when it fits the recipient's
  // sex; a parent in an orphan's note, with 'kandung', beside the other parent, or for a child.
  it.each([
    ['Bapak sudah meninggal dunia', 'L', '13-01-1989', ['died']],
    ['Bapak sudah meninggal dunia', 'P', '13-01-1989', []],
    ['Ibu meninggal dunia', 'P', '13-01-1989', ['died']],
    ['Ibu meninggal dunia', 'L', '13-01-1989', []],
    ['Bapak sudah meninggal dunia', '', '13-01-1989', []],
    ['Anak yatim, bapak meninggal', 'L', '13-01-1989', []],
    ['Yatim (bapak meninggal)', 'L', '13-01-1989', []],
    ['Piatu, ibu meninggal', 'P', '13-01-1989', []],
    ['Ibu kandung meninggal', 'P', '13-01-1989', []],
    ['Bapak ibu meninggal', 'P', '13-01-1989', []],
    ['Bapak meninggal', 'L', '05-07-2012', ['head-under-17']],
  ] as const)('%j, jenis kelamin %j, lahir %s: %j', (text, sex, born, expected) => {
    expect(codes(check({ catatan: text, jenis_kelamin: sex, tanggal_lahir: born })), text).toEqual(expected);
  });

  it('reads a very long note in linear time (a full stop after every letter)', () => {
    const long = 'a. '.repeat(50_000) + 'Jl. '.repeat(10_000) + 'meninggal';
    expect(codes(check({ catatan: long }))).toEqual(['died']);
  });

  it('moved', () => {
    expect(codes(check({ alasan: 'Pindah domisili ke Batang' }))).toEqual(['moved']);
    expect(check({ catatan: 'tidak pindah' })).toEqual([]);
  });

  it('head of household under 17, from tanggal_lahir or else the NIK', () => {
    const [f] = check({ tanggal_lahir: '24-11-2009' });
    expect(f).toMatchObject({ code: 'head-under-17', column: 'tanggal_lahir', params: { age: 16 } });
    expect(check({ tanggal_lahir: '23-11-2009' })).toEqual([]);
    expect(codes(check({ tanggal_lahir: '', nik: '3375011505120001' }))).toEqual(['head-under-17']);
  });

  describe('head of household under 17 only where the row can head a household', () => {
    const child = { tanggal_lahir: '01-01-2010' };
    it.each([
      ['KIP', false],
      ['PIP', false],
      ['PBI-JK', false],
      ['KIS', false],
      ['KIP, PBI', false],
      ['PKH', true],
      ['BPNT', true],
      ['Bansos Kota', true],
      // On a household list besides a per-person programme: it is still a head of household there.
      ['KIP, PKH', true],
      ['PBI / BPNT', true],
    ] as const)('program %j: flagged=%s', (program, flagged) => {
      expect(codes(check({ ...child, program }))).toEqual(flagged ? ['head-under-17'] : []);
    });

    it('a row without a programme column takes its source\'s programme; with none at all the rule applies', () => {
      const kid = row({ ...BASE, ...child });
      const flagged = (shared: Parameters<typeof checkEligibility>[4]) => codes(checkEligibility(kid, DEFAULT_RULES, [], TODAY, shared));
      expect(flagged({ programBySource: { 'PKH-Kauman': 'KIP' } })).toEqual([]);
      expect(flagged({ programBySource: { 'PKH-Kauman': 'PKH' } })).toEqual(['head-under-17']);
      expect(flagged({ programBySource: { 'Lain': 'KIP' } })).toEqual(['head-under-17']);
      expect(flagged({})).toEqual(['head-under-17']);
      // A programme column wins over the source's.
      expect(codes(checkEligibility(row({ ...BASE, ...child, program: 'PKH' }), DEFAULT_RULES, [], TODAY, { programBySource: { 'PKH-Kauman': 'KIP' } }))).toEqual(['head-under-17']);
    });

    it('the overlap settings decide which programmes count persons', () => {
      const kip = row({ ...BASE, ...child, program: 'KIP' });
      const households: OverlapMatrix = { ...DEFAULT_OVERLAP, personPrograms: [] };
      expect(codes(checkEligibility(kip, DEFAULT_RULES, [], TODAY, { overlap: households }))).toEqual(['head-under-17']);
      const terms = new RuleTermCache();
      expect(codes(checkEligibility(kip, DEFAULT_RULES, [], TODAY, { overlap: households, terms }))).toEqual(['head-under-17']);
      expect(checkEligibility(kip, DEFAULT_RULES, [], TODAY, { overlap: DEFAULT_OVERLAP, terms })).toEqual([]);
      const bpnt = row({ ...BASE, ...child, program: 'BPNT' });
      expect(checkEligibility(bpnt, DEFAULT_RULES, [], TODAY, { overlap: { ...DEFAULT_OVERLAP, personPrograms: ['Sembako'] }, terms })).toEqual([]);
    });
  });

  it('each rule can be switched off', () => {
    const off: EligibilityRules = {
      income: { ...DEFAULT_RULES.income, enabled: false },
      occupations: { ...DEFAULT_RULES.occupations, enabled: false },
      villageOfficials: { ...DEFAULT_RULES.villageOfficials, enabled: false },
      goodHouse: { ...DEFAULT_RULES.goodHouse, enabled: false },
      died: { ...DEFAULT_RULES.died, enabled: false },
      moved: { ...DEFAULT_RULES.moved, enabled: false },
      headUnderAge: { ...DEFAULT_RULES.headUnderAge, enabled: false },
    };
    const bad = { penghasilan: 'Rp9.000.000', pekerjaan: 'Kades', program: 'PKH', kondisi_rumah: 'Permanen', alasan: 'meninggal, pindah', tanggal_lahir: '01-01-2015' };
    expect(codes(check(bad))).toEqual(['income-above-umr', 'village-official-pkh', 'house-good', 'died', 'moved', 'head-under-17']);
    expect(check(bad, off)).toEqual([]);
  });

  it('rows already out of the list get no eligibility findings', () => {
    expect(check({ pekerjaan: 'PNS', status: 'Dikeluarkan' })).toEqual([]);
    expect(check({ pekerjaan: 'PNS', status: 'graduasi' })).toEqual([]);
    expect(check({ pekerjaan: 'PNS', status: 'Keluar' })).toEqual([]);
  });

  it('an override with a reason turns the finding into a recorded info; without a reason it is ignored', () => {
    const r = row({ ...BASE, pekerjaan: 'PNS' });
    const [f] = checkEligibility(r, DEFAULT_RULES, [{ row: r.key, code: 'occupation-excluded', reason: 'Sudah pensiun sejak 2020', by: 'Budi (Dinsos)' }], TODAY);
    expect(f).toMatchObject({ code: 'rule-overridden', severity: 'info', column: 'pekerjaan', params: { rule: 'occupation-excluded', reason: 'Sudah pensiun sejak 2020', by: 'Budi (Dinsos)' } });
    expect(f?.message).toBe('Aturan "Pekerjaan dikecualikan (PNS/TNI/Polri/…)" dikecualikan: Sudah pensiun sejak 2020 (oleh Budi (Dinsos)).');
    expect(codes(checkEligibility(r, DEFAULT_RULES, [{ row: r.key, code: 'occupation-excluded', reason: '  ' }], TODAY))).toEqual(['occupation-excluded']);
    expect(codes(checkEligibility(r, DEFAULT_RULES, [{ row: 'other', code: 'occupation-excluded', reason: 'x' }], TODAY))).toEqual(['occupation-excluded']);
  });

  it('never throws on arbitrary values (seeded fuzz)', () => {
    forSeeds(1500, 2400, (rng) => {
      const values: RecordRow['values'] = {};
      for (const r of ['nik', 'nama', 'tanggal_lahir', 'penghasilan', 'pekerjaan', 'program', 'kondisi_rumah', 'alasan', 'catatan', 'status', 'kecamatan'] as const) {
        if (rng() < 0.6) values[r] = randomString(rng, 25);
      }
      for (const f of checkEligibility(row(values), DEFAULT_RULES, [], TODAY)) expect(f.message).not.toMatch(/\{\w+\}/);
    });
  });
});

describe('findTerm', () => {
  it('matches whole words only and honours negations', () => {
    expect(findTerm(' guru pns ', ['pns'])).toBe('pns');
    expect(findTerm(' tni ad ', ['tni ad'])).toBe('tni ad');
    expect(findTerm(' pnsx ', ['pns'])).toBeNull();
    expect(findTerm(' non pns ', ['pns'])).toBeNull();
    expect(findTerm(' non pns atau pns ', ['pns'])).toBe('pns');
    expect(findTerm(' pns ', ['PNS'])).toBeNull();
  });

  it('normalizeRules makes typed terms usable', () => {
    const typed: EligibilityRules = { ...DEFAULT_RULES, occupations: { enabled: true, categories: [{ label: 'Satpol PP', terms: ['Satpol-PP'] }] } };
    expect(check({ pekerjaan: 'Anggota Satpol PP' }, typed)).toEqual([]);
    expect(codes(check({ pekerjaan: 'Anggota Satpol PP' }, normalizeRules(typed)))).toEqual(['occupation-excluded']);
  });

  it('DEFAULT_RULES terms are already normalised', () => {
    expect(normalizeRules(DEFAULT_RULES)).toEqual(DEFAULT_RULES);
  });
});
