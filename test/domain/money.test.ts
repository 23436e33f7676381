import { describe, expect, it } from 'vitest';
import { formatRupiah, parseRupiah } from '../../src/domain/money';
import { forSeeds, int, randomString } from './helpers';

describe('parseRupiah', () => {
  it.each([
    ['Rp1.250.000', 1250000],
    ['Rp 1.250.000', 1250000],
    ['Rp. 1.250.000', 1250000],
    ['IDR 1.250.000', 1250000],
    ['1.250.000', 1250000],
    ['1250000', 1250000],
    ['1.250.000,00', 1250000],
    ['1,250,000', 1250000],
    ['1,250,000.50', 1250001],
    ['Rp750.000,-', 750000],
    ['750.000.-', 750000],
    ['Rp 1,25 jt', 1250000],
    ['1,25 juta', 1250000],
    ['2,5 juta', 2500000],
    ['2.5jt', 2500000],
    ['3 juta', 3000000],
    ['500rb', 500000],
    ['500 ribu', 500000],
    ['1,2 miliar', 1200000000],
    ['0', 0],
    ['800.000/bulan', 800000],
  ])('%j → %d', (raw, n) => {
    expect(parseRupiah(raw)).toBe(n);
  });

  it.each(['', '-', 'tidak ada', 'Rp', '1.25.000', '12,34,5', '-500000', '1.250.000,', 'satu juta'])('refuses %j', (raw) => {
    expect(parseRupiah(raw)).toBeNull();
  });

  it('round-trips formatRupiah and never throws (seeded)', () => {
    forSeeds(2000, 800, (rng) => {
      const n = int(rng, 0, 2_000_000_000);
      expect(parseRupiah(formatRupiah(n))).toBe(n);
      const r = parseRupiah(randomString(rng, 12));
      if (r !== null) expect(Number.isSafeInteger(r) && r >= 0).toBe(true);
    });
  });
});

describe('formatRupiah', () => {
  it.each([
    [1250000, 'Rp1.250.000'],
    [0, 'Rp0'],
    [999, 'Rp999'],
    [1000, 'Rp1.000'],
    [2545138, 'Rp2.545.138'],
    [-5000, '-Rp5.000'],
    [1249999.6, 'Rp1.250.000'],
  ])('%d → %s', (n, s) => {
    expect(formatRupiah(n)).toBe(s);
  });
});
