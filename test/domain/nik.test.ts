import { describe, expect, it } from 'vitest';
import { assessIdColumn, cleanIdNumber, isPlaceholderNumber, isUsableIdentity, NO_PROBLEMS, nikSerial, nikSummary, parseNik, withProblem } from '../../src/domain/nik';
import { parseNoKk } from '../../src/domain/nokk';
import { forSeeds, mulberry32, randomNik, randomString } from './helpers';

const TODAY = '2026-11-23';

describe('parseNik', () => {
  it('reads region, birth date, sex and serial of a woman (day + 40)', () => {
    const info = parseNik('3375015301891051', { today: TODAY });
    expect(info).toMatchObject({
      digits: '3375015301891051', problems: [], province: '33', regency: '3375', district: '337501',
      birthDate: '1989-01-13', sex: 'P',
    });
    expect(nikSerial(info)).toBe('1051');
    expect(isUsableIdentity(info)).toBe(true);
  });

  it('reads a man', () => {
    expect(parseNik('3306121708750003', { today: TODAY })).toMatchObject({ birthDate: '1975-08-17', sex: 'L', district: '330612', problems: [] });
  });

  it.each([
    [" '3375015301891051", '3375015301891051'],
    ['3375 0153 0189 1051', '3375015301891051'],
    ['3375-0153-0189-1051', '3375015301891051'],
    ['3375.0153.0189.1051', '3375015301891051'],
    ['3375015301891051.0', '3375015301891051'],
    ['"3375015301891051"', '3375015301891051'],
    ['3375015301891051\u00a0', '3375015301891051'],
  ])('cleans %j', (raw, digits) => {
    const info = parseNik(raw, { today: TODAY });
    expect(info.digits).toBe(digits);
    expect(info.problems).toEqual([]);
  });

  it.each([
    ['3.37501530189105E+15', 'excel-scientific'],
    ['3,37501530189105E+15', 'excel-scientific'],
    ['3.37502E+15', 'excel-scientific'],
    ['3375015301891050', 'excel-precision'],
    ['337501530189105', 'length'],
    ['33750153018910511', 'length'],
    ['3375O15301891051', 'non-digit'],
    ['NIK belum ada', 'non-digit'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['0000000000000000', 'placeholder'],
    ['1234567890123456', 'placeholder'],
    ['3375010000000001', 'placeholder'],
    ['9975015301891051', 'province-unknown'],
    ['3399015301891051', 'regency-unknown'],
    ['3375995301891051', 'district-unknown'],
    ['3375013201891051', 'birth-date-impossible'],
    ['3375017201891051', 'birth-date-impossible'],
    ['3375011513891051', 'birth-date-impossible'],
    ['3375013102891051', 'birth-date-impossible'],
    ['3375010000891051', 'birth-date-impossible'],
    ['3375015301890000', 'excel-precision'],
  ])('%j has problem %s', (raw, problem) => {
    expect(parseNik(raw, { today: TODAY }).problems).toContain(problem);
  });

  it('keeps the digits Excel kept in scientific notation, and never lets them match', () => {
    const info = parseNik('3.37501530189105E+15');
    expect(info.digits).toBeNull();
    expect(info.excelDigits).toBe('3375015301891050');
    expect(isUsableIdentity(info)).toBe(false);
  });

  it.each(['3375015301891050', '3.37501530189105E+15', '337501530189105', '1234567890123456', '3375013201891051', '3375015301890000', 'abc'])(
    '%j is not usable as an identity',
    (raw) => {
      expect(isUsableIdentity(parseNik(raw, { today: TODAY }))).toBe(false);
    },
  );

  it('an unknown region (codes change when regions split) stays usable', () => {
    const info = parseNik('3375995301891051', { today: TODAY });
    expect(info.problems).toEqual(['district-unknown']);
    expect(isUsableIdentity(info)).toBe(true);
  });

  it('chooses the century from tanggal_lahir when given, else the most recent not in the future', () => {
    expect(parseNik('3375011701250001', { today: TODAY }).birthDate).toBe('2025-01-17');
    expect(parseNik('3375011701250001', { today: TODAY, birthDateHint: '1925-01-17' }).birthDate).toBe('1925-01-17');
    expect(parseNik('3375011701300001', { today: TODAY }).birthDate).toBe('1930-01-17');
    expect(parseNik('3375011712260001', { today: TODAY }).birthDate).toBe('1926-12-17');
    // 29 February only exists in 2000, not 1900.
    expect(parseNik('3375012902000001', { today: TODAY }).birthDate).toBe('2000-02-29');
  });

  it('every generated valid NIK parses back to its parts (seeded)', () => {
    forSeeds(3000, 100, (rng) => {
      const g = randomNik(rng);
      const info = parseNik(g.nik, { today: TODAY, birthDateHint: g.birthDate });
      expect(info.problems).toEqual([]);
      expect(info.digits).toBe(g.nik);
      expect(info.district).toBe(g.district);
      expect(info.regency).toBe(g.district.slice(0, 4));
      expect(info.province).toBe(g.district.slice(0, 2));
      expect(info.birthDate).toBe(g.birthDate);
      expect(info.sex).toBe(g.sex);
      expect(nikSerial(info)).toBe(g.serial);
      expect(isUsableIdentity(info)).toBe(true);
    });
  });

  it('without a hint, a generated NIK gets a birth date 0–100 years before today (seeded)', () => {
    forSeeds(1000, 9000, (rng) => {
      const g = randomNik(rng, 1927, 2026);
      const info = parseNik(g.nik, { today: TODAY });
      if (g.birthDate > TODAY) return;
      expect(info.birthDate).toBe(g.birthDate);
    });
  });

  it('Excel damage of a generated NIK is always caught (seeded)', () => {
    forSeeds(1000, 20000, (rng) => {
      const g = randomNik(rng);
      const damaged = `${g.nik.slice(0, 15)}0`;
      expect(isUsableIdentity(parseNik(damaged))).toBe(false);
      const sci = `${g.nik[0]}.${g.nik.slice(1, 15).replace(/0+$/, '')}E+15`;
      const info = parseNik(sci);
      expect(info.problems).toEqual(['excel-scientific']);
      expect(info.excelDigits).toBe(damaged);
    });
  });

  it('never throws on arbitrary strings (seeded fuzz)', () => {
    forSeeds(3000, 40000, (rng) => {
      const raw = rng() < 0.3 ? randomNik(rng).nik.replace(/\d/g, (d) => (rng() < 0.1 ? randomString(rng, 1) : d)) : randomString(rng);
      const info = parseNik(raw, { today: TODAY });
      expect(Array.isArray(info.problems)).toBe(true);
      if (isUsableIdentity(info)) expect(info.digits).toMatch(/^\d{16}$/);
    });
  });
});

describe('cleanIdNumber / isPlaceholderNumber', () => {
  it('classifies shapes', () => {
    expect(cleanIdNumber('')).toEqual({ kind: 'empty' });
    expect(cleanIdNumber('3.3E+15')).toEqual({ kind: 'scientific', digits: '3300000000000000' });
    expect(cleanIdNumber('12a')).toEqual({ kind: 'other', cleaned: '12a' });
  });

  it('spots dummies but not real NIKs', () => {
    expect(isPlaceholderNumber('1111111111111111')).toBe(true);
    expect(isPlaceholderNumber('3375000000000000')).toBe(true);
    expect(isPlaceholderNumber('3375015301891051')).toBe(false);
  });
});

describe('assessIdColumn and trustTrailingZero', () => {
  it('a column kept as text: ~1 in 10 end in 0, so a trailing 0 is trusted', () => {
    const rng = mulberry32(7);
    const values = Array.from({ length: 200 }, () => {
      const n = randomNik(rng).nik;
      return rng() < 0.1 ? `${n.slice(0, 15)}0` : n;
    });
    const report = assessIdColumn(values);
    expect(report.excelDamaged).toBe(false);
    expect(report.trailingZeroTrusted).toBe(true);
    const info = parseNik('3375015301891050', { today: TODAY, trustTrailingZero: report.trailingZeroTrusted });
    expect(info.problems).toEqual([]);
    expect(isUsableIdentity(info)).toBe(true);
    expect(parseNik('3375015301890000', { today: TODAY, trustTrailingZero: true }).problems).toEqual(['serial-zero']);
  });

  it('a column typed into Excel number cells is recognised', () => {
    const rng = mulberry32(8);
    const damaged = Array.from({ length: 50 }, () => `${randomNik(rng).nik.slice(0, 15)}0`);
    expect(assessIdColumn(damaged)).toMatchObject({ values: 50, sixteenDigits: 50, trailingZero: 50, excelDamaged: true, trailingZeroTrusted: false });
    expect(assessIdColumn(['3.37501530189105E+15', '', '3375015301891051'])).toMatchObject({ values: 2, scientific: 1, excelDamaged: true });
    expect(assessIdColumn(['3375015301891051']).trailingZeroTrusted).toBe(false); // too little evidence
  });
});

describe('nikSummary', () => {
  it('says what a NIK tells about its holder', () => {
    expect(nikSummary(parseNik('3375015301891051', { today: TODAY }))).toBe(
      'Perempuan, lahir 13-01-1989, NIK terbit di Kec. Pekalongan Barat, Kota Pekalongan, Jawa Tengah',
    );
    expect(nikSummary(parseNik('3306121708750003', { today: TODAY }), 'en')).toBe(
      'Male, born 17-08-1975, NIK issued in district Kemiri, Kabupaten Purworejo, Jawa Tengah',
    );
    expect(nikSummary(parseNik('3.37501530189105E+15'))).toBe('');
  });
});

describe('NO_PROBLEMS (the shared empty problem list)', () => {
  it('is what sound numbers share, and stays empty when damaged numbers get their own lists', () => {
    const sound = parseNik('3375015301891051', { today: TODAY });
    const kk = parseNoKk('3375012301090001');
    expect(sound.problems).toBe(NO_PROBLEMS);
    expect(kk.problems).toBe(NO_PROBLEMS);
    for (const raw of ['3375015301891050', '3.37501530189105E+15', '9999015301891051', '1111111111111111', '33750153018910', '3375019901891051']) {
      const info = parseNik(raw, { today: TODAY });
      expect(info.problems.length).toBeGreaterThan(0);
      expect(info.problems).not.toBe(NO_PROBLEMS);
    }
    expect(parseNoKk('3375010000000000').problems.length).toBeGreaterThan(0);
    expect(NO_PROBLEMS).toHaveLength(0);
  });

  it('withProblem copies: the list it is given is never changed', () => {
    const one = withProblem(NO_PROBLEMS as readonly string[], 'length');
    const two = withProblem(one, 'placeholder');
    expect(NO_PROBLEMS).toHaveLength(0);
    expect(one).toEqual(['length']);
    expect(two).toEqual(['length', 'placeholder']);
  });
});
