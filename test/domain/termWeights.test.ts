import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, TermWeights, termWeight } from '../../src/domain/match/model';

describe('TermWeights', () => {
  it('gives termWeight for every count (its bucket read from the bits)', () => {
    const w = new TermWeights(DEFAULT_MODEL);
    for (let n = 0; n <= 1 << 17; n++) expect(w.of(n)).toBe(termWeight(DEFAULT_MODEL, n));
    for (let e = 17; e <= 33; e++) {
      for (const n of [2 ** e - 1, 2 ** e, 2 ** e + 1]) expect(w.of(n)).toBe(termWeight(DEFAULT_MODEL, n));
    }
  });
});
