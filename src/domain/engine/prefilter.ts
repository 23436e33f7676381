// A copy of the values comparePair's pruning reads, kept per row id in flat
// arrays, so that most candidate pairs (different people sharing a blocking
// key) are rejected without touching either row's Features object: on 100k
// rows the walk over ~1M candidate pairs was dominated by those memory reads.
// The test is comparePair's own second pruning step, computed by the same
// functions from the same values, so it rejects exactly the pairs comparePair
// would give up on there, and no others.
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
  birthWeight,
  boundsOf,
  identityLevel,
  identityWeight,
  nameBound,
  nameSide,
  noKkLevel,
  PairScratch,
  placeLevel,
  prunedEarly,
  rtRwLevel,
  sexCodeOf,
  sexLevel,
  smallWeight,
  type Bounds,
} from '../match/compare';
import type { BirthDate, Features } from '../match/features';
import type { MatchModel } from '../match/model';

/** Place ids at or above this are not cached (the cache key must stay a safe integer). */
const PLACE_IDS = 1 << 20;
/** The place-pair cache is emptied at this size, so memory stays bounded. */
const PLACE_CACHE = 1 << 18;

// One record of 16 int32 (64 bytes, one cache line) per row: reading a pair
// touches two records instead of a dozen objects. Digit strings of up to 16
// digits are kept as their length and two 8-digit halves; a value that does not
// fit that shape gets length -1 and the pair is judged from the strings.
const STRIDE = 16;
const NAME_LEN = 0;
const SEX = 1;
const YMD = 2; // birth date as YYYYMMDD; 0 none, -1 another shape
const VILLAGE = 3;
const DISTRICT = 4;
const BIRTH_PLACE = 5;
const RT = 6; // number + 1; 0 none, -1 another shape
const RW = 7;
const ID_LEN = 8;
const ID_HI = 9;
const ID_LO = 10;
const KK_LEN = 11;
const KK_HI = 12;
const KK_LO = 13;
// Float record: the name side bound and the birth-date and identity term weights.
const FSTRIDE = 4;
const SIDE = 0;
const BIRTH_W = 1;
const ID_W = 2;

/** Length, high and low 8-digit halves of a string of 1–16 ASCII digits; length -1 otherwise, 0 for none. */
function packDigits(s: string | null, out: Int32Array, at: number): void {
  out[at + 1] = 0;
  out[at + 2] = 0;
  if (s === null || s === '') {
    out[at] = 0;
    return;
  }
  if (s.length > 16 || !/^[0-9]+$/.test(s)) {
    out[at] = -1;
    return;
  }
  const cut = Math.max(0, s.length - 8);
  out[at] = s.length;
  out[at + 1] = cut > 0 ? Number(s.slice(0, cut)) : 0;
  out[at + 2] = Number(s.slice(cut));
}

/** RT/RW as number + 1 when it is a plain number of up to 9 digits without a leading 0 ('' is 0); -1 otherwise. */
function packNumber(s: string): number {
  if (s === '') return 0;
  return s.length <= 9 && /^(0|[1-9][0-9]*)$/.test(s) ? Number(s) + 1 : -1;
}

/** YYYYMMDD of a birth date whose digits are exactly that number (always, for parsed dates); -1 otherwise; 0: none. */
function ymdOf(b: BirthDate | null): number {
  if (!b) return 0;
  const n = b.y * 10000 + b.m * 100 + b.d;
  return b.y >= 1000 && b.y <= 9999 && b.m >= 1 && b.m <= 12 && b.d >= 1 && b.d <= 31 && b.digits === String(n) && b.iso === `${b.digits.slice(0, 4)}-${b.digits.slice(4, 6)}-${b.digits.slice(6)}` ? n : -1;
}

const DIGITS_SAME = 0;
const DIGITS_ONE = 1;
const DIGITS_SWAPPED = 2;
const DIGITS_OTHER = 3;

/**
 * Two equally long digit strings given as 8-digit halves: the same, one digit
 * different (hamming1), two adjacent digits swapped (adjacentTransposition), or
 * otherwise different. Positions count from the right; unused high positions are
 * 0 in both, so they never differ.
 */
