// Field comparisons of two rows and their Fellegi–Sunter weights (model.ts).
// Each field gives one piece of evidence with a level and a weight in bits; the
// sum decides. `termCount` supplies the number of rows holding a term, for the
// term-frequency adjustment of names, birth dates and identity numbers.
import { jaroWinkler } from './jaro';
import type { Features } from './features';
import { probability, type MatchModel } from './model';

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

const isDigits = (t: string) => t.charCodeAt(0) >= 48 && t.charCodeAt(0) <= 57;

/** Most tokens of a name or address that take part in the assignment (bit sets of used tokens). */
const MAX_TOKENS = 31;

/**
 * Reusable buffers for the token assignment, so scoring a pair allocates no
 * arrays. One per matcher (or per call, when none is given).
 */
export class PairScratch {
  /** Assigned pairs: token index in a, in b, similarity (-1: an initial against a full token). */
  readonly pi = new Int32Array(MAX_TOKENS);
  readonly pj = new Int32Array(MAX_TOKENS);
  readonly ps = new Float64Array(MAX_TOKENS);
  count = 0;
  // Fuzzy candidates before the greedy choice.
  readonly ci = new Int32Array(MAX_TOKENS * MAX_TOKENS);
  readonly cj = new Int32Array(MAX_TOKENS * MAX_TOKENS);
  readonly cs = new Float64Array(MAX_TOKENS * MAX_TOKENS);
}

/** Order of fuzzy candidates: best similarity first (an initial counts as 0.5), then by position. */
function before(s: PairScratch, x: number, y: number): boolean {
  const sx = s.cs[x] === -1 ? 0.5 : (s.cs[x] as number);
  const sy = s.cs[y] === -1 ? 0.5 : (s.cs[y] as number);
  if (sx !== sy) return sx > sy;
  if (s.ci[x] !== s.ci[y]) return (s.ci[x] as number) < (s.ci[y] as number);
  return (s.cj[x] as number) < (s.cj[y] as number);
}

/**
 * Greedy one-to-one assignment of tokens: equal tokens first, then the best
 * fuzzy similarity first. Numbers (house numbers, postcodes) match only exactly.
 * The pairs land in `s` (pi, pj, ps; s.count of them).
 */
function assign(a: string[], b: string[], pa: string[], pb: string[], floor: number, initials: boolean, s: PairScratch): void {
  const na = Math.min(a.length, MAX_TOKENS);
  const nb = Math.min(b.length, MAX_TOKENS);
  let usedA = 0;
  let usedB = 0;
  let n = 0;
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) {
      if (usedB & (1 << j) || a[i] !== b[j]) continue;
      usedA |= 1 << i;
      usedB |= 1 << j;
      s.pi[n] = i;
      s.pj[n] = j;
      s.ps[n] = 1;
      n++;
      break;
    }
  }
  if (n < na && n < nb) {
    let c = 0;
    for (let i = 0; i < na; i++) {
      if (usedA & (1 << i)) continue;
      const ta = a[i] as string;
      for (let j = 0; j < nb; j++) {
        if (usedB & (1 << j)) continue;
        const tb = b[j] as string;
        if (isDigits(ta) || isDigits(tb)) continue;
        let sim = tokenSimilarity(ta, tb, pa[i] ?? ta, pb[j] ?? tb);
        // An initial ('m', 'a') against a full token that starts with it.
        if (initials && sim < floor && (ta.length === 1 || tb.length === 1) && ta[0] === tb[0]) sim = -1;
        if (sim >= floor || sim === -1) {
          s.ci[c] = i;
          s.cj[c] = j;
          s.cs[c] = sim;
          c++;
        }
      }
    }
    // Take the best remaining candidate each time (few candidates: no sort needed).
    // A taken candidate's similarity becomes -2, which no real candidate has.
    for (let round = 0; round < c; round++) {
      let best = -1;
      for (let x = 0; x < c; x++) {
        if (s.cs[x] === -2) continue;
        if (best === -1 || before(s, x, best)) best = x;
      }
      const i = s.ci[best] as number;
      const j = s.cj[best] as number;
      const sim = s.cs[best] as number;
      s.cs[best] = -2;
      if (usedA & (1 << i) || usedB & (1 << j)) continue;
      usedA |= 1 << i;
      usedB |= 1 << j;
      s.pi[n] = i;
      s.pj[n] = j;
      s.ps[n] = sim;
      n++;
    }
  }
  s.count = n;
}

