// A copy of the values comparePair's pruning reads, kept per row id in flat
// arrays, so that most candidate pairs (different people sharing a blocking
// key) are rejected without touching either row's Features object: on 100k
// rows the walk over ~1M candidate pairs was dominated by those memory reads.
// The test is comparePair's own second pruning step, summed from the same
// weights in the same order, so it rejects only pairs comparePair gives up on
// (places are judged both ways here, which can only keep a pair).
import {
  ID_DIFFER,
  ID_LEVEL_CODES as ID_CODES,
  ID_SAME,
  SAME as SAME_PLACE,
  BIRTH_DIFFER,
  BIRTH_PARTIAL,
  BIRTH_SAME,
  BIRTH_SWAP,
  BIRTH_TYPO,
  birthLevel,
  boundsOf,
  type FieldCodes,
  identityLevel,
  nameSide,
  noKkLevel,
  PairScratch,
  placeLevel,
  rtRwLevel,
  sexCodeOf,
  sexLevel,
  type Bounds,
  type LevelWeights,
} from '../match/compare';
import type { BirthDate, Features } from '../match/features';
import type { MatchModel } from '../match/model';

/** Place ids at or above this are not cached (the cache key must stay a safe integer). */
const PLACE_IDS = 1 << 20;
/** Place ids below this have their two-way levels in a dense table (1 MB): three look-ups per candidate pair. */
const DENSE_PLACES = 1024;
/** The place-pair cache is emptied at this size, so memory stays bounded. */
const PLACE_CACHE = 1 << 18;

// One record of 16 int32 (64 bytes) per row, the three float weights in its
// last 24 bytes: reading a pair touches two records instead of a dozen objects
// (or two arrays per row, as before: each a cache miss on 100k rows). Digit
// strings of up to 16 digits are kept as two 8-digit halves; a value that does
// not fit a slot's shape is marked "other" and the pair is judged from the strings.
const STRIDE = 16;
/** Name token count (low 16 bits) and sex code (above). */
const NAME_SEX = 0;
const YMD = 1; // birth date as YYYYMMDD; 0 none, -1 another shape
const VILLAGE = 2;
const DISTRICT = 3;
const BIRTH_PLACE = 4;
/** RT + 1 (low 16 bits) and RW + 1 (high), each 0 when missing; -1: either has another shape. */
const RT_RW = 5;
/** Digit counts of the identity (low byte) and the No KK (next byte): 0 none, 1..16, LEN_OTHER for any other value. */
const LENS = 6;
const ID_HI = 7;
const ID_LO = 8;
/** A hash of the No KK digits: the texts are compared only when two hashes agree. */
const KK_HASH = 9;
// Float64 slots of the record (int slots 10–15): the name side bound and the birth-date and identity term weights.
const FSTRIDE = STRIDE / 2;
const SIDE = 5;
const BIRTH_W = 6;
const ID_W = 7;
/** Digit count code of a value that is not 1–16 ASCII digits. */
const LEN_OTHER = 31;
/** Largest RT/RW number kept packed (two in one int32). */
const RT_RW_MAX = 32766;

/**
 * Digit count (0: none, LEN_OTHER: not 1–16 ASCII digits) of a string, with its
 * high and low 8-digit halves written at out[at] and out[at + 1] (0 unless 1–16 digits).
 * Read character by character: ~100k rows, and a regex plus two slices per value showed.
 */
function packDigits(s: string | null, out: Int32Array, at: number): number {
  out[at] = 0;
  out[at + 1] = 0;
  const len = digitCount(s);
  if (len === 0 || len === LEN_OTHER) return len;
  const text = s as string;
  const cut = len - 8;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < len; i++) {
    const d = text.charCodeAt(i) - 48;
    if (i < cut) hi = hi * 10 + d;
    else lo = lo * 10 + d;
  }
  out[at] = hi;
  out[at + 1] = lo;
  return len;
}

/** The length of a string of 1–16 ASCII digits; 0 for none, LEN_OTHER for anything else. */
function digitCount(s: string | null): number {
  if (s === null || s === '') return 0;
  if (s.length > 16) return LEN_OTHER;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return LEN_OTHER;
  }
  return s.length;
}