function digitsLevel(xHi: number, xLo: number, yHi: number, yLo: number): number {
  if (xHi === yHi && xLo === yLo) return DIGITS_SAME;
  let diff = 0;
  let first = -1;
  let prevX = -1;
  let prevY = -1;
  let swapped = false;
  let p = xLo;
  let q = yLo;
  for (let i = 0; i < 16; i++) {
    if (i === 8) {
      p = xHi;
      q = yHi;
    }
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
    p = (p - a) / 10;
    q = (q - b) / 10;
  }
  if (diff === 1) return DIGITS_ONE;
  return swapped ? DIGITS_SWAPPED : DIGITS_OTHER;
}

/** birthLevel (compare.ts) of two dates as YYYYMMDD numbers. */
function birthLevelYmd(x: number, y: number): number {
  if (x === y) return BIRTH_SAME;
  const xy = Math.floor(x / 10000);
  const yy = Math.floor(y / 10000);
  if (xy === yy && Math.floor(x / 100) % 100 === y % 100 && x % 100 === Math.floor(y / 100) % 100) return BIRTH_SWAP;
  const d = digitsLevel(0, x, 0, y);
  if (d === DIGITS_ONE || d === DIGITS_SWAPPED) return BIRTH_TYPO;
  return xy === yy ? BIRTH_PARTIAL : BIRTH_DIFFER;
}

export class PairPrefilter {
  private readonly bounds: Bounds;
  private rec = new Int32Array(1024 * STRIDE);
  private frec = new Float64Array(1024 * FSTRIDE);
  // The values themselves, for the rows whose packed form does not fit (see STRIDE).
  private readonly identity: (string | null)[] = [];
  private readonly birth: (BirthDate | null)[] = [];
  private readonly noKk: (string | null)[] = [];
  private readonly rt: string[] = [];
  private readonly rw: string[] = [];
  private readonly places: string[] = [''];
  private readonly placeIds = new Map<string, number>();
  /** placeLevel of two place ids (a * PLACE_IDS + b): places repeat, and each miss costs a Jaro-Winkler. */
  private readonly placeLevels = new Map<number, number>();

  constructor(private readonly model: MatchModel) {
    this.bounds = boundsOf(model, new PairScratch());
  }

  /** Take row `id`'s values (and its current weights). */
  set(id: number, f: Features): void {
    if ((id + 1) * STRIDE > this.rec.length) {
      const rec = new Int32Array(Math.max((id + 1) * STRIDE, this.rec.length * 2));
      rec.set(this.rec);
      this.rec = rec;
      const frec = new Float64Array((rec.length / STRIDE) * FSTRIDE);
      frec.set(this.frec);
      this.frec = frec;
    }
    const r = this.rec;
    const at = id * STRIDE;
    r[at + NAME_LEN] = f.name.length;
    r[at + SEX] = sexCodeOf(f.sex);
    r[at + YMD] = ymdOf(f.birth);
    r[at + VILLAGE] = this.placeId(f.village);
    r[at + DISTRICT] = this.placeId(f.district);
    r[at + BIRTH_PLACE] = this.placeId(f.birthPlace);
    r[at + RT] = packNumber(f.rt);
    r[at + RW] = packNumber(f.rw);
    packDigits(f.identity, r, at + ID_LEN);
    packDigits(f.noKk, r, at + KK_LEN);
    this.identity[id] = f.identity;
    this.birth[id] = f.birth;
    this.noKk[id] = f.noKk;
    this.rt[id] = f.rt;
    this.rw[id] = f.rw;
    this.setWeights(id, f);
  }

  /** Take row `id`'s term weights again (the matcher refreshed them). */
  setWeights(id: number, f: Features): void {
    const at = id * FSTRIDE;
    this.frec[at + SIDE] = nameSide(f.weights.name, this.model.nameInitial, this.bounds.keep);
    this.frec[at + BIRTH_W] = f.weights.birth;
    this.frec[at + ID_W] = f.weights.identity;
  }

  /** A small id per place text ('' is 0), for the placeLevels cache. Places are few; ids are never dropped. */
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

