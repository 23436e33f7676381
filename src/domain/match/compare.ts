// Field comparisons of two rows and their Fellegi–Sunter weights (model.ts).
// Each field gives one piece of evidence with a level and a weight in bits; the
// sum decides. `termCount` supplies the number of rows holding a term, for the
// term-frequency adjustment of names, birth dates and identity numbers.
import { jaroWinkler, jaroWinklerAtLeast } from './jaro';
import type { BirthDate, Features } from './features';
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
  | 'noKk'
  /** The correction that counts a family's shared fields once (a negative weight; see householdCut). */
  | 'household'
  /** Clear signs of two people (see twoPeopleCode): level otherSex or twins. */
  | 'twoPeople';

export type Level = 'same' | 'similar' | 'swap' | 'typo' | 'oneDigit' | 'transposed' | 'partial' | 'differ' | 'otherSex' | 'twins';

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
  /** Clear signs of two people (a twoPeople evidence): never linked, whatever the rest says. */
  distinct: boolean;
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

/** The similarity of two tokens when it is at least `floor`; below it, only that it is below (see jaroWinklerAtLeast). */
function tokenSimilarity(a: string, b: string, pa: string, pb: string, floor: number): number {
  if (a === b) return 1;
  if (pa === pb) return 0.97; // same sound: 'fatimah'/'fatima', 'dhani'/'dani'
  return jaroWinklerAtLeast(a, b, floor);
}

const isDigits = (t: string) => t.charCodeAt(0) >= 48 && t.charCodeAt(0) <= 57;

/** Most tokens of a name or address that take part in the assignment (bit sets of used tokens). */
const MAX_TOKENS = 31;

/**
 * A fuzzy field's comparison (names, address) before it becomes Evidence: most
 * scored pairs do not link, and an Evidence object per pair was ~13 MB of garbage
 * on the 100k check. `present` false: the field is missing on either row. The
 * comparisons set it field by field (a setter call that is not inlined boxes each number).
 */
export class FuzzyScore {
  present = false;
  level: Level = 'differ';
  // -0: fields that hold doubles from the start (0 is a small integer): the first fractional
  // weight or similarity would change the shape, and V8 would discard the scoring code built for it.
  weight = -0;
  sim = -0;

  evidence(field: Field): Evidence {
    return { field, level: this.level, weight: this.weight, sim: this.sim };
  }
}

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
  /** Pruning constants of the last model scored with this scratch (see boundsOf). */
  bounds: Bounds | null = null;
  /** Field codes of the pair being scored (see fieldCodes). */
  readonly codes: FieldCodes = noCodes();
  /** The name and address comparisons of the pair being scored. */
  readonly name = new FuzzyScore();
  readonly address = new FuzzyScore();
  /** The evidence of the pair being scored, its first entries (see scoreOf). */
  readonly evidence: Evidence[] = [];
  /** The pair's household correction (see householdCut; -0: none) and twoPeopleCode. */
  householdCut = -0;
  /** The pair's NIKs are one digit apart (or transposed) and its birth dates agree (see model.identity.sameBirth). */
  nikNearSameBirth = false;
  twoPeople = 0;
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
        let sim = tokenSimilarity(ta, tb, pa[i] ?? ta, pb[j] ?? tb, floor);
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
    // Take the best remaining candidate each time (few candidates: no sort needed): best
    // similarity first (an initial counts as 0.5), then by position, which is the order
    // the candidates were found in, so the first of the best wins. A taken candidate's
    // similarity becomes -2, which no real candidate has. (One comparison for every
    // candidate: a separate tie-break, first run on a pair with two candidates, sent V8
    // back to recompile the assignment.)
    for (let round = 0; round < c; round++) {
      let best = -1;
      let bestSim = -1;
      for (let x = 0; x < c; x++) {
        const cs = s.cs[x] as number;
        if (cs === -2) continue;
        const sim = cs === -1 ? 0.5 : cs;
        if (sim > bestSim) {
          best = x;
          bestSim = sim;
        }
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

function compareNames(a: Features, b: Features, model: MatchModel, scratch: PairScratch, out: FuzzyScore): void {
  out.present = false;
  if (a.name.length === 0 || b.name.length === 0) return;
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
  // Indexed loops: for-of made an iterator object per loop here (~12 MB on the 100k check).
  for (let i = 0; i < twA.length; i++) total += Math.max(0.5, twA[i] as number);
  for (let i = 0; i < twB.length; i++) total += Math.max(0.5, twB[i] as number);
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
      const levels = model.nameLevels;
      for (let l = 0; l < levels.length; l++) {
        const level = levels[l] as { jw: number; keep: number };
        if (s >= level.jw) {
          keep = level.keep;
          break;
        }
      }
      weight += w * keep;
    }
    agree += s * (Math.max(0.5, wa) + Math.max(0.5, wb));
  }
  out.present = true;
  out.sim = total > 0 ? agree / total : 0;
  if (count === 0) {
    out.level = 'differ';
    out.weight = model.nameNone;
    return;
  }
  weight = Math.min(weight, model.nameMax);
  const conflicts = Math.min(leftA, leftB);
  const extras = Math.abs(leftA - leftB);
  out.weight = weight + (conflicts * model.nameConflict + extras * model.nameExtra);
  out.level = exact && conflicts === 0 && extras === 0 ? 'same' : conflicts > 0 ? 'partial' : 'similar';
}