function compareNames(a: Features, b: Features, model: MatchModel, scratch: PairScratch): Evidence | null {
  if (a.name.length === 0 || b.name.length === 0) return null;
  const floor = model.nameLevels[model.nameLevels.length - 1]?.jw ?? 0.85;
  assign(a.name, b.name, a.phonetic, b.phonetic, floor, true, scratch);
  const count = scratch.count;
  const leftA = a.name.length - count;
  const leftB = b.name.length - count;
  const twA = a.weights.name;
  const twB = b.weights.name;
  let weight = 0;
  let agree = 0;
  let total = 0;
  for (const w of twA) total += Math.max(0.5, w);
  for (const w of twB) total += Math.max(0.5, w);
  let exact = true;
  for (let p = 0; p < count; p++) {
    const s = scratch.ps[p] as number;
    const wa = twA[scratch.pi[p] as number] as number;
    const wb = twB[scratch.pj[p] as number] as number;
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
      let keep = 0;
      for (const l of model.nameLevels) {
        if (s >= l.jw) {
          keep = l.keep;
          break;
        }
      }
      weight += w * keep;
    }
    agree += s * (Math.max(0.5, wa) + Math.max(0.5, wb));
  }
  const sim = total > 0 ? agree / total : 0;
  if (count === 0) return { field: 'name', level: 'differ', weight: model.nameNone, sim };
  weight = Math.min(weight, model.nameMax);
  const conflicts = Math.min(leftA, leftB);
  const extras = Math.abs(leftA - leftB);
  weight += conflicts * model.nameConflict + extras * model.nameExtra;
  const level: Level = exact && conflicts === 0 && extras === 0 ? 'same' : conflicts > 0 ? 'partial' : 'similar';
  return { field: 'name', level, weight, sim };
}

function compareBirth(a: Features, b: Features, model: MatchModel): Evidence | null {
  const x = a.birth;
  const y = b.birth;
  if (!x || !y) return null;
  if (x.iso === y.iso) return { field: 'birth', level: 'same', weight: a.weights.birth };
  if (x.y === y.y && x.m === y.d && x.d === y.m) return { field: 'birth', level: 'swap', weight: model.dob.swap };
  if (hamming1(x.digits, y.digits) || adjacentTransposition(x.digits, y.digits)) {
    return { field: 'birth', level: 'typo', weight: model.dob.typo };
  }
  if (x.y === y.y) return { field: 'birth', level: 'partial', weight: model.dob.yearOnly };
  return { field: 'birth', level: 'differ', weight: model.dob.differ };
}

function compareIdentity(a: Features, b: Features, model: MatchModel): Evidence | null {
  const x = a.identity;
  const y = b.identity;
  if (!x || !y) return null;
  if (x === y) return { field: 'identity', level: 'same', weight: a.weights.identity };
  if (hamming1(x, y)) return { field: 'identity', level: 'oneDigit', weight: model.identity.oneDigit };
  if (adjacentTransposition(x, y)) return { field: 'identity', level: 'transposed', weight: model.identity.transposed };
  return { field: 'identity', level: 'differ', weight: model.identity.differ };
}