  /** placeLevel of the places with ids p and q (cached). */
  private place(p: number, q: number): number {
    if (p === 0 || q === 0) return 0;
    if (p === q) return SAME_PLACE;
    const x = this.places[p] as string;
    const y = this.places[q] as string;
    if (p >= PLACE_IDS || q >= PLACE_IDS) return placeLevel(x, y);
    const k = p * PLACE_IDS + q;
    let level = this.placeLevels.get(k);
    if (level === undefined) {
      if (this.placeLevels.size >= PLACE_CACHE) this.placeLevels.clear();
      this.placeLevels.set(k, (level = placeLevel(x, y)));
    }
    return level;
  }

  /**
   * True when comparePair(a, b, model, true) would certainly return null (a is
   * the row with the smaller key, as comparePair is called).
   */
  rejects(a: number, b: number): boolean {
    const model = this.model;
    const r = this.rec;
    const x = a * STRIDE;
    const y = b * STRIDE;
    const idLenA = r[x + ID_LEN] as number;
    const idLenB = r[y + ID_LEN] as number;
    let idCode: number;
    if (idLenA === 0 || idLenB === 0) idCode = 0;
    else if (idLenA < 0 || idLenB < 0) idCode = identityLevel(this.identity[a] as string | null, this.identity[b] as string | null);
    else if (idLenA !== idLenB) idCode = ID_DIFFER;
    else idCode = ID_CODES[digitsLevel(r[x + ID_HI] as number, r[x + ID_LO] as number, r[y + ID_HI] as number, r[y + ID_LO] as number)] as number;
    // comparePair never prunes a pair with the same identity number when those always link.
    if (model.linkSameIdentity && idCode === ID_SAME) return false;
    const ymdA = r[x + YMD] as number;
    const ymdB = r[y + YMD] as number;
    const birthCode =
      ymdA === 0 || ymdB === 0
        ? 0
        : ymdA < 0 || ymdB < 0
          ? birthLevel(this.birth[a] as BirthDate | null, this.birth[b] as BirthDate | null)
          : birthLevelYmd(ymdA, ymdB);
    const fx = a * FSTRIDE;
    const fy = b * FSTRIDE;
    const firstTwo = identityWeight(idCode, this.frec[fx + ID_W] as number, model) + birthWeight(birthCode, this.frec[fx + BIRTH_W] as number, model);
    const rtA = r[x + RT] as number;
    const rwA = r[x + RW] as number;
    const rtB = r[y + RT] as number;
    const rwB = r[y + RW] as number;
    // Packed RT/RW are equal exactly when the texts are ('' is 0 and reads as missing, as in rtRwLevel).
    const rtrw =
      rtA < 0 || rwA < 0 || rtB < 0 || rwB < 0
        ? rtRwLevel(this.rt[a] as string, this.rw[a] as string, this.rt[b] as string, this.rw[b] as string)
        : rtRwLevelPacked(rtA, rwA, rtB, rwB);
    const kkLenA = r[x + KK_LEN] as number;
    const kkLenB = r[y + KK_LEN] as number;
    const kk =
      kkLenA < 0 || kkLenB < 0
        ? noKkLevel(this.noKk[a] as string | null, this.noKk[b] as string | null)
        : kkLenA !== 0 && kkLenA === kkLenB && r[x + KK_HI] === r[y + KK_HI] && r[x + KK_LO] === r[y + KK_LO]
          ? SAME_PLACE
          : 0;
    const small = smallWeight(
      rtrw,
      this.place(r[x + VILLAGE] as number, r[y + VILLAGE] as number),
      this.place(r[x + DISTRICT] as number, r[y + DISTRICT] as number),
      this.place(r[x + BIRTH_PLACE] as number, r[y + BIRTH_PLACE] as number),
      sexLevel(r[x + SEX] as number, r[y + SEX] as number),
      kk,
      model,
    );
    const names = nameBound(r[x + NAME_LEN] as number, this.frec[fx + SIDE] as number, r[y + NAME_LEN] as number, this.frec[fy + SIDE] as number, model, this.bounds);
    return prunedEarly(firstTwo, small, names, this.bounds);
  }
}

/** rtRwLevel of RT/RW packed as number + 1 (0: missing): the same as comparing the texts. */
function rtRwLevelPacked(rtA: number, rwA: number, rtB: number, rwB: number): number {
  return rtRwLevel(rtA === 0 ? '' : 'x', rwA === 0 ? '' : 'x', rtB === 0 ? '' : rtA === rtB ? 'x' : 'y', rwB === 0 ? '' : rwA === rwB ? 'x' : 'y');
}