// The cheap fields are first judged as small level codes with a weight, and
// turned into Evidence objects only for a pair that survives pruning: most
// candidate pairs are rejected, and allocating evidence for them was a large
// part of the full check's garbage.

export const BIRTH_SAME = 1;
export const BIRTH_SWAP = 2;
export const BIRTH_TYPO = 3;
export const BIRTH_PARTIAL = 4;
export const BIRTH_DIFFER = 5;

/** 0: not comparable; else one of the BIRTH_ codes. */
export function birthLevel(x: BirthDate | null, y: BirthDate | null): number {
  if (!x || !y) return 0;
  if (x.iso === y.iso) return BIRTH_SAME;
  if (x.y === y.y && x.m === y.d && x.d === y.m) return BIRTH_SWAP;
  if (hamming1(x.digits, y.digits) || adjacentTransposition(x.digits, y.digits)) return BIRTH_TYPO;
  if (x.y === y.y) return BIRTH_PARTIAL;
  return BIRTH_DIFFER;
}

/** `same`: the term weight of the first row's birth date. */
function birthWeight(code: number, same: number, model: MatchModel): number {
  switch (code) {
    case BIRTH_SAME:
      return same;
    case BIRTH_SWAP:
      return model.dob.swap;
    case BIRTH_TYPO:
      return model.dob.typo;
    case BIRTH_PARTIAL:
      return model.dob.yearOnly;
    case BIRTH_DIFFER:
      return model.dob.differ;
    default:
      return 0;
  }
}

const BIRTH_LEVELS: readonly Level[] = ['differ', 'same', 'swap', 'typo', 'partial', 'differ'];

export const ID_SAME = 1;
const ID_ONE_DIGIT = 2;
const ID_TRANSPOSED = 3;
export const ID_DIFFER = 4;

/** Identity levels by kind of digit difference: the same, one digit, two adjacent swapped, other. */
export const ID_LEVEL_CODES: readonly number[] = [ID_SAME, ID_ONE_DIGIT, ID_TRANSPOSED, ID_DIFFER];

export function identityLevel(x: string | null, y: string | null): number {
  if (!x || !y) return 0;
  if (x === y) return ID_SAME;
  if (hamming1(x, y)) return ID_ONE_DIGIT;
  if (adjacentTransposition(x, y)) return ID_TRANSPOSED;
  return ID_DIFFER;
}

/** `same`: the term weight of the first row's identity number. */
function identityWeight(code: number, same: number, model: MatchModel): number {
  switch (code) {
    case ID_SAME:
      return same;
    case ID_ONE_DIGIT:
      return model.identity.oneDigit;
    case ID_TRANSPOSED:
      return model.identity.transposed;
    case ID_DIFFER:
      return model.identity.differ;
    default:
      return 0;
  }
}

const ID_LEVELS: readonly Level[] = ['differ', 'same', 'oneDigit', 'transposed', 'differ'];

