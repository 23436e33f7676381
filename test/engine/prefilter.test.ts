// The pair prefilter must never reject a pair that comparePair would score:
// random features full of near misses (one digit off, swapped digits, day/month
// swaps, similar places, odd-shaped numbers) are checked pair by pair.
import { describe, expect, it } from 'vitest';
import { PairPrefilter } from '../../src/domain/engine/prefilter';
import { comparePair, fieldCodes, noCodes, PairScratch } from '../../src/domain/match/compare';
import type { BirthDate, Features } from '../../src/domain/match/features';
import { DEFAULT_MODEL } from '../../src/domain/match/model';
import { mulberry32, pick } from './random';

const NAMES = [['siti', 'aminah'], ['siti', 'aminah', 'binti'], ['sri', 'aminah'], ['muhammad'], ['m', 'santoso'], ['budi', 'santoso'], []];
const IDS = ['3375011201800001', '3375011021800001', '3375011301800001', '3375011201800002', '3375011201800010', '3375011210800001', '12345', '123456789012345678', '12354', null];
const DATES: (BirthDate | null)[] = ['1980-01-12', '1980-12-01', '1981-01-12', '1980-01-21', '1908-01-12', '1980-01-13', '1975-04-03'].map((iso) => ({
  iso,
  y: Number(iso.slice(0, 4)),
  m: Number(iso.slice(5, 7)),
  d: Number(iso.slice(8, 10)),
  digits: iso.replace(/-/g, ''),
}));
DATES.push(null);
const NUMBERS = ['', '1', '2', '10', '01', 'Infinity', '1e+21', '1234567890'];
const PLACES = ['', 'medono', 'medonoo', 'kauman', 'kaumann', 'podosugih'];
const KKS = ['3375010101200001', '3375010101200002', '123', 'abc', null];

/** A weight per value, as the matcher keeps them: rows sharing a birth date or identity number share its weight. */
function weightOf(value: string | null | undefined): number {
  let h = 7;
  for (const c of value ?? '') h = (h * 31 + c.charCodeAt(0)) % 1000;
  return (h / 1000) * 13;
}

function features(rnd: () => number, key: string): Features {
  const name = pick(rnd, NAMES);
  const birth = pick(rnd, DATES);
  const identity = pick(rnd, IDS);
  return {
    key,
    source: 's',
    reference: false,
    name,
    phonetic: name,
    nameTerms: name.map((t) => `n:${t}`),
    birthTerm: '',
    weights: { name: name.map(() => Math.floor(rnd() * 14) - 1), birth: weightOf(birth?.iso), identity: weightOf(identity) },
    birth,
    identity,
    noKk: pick(rnd, KKS),
    address: [],
    rt: pick(rnd, NUMBERS),
    rw: pick(rnd, NUMBERS),
    village: pick(rnd, PLACES),
    district: pick(rnd, PLACES),
    birthPlace: pick(rnd, PLACES),
    sex: pick(rnd, ['L', 'P', null] as const),
    programs: [],
  };
}

describe('pair prefilter', () => {
  it('rejects only pairs that comparePair gives up on, whichever row comes first', () => {
    const rnd = mulberry32(7);
    const filter = new PairPrefilter(DEFAULT_MODEL);
    const rows = Array.from({ length: 300 }, (_, i) => features(rnd, `k${String(i).padStart(3, '0')}`));
    rows.forEach((f, i) => {
      filter.set(i, f);
      filter.setWeights(i, f);
    });
    const scratch = new PairScratch();
    let rejected = 0;
    let kept = 0;
    for (let i = 0; i < rows.length; i++) {
      for (let j = i + 1; j < rows.length; j++) {
        // The packed codes are comparePair's own, in both orders.
        expect(filter.codes(i, j, noCodes())).toEqual(fieldCodes(rows[i] as Features, rows[j] as Features, noCodes()));
        expect(filter.codes(j, i, noCodes())).toEqual(fieldCodes(rows[j] as Features, rows[i] as Features, noCodes()));
        // Symmetric: the matcher asks without ordering the rows by key.
        expect(filter.rejects(j, i)).toBe(filter.rejects(i, j));
        if (!filter.rejects(i, j)) continue;
        rejected++;
        if (comparePair(rows[i] as Features, rows[j] as Features, DEFAULT_MODEL, true, scratch) === null) kept++;
      }
    }
    expect(rejected).toBeGreaterThan(1000);
    expect(kept).toBe(rejected);
  });
});
