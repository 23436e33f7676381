// Field comparisons of two rows and their Fellegi–Sunter weights (model.ts).
// Each field gives one piece of evidence with a level and a weight in bits; the
// sum decides. `termCount` supplies the number of rows holding a term, for the
// term-frequency adjustment of names, birth dates and identity numbers.
import { jaroWinkler } from './jaro';
import type { Features } from './features';
import { probability, termWeight, type MatchModel } from './model';

export type Field =
  | 'identity'
  | 'name'
  | 'birth'
  | 'address'
  | 'rtrw'
  | 'village'
  | 'district'
  | 'birthPlace'
  | 'sex'
  | 'noKk';

export type Level = 'same' | 'similar' | 'swap' | 'typo' | 'oneDigit' | 'transposed' | 'partial' | 'differ';

export interface Evidence {
  field: Field;
  level: Level;
  /** Bits: log2(m/u), term-frequency adjusted where it applies. */
  weight: number;
  /** Similarity 0..1 for fuzzy levels (names, addresses). */
  sim?: number;
}

export interface PairScore {
  weight: number;
  /** Match probability 0..1. */
  probability: number;
  evidence: Evidence[];
  /** Both rows carry the same usable identity number. */
  sameIdentity: boolean;
}

export type TermCount = (term: string) => number;

function hamming1(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i) && ++diff > 1) return false;
  return diff === 1;
}

function adjacentTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (i >= a.length - 1) return false;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

function tokenSimilarity(a: string, b: string, pa: string, pb: string): number {
  if (a === b) return 1;
  if (pa === pb) return 0.97; // same sound: 'fatimah'/'fatima', 'dhani'/'dani'
  return jaroWinkler(a, b);
}

interface Assignment {
  pairs: [number, number, number][]; // i, j, similarity
  leftA: number;
  leftB: number;
}

const isDigits = (t: string) => t.charCodeAt(0) >= 48 && t.charCodeAt(0) <= 57;

/**
 * Greedy one-to-one assignment of tokens: equal tokens first, then the best
 * fuzzy similarity first. Numbers (house numbers, postcodes) match only exactly.
 */
function assign(
  a: string[],
  b: string[],
  pa: string[],
  pb: string[],
  floor: number,
  initials: boolean,
): Assignment {
  const usedA = new Uint8Array(a.length);
  const usedB = new Uint8Array(b.length);
  const pairs: [number, number, number][] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      if (usedB[j] || a[i] !== b[j]) continue;
      usedA[i] = 1;
      usedB[j] = 1;
      pairs.push([i, j, 1]);
      break;
    }
  }
  if (pairs.length < a.length && pairs.length < b.length) {
    const cands: [number, number, number][] = [];
    for (let i = 0; i < a.length; i++) {
      if (usedA[i]) continue;
      const ta = a[i] as string;
      for (let j = 0; j < b.length; j++) {
        if (usedB[j]) continue;
        const tb = b[j] as string;
        if (isDigits(ta) || isDigits(tb)) continue;
        let s = tokenSimilarity(ta, tb, pa[i] ?? ta, pb[j] ?? tb);
        // An initial ('m', 'a') against a full token that starts with it.
        if (initials && s < floor && (ta.length === 1 || tb.length === 1) && ta[0] === tb[0]) s = -1;
        if (s >= floor || s === -1) cands.push([i, j, s]);
      }
    }
    const rank = (s: number) => (s === -1 ? 0.5 : s);
    cands.sort((x, y) => rank(y[2]) - rank(x[2]) || x[0] - y[0] || x[1] - y[1]);
    for (const c of cands) {
      if (usedA[c[0]] || usedB[c[1]]) continue;
      usedA[c[0]] = 1;
      usedB[c[1]] = 1;
      pairs.push(c);
    }
  }
  return { pairs, leftA: a.length - pairs.length, leftB: b.length - pairs.length };
}

function compareNames(a: Features, b: Features, count: TermCount, model: MatchModel): Evidence | null {
  if (a.name.length === 0 || b.name.length === 0) return null;
  const floor = model.nameLevels[model.nameLevels.length - 1]?.jw ?? 0.85;
  const { pairs, leftA, leftB } = assign(a.name, b.name, a.phonetic, b.phonetic, floor, true);
  const twA = a.nameTerms.map((t) => Math.max(0, termWeight(model, count(t))));
  const twB = b.nameTerms.map((t) => Math.max(0, termWeight(model, count(t))));
  let weight = 0;
  let agree = 0;
  let total = 0;
  for (const w of twA) total += Math.max(0.5, w);
  for (const w of twB) total += Math.max(0.5, w);
  let exact = true;
  for (const [i, j, s] of pairs) {
    const wa = twA[i] as number;
    const wb = twB[j] as number;
    if (s === -1) {
      weight += model.nameInitial;
      exact = false;
      continue;
    }
    // The commoner of the two spellings decides: a typo makes a token look rare.
    const w = Math.min(wa, wb);
    if (s === 1) weight += w;
    else {
      exact = false;
      const level = model.nameLevels.find((l) => s >= l.jw);
      weight += w * (level?.keep ?? 0);
    }
    agree += s * (Math.max(0.5, wa) + Math.max(0.5, wb));
  }
  const sim = total > 0 ? agree / total : 0;
  if (pairs.length === 0) return { field: 'name', level: 'differ', weight: model.nameNone, sim };
  weight = Math.min(weight, model.nameMax);
  const conflicts = Math.min(leftA, leftB);
  const extras = Math.abs(leftA - leftB);
  weight += conflicts * model.nameConflict + extras * model.nameExtra;
  const level: Level = exact && conflicts === 0 && extras === 0 ? 'same' : conflicts > 0 ? 'partial' : 'similar';
  return { field: 'name', level, weight, sim };
}

