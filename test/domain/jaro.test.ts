// jaroWinklerAtLeast must give jaroWinkler's very number at or above the floor, and stay below it otherwise.
import { describe, expect, it } from 'vitest';
import { jaroWinkler, jaroWinklerAtLeast } from '../../src/domain/match/jaro';
import { mulberry32 } from '../engine/random';

describe('jaroWinklerAtLeast', () => {
  it('agrees with jaroWinkler at or above the floor, and is below the floor otherwise', () => {
    const rnd = mulberry32(11);
    // Few letters, so that many pairs are close; lengths 1..12, and typo'd copies.
    const word = () => Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => 'aeiksnrtu'[Math.floor(rnd() * 9)]).join('');
    const typo = (w: string) => {
      const i = Math.floor(rnd() * w.length);
      const r = rnd();
      if (r < 0.3) return w.slice(0, i) + w.slice(i + 1);
      if (r < 0.6) return w.slice(0, i) + 'aeiksnrtu'[Math.floor(rnd() * 9)] + w.slice(i);
      if (r < 0.8 && i + 1 < w.length) return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
      return w.slice(0, i) + 'aeiksnrtu'[Math.floor(rnd() * 9)] + w.slice(i + 1);
    };
    let above = 0;
    for (let n = 0; n < 40_000; n++) {
      const a = word();
      const b = rnd() < 0.5 ? typo(typo(a)) : word();
      for (const floor of [0.5, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95]) {
        const exact = jaroWinkler(a, b);
        const got = jaroWinklerAtLeast(a, b, floor);
        if (exact >= floor) {
          above++;
          expect(got).toBe(exact);
        } else expect(got).toBeLessThan(floor);
      }
    }
    expect(above).toBeGreaterThan(20_000);
  });
});