/** 32-bit hash of a No KK (0: none): equal numbers always hash alike. */
function hashDigits(s: string | null): number {
  if (s === null || s === '') return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** RT/RW as number + 1 when it is a plain number up to RT_RW_MAX without a leading 0 ('' is 0); -1 otherwise. */
function packNumber(s: string): number {
  if (s === '') return 0;
  if (s.length > 5 || (s.length > 1 && s.charCodeAt(0) === 48)) return -1;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n <= RT_RW_MAX ? n + 1 : -1;
}

/**
 * YYYYMMDD of a birth date whose digits are exactly that number and whose iso
 * is those digits with dashes (always, for parsed dates); -1 otherwise; 0: none.
 */
function ymdOf(b: BirthDate | null): number {
  if (!b) return 0;
  const { iso, digits } = b;
  if (iso.length !== 10 || digits.length !== 8 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return -1;
  let n = 0;
  for (let i = 0; i < 8; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57 || iso.charCodeAt(i < 4 ? i : i < 6 ? i + 1 : i + 2) !== c) return -1;
    n = n * 10 + (c - 48);
  }
  const valid = b.y >= 1000 && b.y <= 9999 && b.m >= 1 && b.m <= 12 && b.d >= 1 && b.d <= 31;
  return valid && n === b.y * 10000 + b.m * 100 + b.d ? n : -1;
}

const DIGITS_SAME = 0;
const DIGITS_ONE = 1;
const DIGITS_SWAPPED = 2;
const DIGITS_OTHER = 3;

/**
 * digitsLevel of two numbers of at most 8 digits (positions from the right). Both are
 * non-negative int32, so `| 0` floors their quotients: integer division, where
 * Math.floor or an exact (p - a) / 10 took a float division (~1M candidate pairs).
 */
function digitsLevel8(p: number, q: number): number {
  if (p === q) return DIGITS_SAME;
  let diff = 0;
  let first = -1;
  let prevX = -1;
  let prevY = -1;
  let swapped = false;
  for (let i = 0; i < 8; i++) {
    const a = p % 10;
    const b = q % 10;
    if (a !== b) {
      diff++;
      if (diff > 2) return DIGITS_OTHER;
      if (diff === 1) first = i;
      else swapped = i === first + 1 && a === prevY && b === prevX;
    }
    prevX = a;
    prevY = b;
    p = (p / 10) | 0;
    q = (q / 10) | 0;
  }
  if (diff === 1) return DIGITS_ONE;
  return swapped ? DIGITS_SWAPPED : DIGITS_OTHER;
}

/**
 * Two equally long digit strings given as 8-digit halves: the same, one digit
 * different (hamming1), two adjacent digits swapped (adjacentTransposition), or
 * otherwise different. Positions count from the right; unused high positions are
 * 0 in both, so they never differ.
 */
function digitsLevel(xHi: number, xLo: number, yHi: number, yLo: number): number {
  if (xHi === yHi) return digitsLevel8(xLo, yLo);
  if (xLo === yLo) return digitsLevel8(xHi, yHi);
  // Both halves differ: only a swap of the two digits next to the cut (positions 7 and 8)
  // stays in reach. x with those two digits swapped is compared with y in one test: every
  // operation here runs for every such pair, where a second test, first met long after
  // the prefilter was optimised, made V8 throw its code away and compile it again.
  const x7 = (xLo / 10000000) | 0;
  const x8 = xHi % 10;
  const swappedLo = xLo + (x8 - x7) * 10000000;
  const swappedHi = xHi + (x7 - x8);
  return ((swappedLo ^ yLo) | (swappedHi ^ yHi)) === 0 ? DIGITS_SWAPPED : DIGITS_OTHER;
}

/** birthLevel (compare.ts) of two dates as YYYYMMDD numbers (positive int32: `| 0` floors, see digitsLevel8). */
function birthLevelYmd(x: number, y: number): number {
  if (x === y) return BIRTH_SAME;
  const xy = (x / 10000) | 0;
  const yy = (y / 10000) | 0;
  if (xy === yy && ((x / 100) | 0) % 100 === y % 100 && x % 100 === ((y / 100) | 0) % 100) return BIRTH_SWAP;
  const d = digitsLevel(0, x, 0, y);
  if (d === DIGITS_ONE || d === DIGITS_SWAPPED) return BIRTH_TYPO;
  return xy === yy ? BIRTH_PARTIAL : BIRTH_DIFFER;
}

export class PairPrefilter {
  private readonly bounds: Bounds;
  private rec = new Int32Array(1024 * STRIDE);
  /** The same memory as `rec`, read as float64 (see FSTRIDE). */
  private frec = new Float64Array(this.rec.buffer);
  /** The rows' Features, for the values whose packed form does not fit (see STRIDE): one array, not one per field. */
  private feats: Features[] = [];
  private readonly places: string[] = [''];
  private readonly placeIds = new Map<string, number>();
  /**
   * Two-way level + 1 (0: not known yet) of place ids below DENSE_PLACES, made
   * at first use. Two-way: SAME when either order says so (Jaro's greedy matching
   * is not quite symmetric), which keeps rejects symmetric and never stricter than comparePair.
   */
  private dense: Int8Array | null = null;
  /** As `dense`, in the order asked (p, q), for `codes`: three places per scored pair, a Map look-up each before. */
  private denseOrdered: Int8Array | null = null;
  /** placeLevel of place ids in a given order (p * PLACE_IDS + q): places repeat, and each miss costs a Jaro-Winkler. */
  private readonly orderedLevels = new Map<number, number>();

  private readonly weights: LevelWeights;
  /** What warm read: kept (not private, never read) so the reads are not optimised away. */
  warmSum = 0;

  constructor(private readonly model: MatchModel) {
    this.bounds = boundsOf(model, new PairScratch());
    this.weights = this.bounds.weights;
  }

  /**
   * Take row `id`'s values. Its term weights come with setWeights: the matcher
   * refreshes every row it sets before scoring it, and the weights are read there.
   */
  set(id: number, f: Features): void {
    if ((id + 1) * STRIDE > this.rec.length) this.reserve(Math.max(id + 1, (this.rec.length / STRIDE) * 2));
    const r = this.rec;
    const at = id * STRIDE;
    // A name of more than 65,535 tokens (none is) would read as shorter: only the leftover bound could shrink.
    r[at + NAME_SEX] = Math.min(f.name.length, 0xffff) | (sexCodeOf(f.sex) << 16);
    r[at + YMD] = ymdOf(f.birth);
    r[at + VILLAGE] = this.placeId(f.village);
    r[at + DISTRICT] = this.placeId(f.district);
    r[at + BIRTH_PLACE] = this.placeId(f.birthPlace);
    const rt = packNumber(f.rt);
    const rw = packNumber(f.rw);
    r[at + RT_RW] = rt < 0 || rw < 0 ? -1 : rt | (rw << 16);
    const idLen = packDigits(f.identity, r, at + ID_HI);
    const kkLen = digitCount(f.noKk);
    r[at + LENS] = idLen | (kkLen << 8);
    r[at + KK_HASH] = hashDigits(f.noKk);
    this.feats[id] = f;
  }

  /**
   * Make room for the records of rows 0 .. rows - 1 (a load sizes them once: doubling
   * from 1024 copied ~13 MB, and `feats` grown a row at a time copied itself ~20 times).
   */
  reserve(rows: number): void {
    if (rows * STRIDE <= this.rec.length) return;
    if (this.feats.length === 0) this.feats = new Array<Features>(rows);
    const rec = new Int32Array(rows * STRIDE);
    rec.set(this.rec);
    this.rec = rec;
    this.frec = new Float64Array(rec.buffer);
  }

  /** Take row `id`'s term weights again (the matcher refreshed them). */
  setWeights(id: number, f: Features): void {
    const at = id * FSTRIDE;
    this.frec[at + SIDE] = nameSide(f.weights.name, this.model.nameInitial, this.bounds.keep);
    this.frec[at + BIRTH_W] = f.weights.birth;
    this.frec[at + ID_W] = f.weights.identity;
  }

  /** A small id per place text ('' is 0), for the place-level caches. Places are few; ids are never dropped. */
  private placeId(place: string): number {
    if (!place) return 0;
    let id = this.placeIds.get(place);
    if (id === undefined) {
      id = this.places.length;
      this.placeIds.set(place, id);
      this.places.push(place);
    }
    return id;
  }

  /** placeLevel of the places with ids p and q, SAME when either order is (see dense). */
  private place(p: number, q: number): number {
    if (p === 0 || q === 0) return 0;
    if (p === q) return SAME_PLACE;
    const lo = p < q ? p : q;
    const hi = p < q ? q : p;
    if (hi >= DENSE_PLACES) return this.placeBothWays(lo, hi);
    const dense = (this.dense ??= new Int8Array(DENSE_PLACES * DENSE_PLACES));
    const i = lo * DENSE_PLACES + hi;
    let known = dense[i] as number;
    if (known === 0) dense[i] = known = this.placeBothWays(lo, hi) + 1;
    return known - 1;
  }

  /** placeLevel(place p, place q) in this order (cached; ids below DENSE_PLACES in a dense table, as `place`). */
  private placeInOrder(p: number, q: number): number {
    if (p === 0 || q === 0) return 0;
    if (p === q) return SAME_PLACE;
    if (p < DENSE_PLACES && q < DENSE_PLACES) {
      const dense = (this.denseOrdered ??= new Int8Array(DENSE_PLACES * DENSE_PLACES));
      const i = p * DENSE_PLACES + q;
      let known = dense[i] as number;
      if (known === 0) dense[i] = known = placeLevel(this.places[p] as string, this.places[q] as string) + 1;
      return known - 1;
    }
    const x = this.places[p] as string;
    const y = this.places[q] as string;
    if (p >= PLACE_IDS || q >= PLACE_IDS) return placeLevel(x, y);
    const k = p * PLACE_IDS + q;
    let level = this.orderedLevels.get(k);
    if (level === undefined) {
      if (this.orderedLevels.size >= PLACE_CACHE) this.orderedLevels.clear();
      this.orderedLevels.set(k, (level = placeLevel(x, y)));
    }
    return level;
  }

  private placeBothWays(p: number, q: number): number {
    const level = this.placeInOrder(p, q);
    return level === SAME_PLACE ? level : this.placeInOrder(q, p);
  }

  /** identityLevel of rows a and b (symmetric). */
  private identityCode(a: number, b: number): number {
    const r = this.rec;
    const x = a * STRIDE;
    const y = b * STRIDE;
    const idLenA = (r[x + LENS] as number) & 0xff;
    const idLenB = (r[y + LENS] as number) & 0xff;
    if (idLenA === 0 || idLenB === 0) return 0;
    if (idLenA === LEN_OTHER || idLenB === LEN_OTHER) return identityLevel((this.feats[a] as Features).identity, (this.feats[b] as Features).identity);
    if (idLenA !== idLenB) return ID_DIFFER;
    return ID_CODES[digitsLevel(r[x + ID_HI] as number, r[x + ID_LO] as number, r[y + ID_HI] as number, r[y + ID_LO] as number)] as number;
  }

  /** birthLevel of rows a and b (symmetric). */
  private birthCode(a: number, b: number): number {
    const ymdA = this.rec[a * STRIDE + YMD] as number;
    const ymdB = this.rec[b * STRIDE + YMD] as number;
    if (ymdA === 0 || ymdB === 0) return 0;
    if (ymdA < 0 || ymdB < 0) return birthLevel((this.feats[a] as Features).birth, (this.feats[b] as Features).birth);
    return birthLevelYmd(ymdA, ymdB);
  }

  /** rtRwLevel of rows a and b (symmetric). */
  private rtRwCode(a: number, b: number): number {
    const rtRwA = this.rec[a * STRIDE + RT_RW] as number;
    const rtRwB = this.rec[b * STRIDE + RT_RW] as number;
    // Packed RT/RW are equal exactly when the texts are ('' is 0 and reads as missing, as in rtRwLevel).
    if (rtRwA < 0 || rtRwB < 0) {
      const x = this.feats[a] as Features;
      const y = this.feats[b] as Features;
      return rtRwLevel(x.rt, x.rw, y.rt, y.rw);
    }
    return rtRwLevelPacked(rtRwA & 0xffff, rtRwA >>> 16, rtRwB & 0xffff, rtRwB >>> 16);
  }

  /** noKkLevel of rows a and b (symmetric): the texts are read only when the hashes agree (nearly always the same number). */
  private noKkCode(a: number, b: number): number {
    const r = this.rec;
    const kkLenA = (r[a * STRIDE + LENS] as number) >>> 8;
    const kkLenB = (r[b * STRIDE + LENS] as number) >>> 8;
    const maySame = kkLenA === LEN_OTHER || kkLenB === LEN_OTHER || (kkLenA !== 0 && kkLenA === kkLenB && r[a * STRIDE + KK_HASH] === r[b * STRIDE + KK_HASH]);
    return maySame ? noKkLevel((this.feats[a] as Features).noKk, (this.feats[b] as Features).noKk) : 0;
  }

  private sexCode(a: number, b: number): number {
    return sexLevel((this.rec[a * STRIDE + NAME_SEX] as number) >>> 16, (this.rec[b * STRIDE + NAME_SEX] as number) >>> 16);
  }

  /**
   * Read the records of rows ids[from .. to - 1] once, so that the rejects calls that
   * follow find them in the cache: a loop of independent loads keeps many misses in
   * flight, while rejects, full of branches, waited for each one in turn.
   */
  warm(ids: Int32Array, from: number, to: number): void {
    const r = this.rec;
    let sum = 0;
    for (let i = from; i < to; i++) sum ^= r[(ids[i] as number) * STRIDE] as number;
    this.warmSum = sum;
  }

  /**
   * True when comparePair(a, b, model, true) would certainly return null, in
   * either order: the test is symmetric (equal terms have equal weights, and
   * places are compared both ways), so the caller need not order the rows.
   */
  rejects(a: number, b: number): boolean {
    const model = this.model;
    const idCode = this.identityCode(a, b);
    // comparePair never prunes a pair with the same identity number when those always link.
    if (model.linkSameIdentity && idCode === ID_SAME) return false;
    const w = this.weights;
    const fx = a * FSTRIDE;
    const fy = b * FSTRIDE;
    // comparePair's second pruning step (identityWeight/birthWeight, smallWeight, its name
    // bound), term by term in its order and from its values (see LevelWeights): calling the
    // weight functions here passed each weight as a boxed number, ~8M short-lived objects on
    // the 100k check.
    const birthCode = this.birthCode(a, b);
    const firstTwo =
      (idCode === ID_SAME ? (this.frec[fx + ID_W] as number) : (w.identity[idCode] as number)) +
      (birthCode === BIRTH_SAME ? (this.frec[fx + BIRTH_W] as number) : (w.birth[birthCode] as number));
    const r = this.rec;
    const x = a * STRIDE;
    const y = b * STRIDE;
    const small =
      (w.rtrw[this.rtRwCode(a, b)] as number) +
      (w.village[this.place(r[x + VILLAGE] as number, r[y + VILLAGE] as number)] as number) +
      (w.district[this.place(r[x + DISTRICT] as number, r[y + DISTRICT] as number)] as number) +
      (w.birthPlace[this.place(r[x + BIRTH_PLACE] as number, r[y + BIRTH_PLACE] as number)] as number) +
      (w.sex[this.sexCode(a, b)] as number) +
      (w.noKk[this.noKkCode(a, b)] as number);
    const lenA = (r[x + NAME_SEX] as number) & 0xffff;
    const lenB = (r[y + NAME_SEX] as number) & 0xffff;
    const k = this.bounds;
    const names =
      lenA === 0 || lenB === 0
        ? 0
        : Math.max(model.nameNone, Math.min(model.nameMax, this.frec[fx + SIDE] as number, this.frec[fy + SIDE] as number) + (lenA + lenB) * k.leftover);
    return firstTwo + small + names + k.addressMax < k.pruneBelow;
  }

  /**
   * The pair's fieldCodes exactly as comparePair(first, second) computes them
   * (places in this order, unlike rejects), from the packed values and caches.
   */
  codes(first: number, second: number, out: FieldCodes): FieldCodes {
    const r = this.rec;
    const x = first * STRIDE;
    const y = second * STRIDE;
    out.identity = this.identityCode(first, second);
    out.birth = this.birthCode(first, second);
    out.rtrw = this.rtRwCode(first, second);
    out.village = this.placeInOrder(r[x + VILLAGE] as number, r[y + VILLAGE] as number);
    out.district = this.placeInOrder(r[x + DISTRICT] as number, r[y + DISTRICT] as number);
    out.birthPlace = this.placeInOrder(r[x + BIRTH_PLACE] as number, r[y + BIRTH_PLACE] as number);
    out.sex = this.sexCode(first, second);
    out.noKk = this.noKkCode(first, second);
    return out;
  }
}

/** rtRwLevel of RT/RW packed as number + 1 (0: missing): the same as comparing the texts. */
function rtRwLevelPacked(rtA: number, rwA: number, rtB: number, rwB: number): number {
  return rtRwLevel(rtA === 0 ? '' : 'x', rwA === 0 ? '' : 'x', rtB === 0 ? '' : rtA === rtB ? 'x' : 'y', rwB === 0 ? '' : rwA === rwB ? 'x' : 'y');
}
