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

/** Fill in a row's term-frequency weights from the current counts (see Features.weights). */
export function refreshWeights(f: Features, count: (term: string) => number, model: MatchModel): void {
  const w = f.weights;
  for (let i = 0; i < f.nameTerms.length; i++) w.name[i] = Math.max(0, termWeight(model, count(f.nameTerms[i] as string)));
  w.birth = f.birthTerm ? termWeight(model, count(f.birthTerm)) : 0;
  w.identity = f.identityTerm ? termWeight(model, count(f.identityTerm)) : 0;
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
  // Bit sets of used tokens (names and addresses have far fewer than 31 tokens; extra ones are ignored).
  const na = Math.min(a.length, 31);
  const nb = Math.min(b.length, 31);
  let usedA = 0;
  let usedB = 0;
  const pairs: [number, number, number][] = [];
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) {
      if (usedB & (1 << j) || a[i] !== b[j]) continue;
      usedA |= 1 << i;
      usedB |= 1 << j;
      pairs.push([i, j, 1]);
      break;
    }
  }
  if (pairs.length < na && pairs.length < nb) {
    const cands: [number, number, number][] = [];
    for (let i = 0; i < na; i++) {
      if (usedA & (1 << i)) continue;
      const ta = a[i] as string;
      for (let j = 0; j < nb; j++) {
        if (usedB & (1 << j)) continue;
        const tb = b[j] as string;
        if (isDigits(ta) || isDigits(tb)) continue;
        let s = tokenSimilarity(ta, tb, pa[i] ?? ta, pb[j] ?? tb);
        // An initial ('m', 'a') against a full token that starts with it.
        if (initials && s < floor && (ta.length === 1 || tb.length === 1) && ta[0] === tb[0]) s = -1;
        if (s >= floor || s === -1) cands.push([i, j, s]);
      }
    }
    cands.sort((x, y) => (y[2] === -1 ? 0.5 : y[2]) - (x[2] === -1 ? 0.5 : x[2]) || x[0] - y[0] || x[1] - y[1]);
    for (const c of cands) {
      if (usedA & (1 << c[0]) || usedB & (1 << c[1])) continue;
      usedA |= 1 << c[0];
      usedB |= 1 << c[1];
      pairs.push(c);
    }
  }
  return { pairs, leftA: a.length - pairs.length, leftB: b.length - pairs.length };
}

function compareNames(a: Features, b: Features, model: MatchModel): Evidence | null {
  if (a.name.length === 0 || b.name.length === 0) return null;
  const floor = model.nameLevels[model.nameLevels.length - 1]?.jw ?? 0.85;
  const { pairs, leftA, leftB } = assign(a.name, b.name, a.phonetic, b.phonetic, floor, true);
  const twA = a.weights.name;
  const twB = b.weights.name;
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

/** The summed weight at which the match probability reaches the threshold. */
function neededWeight(model: MatchModel): number {
  return Math.log2(model.population) + Math.log2(model.threshold / (1 - model.threshold));
}

/**
 * Score a pair. With `prune`, returns null as soon as the pair cannot reach the
 * link threshold (and is not a same-identity pair): most candidates stop after
 * three fields.
 */
export function comparePair(a: Features, b: Features, model: MatchModel, prune = false): PairScore | null {
  const evidence: Evidence[] = [];
  const sameIdentity = a.identity !== null && a.identity === b.identity;
  const first = [compareIdentity(a, b, model), compareBirth(a, b, model), compareNames(a, b, model)];
  let weight = 0;
  for (const e of first) {
    if (!e) continue;
    evidence.push(e);
    weight += e.weight;
  }
  if (prune && !(model.linkSameIdentity && sameIdentity) && weight + restMax(model) < neededWeight(model)) return null;
  const rest = [
    compareAddress(a, b, model),
    compareRtRw(a, b, model),
    comparePlace('village', a.village, b.village, model.village),
    comparePlace('district', a.district, b.district, model.district),
    comparePlace('birthPlace', a.birthPlace, b.birthPlace, model.birthPlace),
    a.sex && b.sex
      ? a.sex === b.sex
        ? { field: 'sex' as const, level: 'same' as const, weight: model.sex.same }
        : { field: 'sex' as const, level: 'differ' as const, weight: model.sex.differ }
      : null,
    a.noKk && b.noKk && a.noKk === b.noKk ? { field: 'noKk' as const, level: 'same' as const, weight: model.noKk.same } : null,
  ];
  for (const e of rest) {
    if (!e) continue;
    evidence.push(e);
    weight += e.weight;
  }
  return { weight, probability: probability(model, weight), evidence, sameIdentity };
}

/** Is the pair linked (before decisions)? */
export function isLink(score: PairScore, model: MatchModel): boolean {
  return score.probability >= model.threshold || (model.linkSameIdentity && score.sameIdentity);
}
