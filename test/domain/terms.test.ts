import { describe, expect, it } from 'vitest';
import { birthTerm, birthTermYmd } from '../../src/domain/match/terms';
import { forSeeds } from './helpers';

describe('birthTermYmd', () => {
  it('reads a birth date term as YYYYMMDD, one-to-one (seeded dates)', () => {
    const seen = new Map<number, string>();
    forSeeds(2000, 7000, (rng) => {
      const iso = `${1900 + Math.floor(rng() * 130)}-${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rng() * 31)).padStart(2, '0')}`;
      const key = birthTermYmd(birthTerm(iso));
      expect(key).toBe(Number(iso.replaceAll('-', '')));
      expect(seen.get(key) ?? iso).toBe(iso);
      seen.set(key, iso);
    });
  });

  it('is -1 for any other text', () => {
    for (const t of ['', 'd:', 'd:1990-1-01', 'd:1990/01/01', 'x:1990-01-01', 'n:1990-01-01', 'd:19a0-01-01', 'd:1990-01-011', 'd:1990-01-0x']) {
      expect(birthTermYmd(t)).toBe(-1);
    }
  });
});