function compareAddress(a: Features, b: Features, model: MatchModel, scratch: PairScratch, out: FuzzyScore): void {
  out.present = false;
  if (a.address.length === 0 || b.address.length === 0) return;
  assign(a.address, b.address, a.address, b.address, 0.9, false, scratch);
  let agree = 0;
  for (let p = 0; p < scratch.count; p++) agree += scratch.ps[p] as number;
  const sim = (2 * agree) / (a.address.length + b.address.length);
  out.present = true;
  out.sim = sim;
  out.level = 'differ';
  out.weight = model.address.differ;
  const levels = model.address.levels;
  for (let l = 0; l < levels.length; l++) {
    const level = levels[l] as { sim: number; weight: number };
    if (sim >= level.sim) {
      out.level = sim === 1 ? 'same' : 'similar';
      out.weight = level.weight;
      return;
    }
  }
}

// RT/RW codes: one side missing on one of the two numbers (half weights), or both known.
const RTRW_HALF_SAME = 1;
const RTRW_HALF_DIFFER = 2;
const RTRW_SAME = 3;
const RTRW_PARTIAL = 4;
const RTRW_DIFFER = 5;

export function rtRwLevel(rtA: string, rwA: string, rtB: string, rwB: string): number {
  const rt = rtA && rtB ? (rtA === rtB ? 1 : 0) : -1;
  const rw = rwA && rwB ? (rwA === rwB ? 1 : 0) : -1;
  if (rt === -1 && rw === -1) return 0;
  if (rt === -1 || rw === -1) return rt === 1 || rw === 1 ? RTRW_HALF_SAME : RTRW_HALF_DIFFER;
  if (rt + rw === 2) return RTRW_SAME;
  if (rt + rw === 1) return RTRW_PARTIAL;
  return RTRW_DIFFER;
}

function rtRwWeight(code: number, model: MatchModel): number {
  switch (code) {
    case RTRW_HALF_SAME:
      return model.rtrw.both / 2;
    case RTRW_HALF_DIFFER:
      return model.rtrw.none / 2;
    case RTRW_SAME:
      return model.rtrw.both;
    case RTRW_PARTIAL:
      return model.rtrw.one;
    case RTRW_DIFFER:
      return model.rtrw.none;
    default:
      return 0;
  }
}

const RTRW_LEVELS: readonly Level[] = ['differ', 'partial', 'differ', 'same', 'partial', 'differ'];

/** Same-or-different fields (places, sex): 0 not comparable, 1 same, 2 differ. */
export const SAME = 1;
const DIFFER = 2;

export function placeLevel(x: string, y: string): number {
  if (!x || !y) return 0;
  return x === y || jaroWinkler(x, y) >= 0.93 ? SAME : DIFFER;
}

/** Sex as a small code (0: unknown), for sexLevel. */
export const sexCodeOf = (sex: 'L' | 'P' | null): number => (sex === 'L' ? 1 : sex === 'P' ? 2 : 0);

export function sexLevel(x: number, y: number): number {
  return x && y ? (x === y ? SAME : DIFFER) : 0;
}

export function noKkLevel(x: string | null, y: string | null): number {
  return x && y && x === y ? SAME : 0;
}

const binaryWeight = (code: number, w: { same: number; differ: number }): number => (code === SAME ? w.same : code === DIFFER ? w.differ : 0);

/** The summed weight of the cheap fields (LevelWeights is built from it, one field at a time). */
function smallWeight(rtrw: number, village: number, district: number, birthPlace: number, sex: number, noKk: number, model: MatchModel): number {
  return (
    rtRwWeight(rtrw, model) +
    binaryWeight(village, model.village) +
    binaryWeight(district, model.district) +
    binaryWeight(birthPlace, model.birthPlace) +
    binaryWeight(sex, model.sex) +
    (noKk === SAME ? model.noKk.same : 0)
  );
}

// Two rows of one family. The weights above treat the fields as independent, and
// for two members of one family they are not: the address, RT/RW, village and
// No KK agree for every member, twins share the birth date and get consecutive NIK
// serials. Summed as independent, a family's shared fields alone linked any two
// members with one more agreeing field, names notwithstanding.

/**
 * The correction (≤ 0 bits) that counts the fields one family shares once: their
 * agreeing weights together at most model.household.max. Only for the same No KK.
 */
function householdCut(addressW: number, rtrwW: number, villageW: number, districtW: number, model: MatchModel): number {
  const shared = Math.max(0, addressW) + Math.max(0, rtrwW) + Math.max(0, villageW) + Math.max(0, districtW) + model.noKk.same;
  return Math.min(0, model.household.max - shared);
}

const TWO_PEOPLE_OTHER_SEX = 1;
const TWO_PEOPLE_TWINS = 2;

