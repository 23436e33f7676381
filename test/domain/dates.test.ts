import { describe, expect, it } from 'vitest';
import { ageOn, formatDate, parseDate, parseExcelSerialDate, todayIso } from '../../src/domain/dates';
import { forSeeds, int, pick, randomString } from './helpers';

describe('parseDate', () => {
  it.each([
    ['17-08-1975', '1975-08-17'],
    ['17/08/1975', '1975-08-17'],
    ['17.08.1975', '1975-08-17'],
    ['7-8-1975', '1975-08-07'],
    [' 07 - 08 - 1975 ', '1975-08-07'],
    ['01-02-03', '2003-02-01'],
    ['01-02-85', '1985-02-01'],
    ['1975-08-17', '1975-08-17'],
    ['1975/8/17', '1975-08-17'],
    ['1975-08-17T00:00:00.000Z', '1975-08-17'],
    ['1975-08-17 00:00:00', '1975-08-17'],
    ['19750817', '1975-08-17'],
    ['17081975', '1975-08-17'],
    ['12 Januari 1980', '1980-01-12'],
    ['12 JANUARI 1980', '1980-01-12'],
    ['12 Jan 1980', '1980-01-12'],
    ['12-Jan-80', '1980-01-12'],
    ['1 Pebruari 1960', '1960-02-01'],
    ['5 Agt 1970', '1970-08-05'],
    ['5 Agustus 1970', '1970-08-05'],
    ['30 Nopember 1955', '1955-11-30'],
    ['9 Mei 2001', '2001-05-09'],
    ['Aug 17, 1945', '1945-08-17'],
    ['29-02-2000', '2000-02-29'],
    ['Pekalongan, 12-01-1980', '1980-01-12'],
    ['KOTA BENGKULU, 3 Maret 1990', '1990-03-03'],
    ['12/01/1980 0:00', '1980-01-12'],
    ['12/01/1980 00:00:00', '1980-01-12'],
    ['12–01–1980', '1980-01-12'],
  ])('%s → %s', (raw, iso) => {
    expect(parseDate(raw)).toBe(iso);
  });

  it.each([
    '31-02-1980', '29-02-1900', '29-02-2023', '32-01-1980', '00-01-1980', '12-13-1980', '12-00-1980', '',
    '   ', 'belum tahu', '12 Foo 1980', '1980', '12-01', '12-01-19800', '3375015301891051', '-', '12/01-1980', '12 constructor 1980', 'toString 12, 1980', '12 __proto__ 1980',
  ])('refuses %j', (raw) => {
    expect(parseDate(raw)).toBeNull();
  });

  it('uses a configurable pivot for two-digit years', () => {
    expect(parseDate('01-01-30')).toBe('2030-01-01');
    expect(parseDate('01-01-31')).toBe('1931-01-01');
    expect(parseDate('01-01-30', { twoDigitPivot: 26 })).toBe('1930-01-01');
  });

  it('never throws and returns a real ISO date or null (seeded fuzz)', () => {
    forSeeds(3000, 1000, (rng) => {
      const raw = randomString(rng);
      const iso = parseDate(raw);
      if (iso !== null) {
        expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(parseDate(iso)).toBe(iso);
      }
    });
  });

  it('round-trips every valid day through the usual formats (seeded)', () => {
    forSeeds(2000, 5000, (rng) => {
      const y = int(rng, 1900, 2030);
      const m = int(rng, 1, 12);
      const d = int(rng, 1, new Date(Date.UTC(y, m, 0)).getUTCDate());
      const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const dd = String(d).padStart(2, '0');
      const mm = String(m).padStart(2, '0');
      const sep = pick(rng, ['-', '/', '.']);
      expect(parseDate(`${dd}${sep}${mm}${sep}${y}`)).toBe(iso);
      expect(parseDate(`${d}${sep}${m}${sep}${y}`)).toBe(iso);
      expect(parseDate(iso)).toBe(iso);
      expect(parseDate(formatDate(iso))).toBe(iso);
    });
  });
});

describe('parseExcelSerialDate', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [29232, '1980-01-12'],
    [45658, '2025-01-01'],
    [45658.75, '2025-01-01'],
  ])('%d → %s', (serial, iso) => {
    expect(parseExcelSerialDate(serial)).toBe(iso);
  });

  it.each([0, -5, 60, Number.NaN, Number.POSITIVE_INFINITY, 1e9])('refuses %d', (serial) => {
    expect(parseExcelSerialDate(serial)).toBeNull();
  });
});

describe('formatDate, ageOn, todayIso', () => {
  it('formats ISO as DD-MM-YYYY and leaves other text alone', () => {
    expect(formatDate('1975-08-17')).toBe('17-08-1975');
    expect(formatDate('kemarin')).toBe('kemarin');
  });

  it('counts completed years', () => {
    expect(ageOn('2009-11-24', '2026-11-23')).toBe(16);
    expect(ageOn('2009-11-23', '2026-11-23')).toBe(17);
    expect(ageOn('2027-01-01', '2026-11-23')).toBe(-1);
  });

  it('takes today in WIB (UTC+7)', () => {
    expect(todayIso(new Date('2026-11-23T18:00:00Z'))).toBe('2026-11-24');
    expect(todayIso(new Date('2026-11-23T16:59:00Z'))).toBe('2026-11-23');
  });
});