function compareBirth(a: Features, b: Features, count: TermCount, model: MatchModel): Evidence | null {
  const x = a.birth;
  const y = b.birth;
  if (!x || !y) return null;
  if (x.iso === y.iso) return { field: 'birth', level: 'same', weight: termWeight(model, count(a.birthTerm)) };
  if (x.y === y.y && x.m === y.d && x.d === y.m) return { field: 'birth', level: 'swap', weight: model.dob.swap };
  if (hamming1(x.digits, y.digits) || adjacentTransposition(x.digits, y.digits)) {
    return { field: 'birth', level: 'typo', weight: model.dob.typo };
  }
  if (x.y === y.y) return { field: 'birth', level: 'partial', weight: model.dob.yearOnly };
  return { field: 'birth', level: 'differ', weight: model.dob.differ };
}

function compareIdentity(a: Features, b: Features, count: TermCount, model: MatchModel): Evidence | null {
  const x = a.identity;
  const y = b.identity;
  if (!x || !y) return null;
  if (x === y) return { field: 'identity', level: 'same', weight: termWeight(model, count(a.identityTerm)) };
  if (hamming1(x, y)) return { field: 'identity', level: 'oneDigit', weight: model.identity.oneDigit };
  if (adjacentTransposition(x, y)) return { field: 'identity', level: 'transposed', weight: model.identity.transposed };
  return { field: 'identity', level: 'differ', weight: model.identity.differ };
}

function compareAddress(a: Features, b: Features, model: MatchModel): Evidence | null {
  if (a.address.length === 0 || b.address.length === 0) return null;
  const { pairs } = assign(a.address, b.address, a.address, b.address, 0.9, false);
  let agree = 0;
  for (const p of pairs) agree += p[2];
  const sim = (2 * agree) / (a.address.length + b.address.length);
  const level = model.address.levels.find((l) => sim >= l.sim);
  if (!level) return { field: 'address', level: 'differ', weight: model.address.differ, sim };
  return { field: 'address', level: sim === 1 ? 'same' : 'similar', weight: level.weight, sim };
}

function compareRtRw(a: Features, b: Features, model: MatchModel): Evidence | null {
  const rt = a.rt && b.rt ? (a.rt === b.rt ? 1 : 0) : -1;
  const rw = a.rw && b.rw ? (a.rw === b.rw ? 1 : 0) : -1;
  if (rt === -1 && rw === -1) return null;
  if (rt === -1 || rw === -1) {
    const same = rt === 1 || rw === 1;
    return { field: 'rtrw', level: same ? 'partial' : 'differ', weight: same ? model.rtrw.both / 2 : model.rtrw.none / 2 };
  }
  if (rt + rw === 2) return { field: 'rtrw', level: 'same', weight: model.rtrw.both };
  if (rt + rw === 1) return { field: 'rtrw', level: 'partial', weight: model.rtrw.one };
  return { field: 'rtrw', level: 'differ', weight: model.rtrw.none };
}

function comparePlace(field: Field, x: string, y: string, w: { same: number; differ: number }): Evidence | null {
  if (!x || !y) return null;
  const same = x === y || jaroWinkler(x, y) >= 0.93;
  return { field, level: same ? 'same' : 'differ', weight: same ? w.same : w.differ };
}

/** The most the fields after identity, name and birth date can add (for pruning). */
function restMax(model: MatchModel): number {
  return (
    Math.max(0, ...model.address.levels.map((l) => l.weight)) +
    model.rtrw.both +
    model.village.same +
    model.district.same +
    model.birthPlace.same +
    model.sex.same +
    model.noKk.same
  );
}

/**
 * Score a pair. With `prune`, returns null as soon as the pair cannot reach the
 * link threshold (and is not a same-identity pair): most candidates stop after
 * three fields.
 */
export function comparePair(a: Features, b: Features, count: TermCount, model: MatchModel, prune = false): PairScore | null {
  const evidence: Evidence[] = [];
  let weight = 0;
  const push = (e: Evidence | null) => {
    if (!e) return;
    evidence.push(e);
    weight += e.weight;
  };
  const sameIdentity = a.identity !== null && a.identity === b.identity;
  push(compareIdentity(a, b, count, model));
  push(compareBirth(a, b, count, model));
  push(compareNames(a, b, count, model));
  if (prune && !(model.linkSameIdentity && sameIdentity)) {
    const needed = Math.log2(model.population) + Math.log2(model.threshold / (1 - model.threshold));
    if (weight + restMax(model) < needed) return null;
  }
  push(compareAddress(a, b, model));
  push(compareRtRw(a, b, model));
  push(comparePlace('village', a.village, b.village, model.village));
  push(comparePlace('district', a.district, b.district, model.district));
  push(comparePlace('birthPlace', a.birthPlace, b.birthPlace, model.birthPlace));
  if (a.sex && b.sex) {
    const same = a.sex === b.sex;
    push({ field: 'sex', level: same ? 'same' : 'differ', weight: same ? model.sex.same : model.sex.differ });
  }
  if (a.noKk && b.noKk && a.noKk === b.noKk) push({ field: 'noKk', level: 'same', weight: model.noKk.same });
  return { weight, probability: probability(model, weight), evidence, sameIdentity };
}

/** Is the pair linked (before decisions)? */
export function isLink(score: PairScore, model: MatchModel): boolean {
  return score.probability >= model.threshold || (model.linkSameIdentity && score.sameIdentity);
}