/** The sex a NIK encodes (the day plus 40 for women: digit 7 is 4–7), as sexCodeOf's code. */
const nikSexCode = (nik: string): number => (nik.charCodeAt(6) >= 52 ? 2 : 1);

/**
 * A row's sex for twoPeopleCode, as sexCodeOf's code: its sex column when filled, else the
 * sex its NIK encodes. A NIK that contradicts its own row's sex column is someone else's
 * number typed into the cell (a husband's NIK, the No KK) or a slip, and says nothing here.
 */
const rowSexCode = (f: Features, nik: string): number => sexCodeOf(f.sex) || nikSexCode(nik);

/** Both rows' identity numbers are NIKs: usable ones of 16 digits (identityFrom keeps no other number of 16 digits). */
function isNikPair(a: Features, b: Features): boolean {
  return a.identity !== null && b.identity !== null && a.identity.length === 16 && b.identity.length === 16;
}

/** The first `n` characters of a and b are equal (no slices). */
function samePrefix(a: string, b: string, n: number): boolean {
  for (let i = 0; i < n; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/**
 * Clear signs of two people, whatever the other fields say (0: none; else a TWO_PEOPLE_ code).
 * Both rows must carry a valid NIK (identity numbers of 16 digits are NIKs: see features.ts),
 * and not the same one.
 *  - otherSex: the NIKs differ by more than one typo, and the rows' sexes differ (rowSexCode:
 *    the sex column, else the NIK's): a NIK belongs to one person of one sex. The sex column
 *    comes first: a row of a woman holding her husband's NIK is still a woman, and one person
 *    listed once with her own NIK and once with his is one person.
 *  - twins: one family (same No KK), NIKs equal but for the serial (digits 13–16: the same
 *    district, birth date and sex), and either a given name replaced by another (`otherName`:
 *    no name token agrees, or one faces a token unlike it) or a different sex column. Twins get
 *    neighbouring serials; one person typed twice with a NIK typo would need a second,
 *    unlike error as well (a typo in the name is not one: its tokens stay alike). Only the sex
 *    columns here: both NIKs encode one sex, so a NIK standing in for a missing column would
 *    differ only from a column that contradicts its own row's NIK.
 */
function twoPeopleCode(a: Features, b: Features, idCode: number, noKkCode: number, otherName: boolean): number {
  const x = a.identity;
  const y = b.identity;
  if (idCode === 0 || idCode === ID_SAME || x === null || y === null || !isNikPair(a, b)) return 0;
  if (idCode === ID_DIFFER && rowSexCode(a, x) !== rowSexCode(b, y)) return TWO_PEOPLE_OTHER_SEX;
  if (noKkCode === SAME && (otherName || sexLevel(sexCodeOf(a.sex), sexCodeOf(b.sex)) === DIFFER) && samePrefix(x, y, 12)) return TWO_PEOPLE_TWINS;
  return 0;
}

/** Pruning bounds are compared with this much slack, so rounding never prunes a pair that links. */
const PRUNE_SLACK = 1e-6;

/** Pruning constants of one model, computed once per scratch instead of once per pair. */
export interface Bounds {
  model: MatchModel;
  /** The summed weight at which the match probability reaches the threshold. */
  needed: number;
  /** needed minus the slack: the second pruning step prunes a pair whose bound sum is below this. */
  pruneBelow: number;
  /** The most the address can add. */
  addressMax: number;
  /** The most the fields after identity, name and birth date can add. */
  restMax: number;
  /** Largest share of a token weight a fuzzy name level keeps (at least 1). */
  keep: number;
  /** The most one unpaired name token can add. */
  leftover: number;
  /** The weight of each level code of the cheap fields (see LevelWeights). */
  weights: LevelWeights;
  /** The Evidence of each level code of the cheap fields (see SharedEvidence). */
  evidence: SharedEvidence;
}

/**
 * The Evidence of each level code of the fields whose evidence depends on nothing else
 * (null where there is none: code 0, and the SAME codes of identity and birth date, whose
 * weights are the rows' term weights). Every linked pair shares these objects: building
 * them per pair was most of scoreOf's ~9 MB on the 100k check. So they are read-only: a
 * change to one would change every pair that holds it.
 */
export interface SharedEvidence {
  identity: readonly (Readonly<Evidence> | null)[];
  birth: readonly (Readonly<Evidence> | null)[];
  rtrw: readonly (Readonly<Evidence> | null)[];
  village: readonly (Readonly<Evidence> | null)[];
  district: readonly (Readonly<Evidence> | null)[];
  birthPlace: readonly (Readonly<Evidence> | null)[];
  sex: readonly (Readonly<Evidence> | null)[];
  noKk: readonly (Readonly<Evidence> | null)[];
  /** Identity, for NIKs one digit apart (or transposed) with the same birth date (see model.identity.sameBirth). */
  identitySameBirth: readonly (Readonly<Evidence> | null)[];
  /** By TWO_PEOPLE_ code. */
  twoPeople: readonly (Readonly<Evidence> | null)[];
}

/** Evidence by level code for codes 0 .. n - 1: `level(code)` null for a code without one. */
function evidenceByCode(n: number, field: Field, level: (code: number) => Level | null, weight: (code: number) => number): (Evidence | null)[] {
  const out: (Evidence | null)[] = [];
  for (let code = 0; code < n; code++) {
    const l = level(code);
    out.push(l === null ? null : { field, level: l, weight: weight(code) });
  }
  return out;
}

function sharedEvidence(model: MatchModel): SharedEvidence {
  const binary = (field: Field, w: { same: number; differ: number }) =>
    evidenceByCode(3, field, (c) => (c === 0 ? null : c === SAME ? 'same' : 'differ'), (c) => (c === SAME ? w.same : w.differ));
  return {
    identity: evidenceByCode(ID_LEVELS.length, 'identity', (c) => (c === 0 || c === ID_SAME ? null : (ID_LEVELS[c] as Level)), (c) => identityWeight(c, 0, model)),
    identitySameBirth: evidenceByCode(
      ID_LEVELS.length,
      'identity',
      (c) => (c === ID_ONE_DIGIT || c === ID_TRANSPOSED ? (ID_LEVELS[c] as Level) : null),
      (c) => Math.min(identityWeight(c, 0, model), model.identity.sameBirth),
    ),
    birth: evidenceByCode(BIRTH_LEVELS.length, 'birth', (c) => (c === 0 || c === BIRTH_SAME ? null : (BIRTH_LEVELS[c] as Level)), (c) => birthWeight(c, 0, model)),
    rtrw: evidenceByCode(RTRW_LEVELS.length, 'rtrw', (c) => (c === 0 ? null : (RTRW_LEVELS[c] as Level)), (c) => rtRwWeight(c, model)),
    village: binary('village', model.village),
    district: binary('district', model.district),
    birthPlace: binary('birthPlace', model.birthPlace),
    sex: binary('sex', model.sex),
    noKk: evidenceByCode(2, 'noKk', (c) => (c === SAME ? 'same' : null), () => model.noKk.same),
    twoPeople: evidenceByCode(3, 'twoPeople', (c) => (c === TWO_PEOPLE_OTHER_SEX ? 'otherSex' : c === TWO_PEOPLE_TWINS ? 'twins' : null), () => model.twoPeople),
  };
}

/**
 * The weight of each level code of each cheap field under one model, computed by
 * the functions above (smallWeight with the other fields at level 0 adds exact
 * zeros), so a sum of table entries is the very same number as smallWeight's.
 * The SAME levels of identity and birth date are the rows' term weights instead.
 * comparePair and the matcher's prefilter read these tables: one typed-array read
 * for every code, where a switch's rarer cases (a birth date that differs) first
 * ran after the scoring was optimised, which V8 then threw away and compiled again.
 * Their sums must match to the bit wherever they prune (comparePair, the prefilter's
 * rejects): both add the same entries in the same order (identity, birth, then rtrw,
 * village, district, birthPlace, sex, noKk).
 */
export interface LevelWeights {
  identity: Float64Array;
  birth: Float64Array;
  rtrw: Float64Array;
  village: Float64Array;
  district: Float64Array;
  birthPlace: Float64Array;
  sex: Float64Array;
  noKk: Float64Array;
}

function levelWeights(model: MatchModel): LevelWeights {
  const codes = (n: number, weight: (code: number) => number) => Float64Array.from({ length: n }, (_, code) => weight(code));
  return {
    identity: codes(5, (c) => identityWeight(c, 0, model)),
    birth: codes(6, (c) => birthWeight(c, 0, model)),
    rtrw: codes(6, (c) => smallWeight(c, 0, 0, 0, 0, 0, model)),
    village: codes(3, (c) => smallWeight(0, c, 0, 0, 0, 0, model)),
    district: codes(3, (c) => smallWeight(0, 0, c, 0, 0, 0, model)),
    birthPlace: codes(3, (c) => smallWeight(0, 0, 0, c, 0, 0, model)),
    sex: codes(3, (c) => smallWeight(0, 0, 0, 0, c, 0, model)),
    noKk: codes(2, (c) => smallWeight(0, 0, 0, 0, 0, c, model)),
  };
}

export function boundsOf(model: MatchModel, scratch: PairScratch): Bounds {
  const cached = scratch.bounds;
  if (cached && cached.model === model) return cached;
  let addressMax = 0;
  for (const l of model.address.levels) addressMax = Math.max(addressMax, l.weight);
  let keep = 1;
  for (const l of model.nameLevels) keep = Math.max(keep, l.keep);
  const needed = Math.log2(model.population) + Math.log2(model.threshold / (1 - model.threshold));
  const bounds: Bounds = {
    model,
    needed,
    pruneBelow: needed - PRUNE_SLACK,
    addressMax,
    restMax:
      addressMax +
      model.rtrw.both +
      model.village.same +
      model.district.same +
      model.birthPlace.same +
      model.sex.same +
      model.noKk.same,
    keep,
    leftover: Math.max(0, model.nameConflict, model.nameExtra),
    weights: levelWeights(model),
    evidence: sharedEvidence(model),
  };
  scratch.bounds = bounds;
  return bounds;
}

/** The most one side's name tokens can give: each at most its own term weight (an initial: nameInitial). */
export function nameSide(weights: number[], initial: number, keep: number): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Math.max(0, initial, (weights[i] as number) * keep);
  return sum;
}

/**
 * The most compareNames can give this pair: each token of one name is paired at
 * most once, for at most its own term weight (an initial: nameInitial), and the
 * sum is capped at nameMax. engine/prefilter.ts computes the same from its packed sides.
 */
function nameBoundOf(a: Features, b: Features, model: MatchModel, k: Bounds): number {
  if (a.name.length === 0 || b.name.length === 0) return 0;
  const sa = nameSide(a.weights.name, model.nameInitial, k.keep);
  const sb = nameSide(b.weights.name, model.nameInitial, k.keep);
  const leftovers = (a.name.length + b.name.length) * k.leftover;
  return Math.max(model.nameNone, Math.min(model.nameMax, sa, sb) + leftovers);
}

/** The level codes of the cheap fields of a pair (0: not comparable), as comparePair judges them. */
export interface FieldCodes {
  identity: number;
  birth: number;
  rtrw: number;
  village: number;
  district: number;
  birthPlace: number;
  sex: number;
  noKk: number;
}

/** The level codes of a pair, from its Features (a first, as in comparePair). */
export function fieldCodes(a: Features, b: Features, out: FieldCodes): FieldCodes {
  out.identity = identityLevel(a.identity, b.identity);
  out.birth = birthLevel(a.birth, b.birth);
  out.rtrw = rtRwLevel(a.rt, a.rw, b.rt, b.rw);
  out.village = placeLevel(a.village, b.village);
  out.district = placeLevel(a.district, b.district);
  out.birthPlace = placeLevel(a.birthPlace, b.birthPlace);
  out.sex = sexLevel(sexCodeOf(a.sex), sexCodeOf(b.sex));
  out.noKk = noKkLevel(a.noKk, b.noKk);
  return out;
}

export function noCodes(): FieldCodes {
  return { identity: 0, birth: 0, rtrw: 0, village: 0, district: 0, birthPlace: 0, sex: 0, noKk: 0 };
}

/**
 * Score a pair. With `prune`, returns null for a pair that is not linked (see
 * isLink), giving up as soon as it cannot reach the link threshold: most
 * candidates stop after three fields, and the address, the dearest field, is
 * compared last. `scratch` lends buffers (pass one when scoring many pairs).
 * `codes`: the pair's fieldCodes when the caller has them already (the
 * matcher's prefilter computes them from packed values); they are not checked.
 */
export function comparePair(
  a: Features,
  b: Features,
  model: MatchModel,
  prune = false,
  scratch: PairScratch = new PairScratch(),
  codes: FieldCodes = fieldCodes(a, b, scratch.codes),
): PairScore | null {
  const k = boundsOf(model, scratch);
  const idCode = codes.identity;
  // The code says it without reading either number (ID_SAME: both present and equal);
  // only two empty numbers, which identityLevel ignores, are the same identity besides.
  const sameIdentity = idCode === ID_SAME || (idCode === 0 && a.identity === '' && b.identity === '');
  const mayPrune = prune && !(model.linkSameIdentity && sameIdentity);
  const needed = k.pruneBelow;
  const birthCode = codes.birth;
  // identityWeight, birthWeight and smallWeight, read from their tables (see LevelWeights).
  const lw = k.weights;
  const idW = idCode === ID_SAME ? a.weights.identity : (lw.identity[idCode] as number);
  const birthW = birthCode === BIRTH_SAME ? a.weights.birth : (lw.birth[birthCode] as number);
  const firstTwo = idW + birthW;
  if (mayPrune && firstTwo + Math.max(0, model.nameMax) + k.restMax < needed) return null;
  // The cheap fields before the names: with them, most pairs of different people stop here.
  const rtrwCode = codes.rtrw;
  const villageCode = codes.village;
  const districtCode = codes.district;
  const birthPlaceCode = codes.birthPlace;
  const sexCode = codes.sex;
  const noKkCode = codes.noKk;
  const small =
    (lw.rtrw[rtrwCode] as number) +
    (lw.village[villageCode] as number) +
    (lw.district[districtCode] as number) +
    (lw.birthPlace[birthPlaceCode] as number) +
    (lw.sex[sexCode] as number) +
    (lw.noKk[noKkCode] as number);
  // The second pruning step; engine/prefilter.ts (rejects) sums the same terms from packed values.
  if (mayPrune && firstTwo + small + nameBoundOf(a, b, model, k) + k.addressMax < needed) return null;
  const name = scratch.name;
  compareNames(a, b, model, scratch, name);
  if (mayPrune && firstTwo + (name.present ? name.weight : 0) + small + k.addressMax < needed) return null;
  const address = scratch.address;
  compareAddress(a, b, model, scratch, address);
  // The weight, so a pair that does not link is turned down before any evidence is
  // built: ~2 of 3 pairs that get this far.
  const weight = fieldSum(idW, birthW, codes, name, address, lw);
  // The corrections of correctedScore only lower the weight: a pair that does not link
  // without them does not link with them, and only the few that do are corrected.
  if (prune && !linked(probability(model, weight), sameIdentity, false, model)) return null;
  return correctedScore(a, b, model, prune, sameIdentity, codes, idW, birthW, weight, scratch, k);
}

/**
 * A pair's weight from its fields' weights, summed in the evidence's order (scoreOf): the
 * plain sum of comparePair and the corrected one of correctedScore. Small enough for V8 to
 * inline into comparePair; the order is kept, so the sums are the very numbers they were.
 */
function fieldSum(idW: number, birthW: number, codes: FieldCodes, name: FuzzyScore, address: FuzzyScore, lw: LevelWeights): number {
  let weight = 0;
  if (codes.identity !== 0) weight += idW;
  if (codes.birth !== 0) weight += birthW;
  if (name.present) weight += name.weight;
  if (address.present) weight += address.weight;
  if (codes.rtrw !== 0) weight += lw.rtrw[codes.rtrw] as number;
  if (codes.village !== 0) weight += lw.village[codes.village] as number;
  if (codes.district !== 0) weight += lw.district[codes.district] as number;
  if (codes.birthPlace !== 0) weight += lw.birthPlace[codes.birthPlace] as number;
  if (codes.sex !== 0) weight += lw.sex[codes.sex] as number;
  if (codes.noKk === SAME) weight += lw.noKk[SAME] as number;
  return weight;
}

/**
 * The score of a pair with the fields that are not independent counted once (`weight`:
 * their plain sum): NIKs one digit apart with the same birth date (model.identity.sameBirth),
 * one family's shared fields and birth date (householdCut, model.household.birth), and
 * clear signs of two people (twoPeopleCode). With `prune`, null for a pair not linked.
 */
function correctedScore(
  a: Features,
  b: Features,
  model: MatchModel,
  prune: boolean,
  sameIdentity: boolean,
  codes: FieldCodes,
  idW: number,
  birthW: number,
  weight: number,
  scratch: PairScratch,
  k: Bounds,
): PairScore | null {
  const idCode = codes.identity;
  const name = scratch.name;
  const address = scratch.address;
  const lw = k.weights;
  const family = codes.noKk === SAME;
  const birthScored = family && codes.birth === BIRTH_SAME ? Math.min(birthW, model.household.birth) : birthW;
  const nikNear = codes.birth === BIRTH_SAME && (idCode === ID_ONE_DIGIT || idCode === ID_TRANSPOSED) && isNikPair(a, b);
  const idScored = nikNear ? Math.min(idW, model.identity.sameBirth) : idW;
  const cut = family
    ? householdCut(address.present ? address.weight : 0, lw.rtrw[codes.rtrw] as number, lw.village[codes.village] as number, lw.district[codes.district] as number, model)
    : -0;
  const two = idCode === 0 || idCode === ID_SAME ? 0 : twoPeopleCode(a, b, idCode, codes.noKk, name.present && (name.level === 'partial' || name.level === 'differ'));
  let w = weight;
  if (idScored !== idW || birthScored !== birthW || cut < 0 || two !== 0) {
    w = fieldSum(idScored, birthScored, codes, name, address, lw) + cut;
    if (two !== 0) w += model.twoPeople;
  }
  const p = probability(model, w);
  if (prune && !linked(p, sameIdentity, two !== 0, model)) return null;
  scratch.householdCut = cut;
  scratch.twoPeople = two;
  scratch.nikNearSameBirth = nikNear;
  return scoreOf(w, p, sameIdentity, codes, idW, birthScored, scratch, k.evidence);
}

/**
 * The PairScore of a scored pair, its evidence in a fixed order (reasons and the UI
 * read it in this order). A function of its own, holding every object and array the
 * score is made of: only pairs that link get here, and when V8 later decides to
 * allocate these long-lived objects elsewhere it throws away the code that makes them
 * (this small function), not comparePair's. The evidence is gathered in the scratch's
 * list and copied at its length (a push onto [] reserves 17 slots), and the cheap
 * fields' Evidence is shared.
 */
function scoreOf(
  weight: number,
  p: number,
  sameIdentity: boolean,
  codes: FieldCodes,
  idW: number,
  birthW: number,
  scratch: PairScratch,
  shared: SharedEvidence,
): PairScore {
  const evidence = scratch.evidence;
  let i = 0;
  if (codes.identity !== 0) {
    const byCode = scratch.nikNearSameBirth ? shared.identitySameBirth : shared.identity;
    evidence[i++] = byCode[codes.identity] ?? { field: 'identity', level: 'same', weight: idW };
  }
  if (codes.birth !== 0) evidence[i++] = shared.birth[codes.birth] ?? { field: 'birth', level: 'same', weight: birthW };
  if (scratch.name.present) evidence[i++] = scratch.name.evidence('name');
  if (scratch.address.present) evidence[i++] = scratch.address.evidence('address');
  if (codes.rtrw !== 0) evidence[i++] = shared.rtrw[codes.rtrw] as Evidence;
  if (codes.village !== 0) evidence[i++] = shared.village[codes.village] as Evidence;
  if (codes.district !== 0) evidence[i++] = shared.district[codes.district] as Evidence;
  if (codes.birthPlace !== 0) evidence[i++] = shared.birthPlace[codes.birthPlace] as Evidence;
  if (codes.sex !== 0) evidence[i++] = shared.sex[codes.sex] as Evidence;
  if (codes.noKk === SAME) evidence[i++] = shared.noKk[SAME] as Evidence;
  if (scratch.householdCut < 0) evidence[i++] = { field: 'household', level: 'same', weight: scratch.householdCut };
  const distinct = scratch.twoPeople !== 0;
  if (distinct) evidence[i++] = shared.twoPeople[scratch.twoPeople] as Evidence;
  return { weight, probability: p, evidence: evidence.slice(0, i), sameIdentity, distinct };
}

function linked(p: number, sameIdentity: boolean, distinct: boolean, model: MatchModel): boolean {
  return !distinct && (p >= model.threshold || (model.linkSameIdentity && sameIdentity));
}

/** Is the pair linked (before decisions)? */
export function isLink(score: PairScore, model: MatchModel): boolean {
  return linked(score.probability, score.sameIdentity, score.distinct, model);
}