function compareAddress(a: Features, b: Features, model: MatchModel, scratch: PairScratch): Evidence | null {
  if (a.address.length === 0 || b.address.length === 0) return null;
  assign(a.address, b.address, a.address, b.address, 0.9, false, scratch);
  let agree = 0;
  for (let p = 0; p < scratch.count; p++) agree += scratch.ps[p] as number;
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

/** The most the address can add (for pruning). */
function addressMax(model: MatchModel): number {
  let max = 0;
  for (const l of model.address.levels) max = Math.max(max, l.weight);
  return max;
}

/** The most the fields after identity, name and birth date can add (for pruning). */
function restMax(model: MatchModel): number {
  return (
    addressMax(model) +
    model.rtrw.both +
    model.village.same +
    model.district.same +
    model.birthPlace.same +
    model.sex.same +
    model.noKk.same
  );
}

/** The summed weight at which the match probability reaches the threshold. */
function neededWeight(model: MatchModel): number {
  return Math.log2(model.population) + Math.log2(model.threshold / (1 - model.threshold));
}

/**
 * The most compareNames can give this pair: each token of one name is paired at
 * most once, for at most its own term weight (an initial: nameInitial), and the
 * sum is capped at nameMax.
 */
function nameBound(a: Features, b: Features, model: MatchModel): number {
  if (a.name.length === 0 || b.name.length === 0) return 0;
  let keep = 1;
  for (const l of model.nameLevels) keep = Math.max(keep, l.keep);
  const side = (weights: number[]) => {
    let sum = 0;
    for (const w of weights) sum += Math.max(0, model.nameInitial, w * keep);
    return sum;
  };
  const leftovers = (a.name.length + b.name.length) * Math.max(0, model.nameConflict, model.nameExtra);
  return Math.max(model.nameNone, Math.min(model.nameMax, side(a.weights.name), side(b.weights.name)) + leftovers);
}

/** Pruning bounds are compared with this much slack, so rounding never prunes a pair that links. */
const PRUNE_SLACK = 1e-6;

const weightOf = (e: Evidence | null): number => (e ? e.weight : 0);

/**
 * Score a pair. With `prune`, returns null for a pair that is not linked (see
 * isLink), giving up as soon as it cannot reach the link threshold: most
 * candidates stop after three fields, and the address, the dearest field, is
 * compared last. `scratch` lends buffers (pass one when scoring many pairs).
 */
export function comparePair(
  a: Features,
  b: Features,
  model: MatchModel,
  prune = false,
  scratch: PairScratch = new PairScratch(),
): PairScore | null {
  const sameIdentity = a.identity !== null && a.identity === b.identity;
  const mayPrune = prune && !(model.linkSameIdentity && sameIdentity);
  const needed = mayPrune ? neededWeight(model) - PRUNE_SLACK : 0;
  const identity = compareIdentity(a, b, model);
  const birth = compareBirth(a, b, model);
  const firstTwo = weightOf(identity) + weightOf(birth);
  if (mayPrune && firstTwo + Math.max(0, model.nameMax) + restMax(model) < needed) return null;
  // The cheap fields before the names: with them, most pairs of different people stop here.
  const rtrw = compareRtRw(a, b, model);
  const village = comparePlace('village', a.village, b.village, model.village);
  const district = comparePlace('district', a.district, b.district, model.district);
  const birthPlace = comparePlace('birthPlace', a.birthPlace, b.birthPlace, model.birthPlace);
  const sex: Evidence | null =
    a.sex && b.sex
      ? a.sex === b.sex
        ? { field: 'sex', level: 'same', weight: model.sex.same }
        : { field: 'sex', level: 'differ', weight: model.sex.differ }
      : null;
  const noKk: Evidence | null = a.noKk && b.noKk && a.noKk === b.noKk ? { field: 'noKk', level: 'same', weight: model.noKk.same } : null;
  const small = weightOf(rtrw) + weightOf(village) + weightOf(district) + weightOf(birthPlace) + weightOf(sex) + weightOf(noKk);
  if (mayPrune && firstTwo + small + nameBound(a, b, model) + addressMax(model) < needed) return null;
  const name = compareNames(a, b, model, scratch);
  if (mayPrune && firstTwo + weightOf(name) + small + addressMax(model) < needed) return null;
  const address = compareAddress(a, b, model, scratch);
  // Evidence in a fixed order (reasons and the UI read it in this order); the weight is summed in that order.
  const evidence: Evidence[] = [];
  let weight = 0;
  for (const e of [identity, birth, name, address, rtrw, village, district, birthPlace, sex, noKk]) {
    if (!e) continue;
    evidence.push(e);
    weight += e.weight;
  }
  const score: PairScore = { weight, probability: probability(model, weight), evidence, sameIdentity };
  return prune && !isLink(score, model) ? null : score;
}

/** Is the pair linked (before decisions)? */
export function isLink(score: PairScore, model: MatchModel): boolean {
  return score.probability >= model.threshold || (model.linkSameIdentity && score.sameIdentity);
}
