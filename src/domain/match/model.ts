// The match model: fixed, explained Fellegi–Sunter weights. Nothing here is
// trained. Each weight is log2(m/u): m = how often two rows of the SAME person
// agree at that level (allowing for typing errors, moves, missing values), u =
// how often two rows of DIFFERENT people do.
//
// Term frequencies: for names, birth dates and identity numbers, u is the
// chance that a random other row shares the value, count/N. The prior odds
// that two rows are the same person are ~1/N as well, so N cancels and only
// the COUNT of rows sharing a value matters (a name shared by 8,000 rows is
// weak evidence; one shared by 2 rows is strong). `population` is the fixed N
// of both terms. Counts are bucketed to powers of two so that an edit changes
// the weights of other rows only when a count crosses a power of two.

export interface MatchModel {
  /** Fixed reference population for term frequencies and the prior (see above). */
  population: number;
  /** Link two rows when the match probability is at least this. */
  threshold: number;
  /** m for an exactly shared term (name token, birth date, identity number). */
  mExact: number;
  /** Name tokens: fraction of the exact-token weight kept at each Jaro-Winkler level. */
  nameLevels: { jw: number; keep: number }[];
  /** A single initial ('m') against a full token ('muhammad'). */
  nameInitial: number;
  /** A token with a different token opposite (a different given name): strong disagreement. */
  nameConflict: number;
  /** A token left over because the other name is shorter (omitted middle name, single name). */
  nameExtra: number;
  /** Most a name can contribute: tokens of one name are not independent ('alexa-rose white'). */
  nameMax: number;
  /** No name token agrees at all. */
  nameNone: number;
  dob: { swap: number; typo: number; yearOnly: number; differ: number };
  /**
   * `sameBirth`: the most two NIKs one digit apart (or transposed) add when the birth
   * dates agree as well (16-digit NIKs only: their digits 7–12 are the birth date).
   */
  identity: { oneDigit: number; transposed: number; differ: number; sameBirth: number };
  address: { levels: { sim: number; weight: number }[]; differ: number };
  rtrw: { both: number; one: number; none: number };
  village: { same: number; differ: number };
  district: { same: number; differ: number };
  sex: { same: number; differ: number };
  birthPlace: { same: number; differ: number };
  noKk: { same: number };
  /**
   * Two rows of one family (the same No KK). `max`: the most the fields a family
   * shares (address, RT/RW, village, district, No KK) add together, since for two
   * members of one family they agree as surely as for one person typed twice.
   * `birth`: the most a shared birth date adds inside one family (twins).
   */
  household: { max: number; birth: number };
  /**
   * Clear signs of two people (see compare.ts, twoPeopleCode): such a pair is never
   * linked, and this weight brings its probability near 0 so the score says so too.
   */
  twoPeople: number;
  /** Same usable identity number: always linked (score still shows the evidence). */
  linkSameIdentity: boolean;
}

export const DEFAULT_MODEL: MatchModel = {
  population: 10_000,
  threshold: 0.5,
  mExact: 0.9,
  // A typo keeps most of the evidence of the token; looser similarity keeps less,
  // because unrelated names are often that similar (sri/sari, adi/ade).
  nameLevels: [
    { jw: 0.95, keep: 0.75 },
    { jw: 0.9, keep: 0.55 },
    { jw: 0.85, keep: 0.3 },
  ],
  nameInitial: 1,
  nameConflict: -4.5, // m≈0.04 (a name really replaced), u≈0.95
  nameExtra: -1, // m≈0.3 (names shortened, single names), u≈0.6
  nameMax: 20,
  nameNone: -6, // m≈0.015, u≈0.98
  dob: {
    swap: 8, // m≈0.03 (DD-MM vs MM-DD), u≈1/8000 for an exact swap
    typo: 5, // m≈0.06, u≈0.002 (one digit or two adjacent digits)
    yearOnly: -1, // m≈0.02, u≈0.04
    differ: -5, // m≈0.03, u≈0.97
  },
  identity: {
    oneDigit: 4, // m≈0.04, u≈0.0025 (neighbouring serials share 15 digits)
    transposed: 5, // m≈0.02, u≈0.0006
    differ: -5, // m≈0.03, u≈0.97
    // Two NIKs one digit apart share their date digits because the birth dates agree,
    // which the birth date has weighed already; the rest (district code, serial) is
    // what people born on one day in one regency share too: their NIKs differ only in
    // the district code and a small serial, one digit apart about as often (u≈0.05 and
    // more) as one person's NIK is mistyped (m≈0.04). No evidence either way.
    sameBirth: 0,
  },
  address: {
    levels: [
      { sim: 0.9, weight: 6 }, // m≈0.6, u≈0.01
      { sim: 0.75, weight: 3.5 }, // m≈0.2, u≈0.02
      { sim: 0.5, weight: 0.5 }, // m≈0.1, u≈0.07
    ],
    differ: -2.5, // m≈0.15 (moved, rewritten), u≈0.85
  },
  rtrw: { both: 3.5, one: -0.5, none: -2 },
  village: { same: 1.5, differ: -1.5 },
  district: { same: 0.5, differ: -1 },
  sex: { same: 0.9, differ: -4 },
  birthPlace: { same: 2.5, differ: -2 },
  noKk: { same: 4 },
  household: {
    // Agreeing on every shared field says "one family": m≈0.9, u≈3/N (a random other
    // row is one of the ~3 other listed members) -> log2(0.9 * 10000 / 3) ≈ 11.5.
    // Summed field by field (address 6 + RT/RW 3.5 + village 1.5 + district 0.5 + No KK 4
    // = 15.5) it alone exceeded the link threshold (13.3): any two members of one
    // family with one more agreeing field were "the same person".
    max: 11.5,
    // m≈0.9, u≈0.02: two members of one family share a birth date when they are twins.
    birth: 5.5,
  },
  // A rule, not an estimate (m≈0 for these signs): the pair is never linked
  // (PairScore.distinct), and its score shows it (near 0) in an explanation too.
  twoPeople: -40,
  linkSameIdentity: true,
};

/** Bucket a count to the power of two below it (1, 2, 4, 8, …). */
export function countBucket(count: number): number {
  if (count <= 1) return 1;
  return 2 ** Math.floor(Math.log2(count));
}

/** Weight of an exactly shared term held by `count` rows: log2(m / (count/N)). */
export function termWeight(model: MatchModel, count: number): number {
  return Math.log2((model.mExact * model.population) / countBucket(count));
}

/** Posterior match probability from the summed weight (prior odds 1/N). */
export function probability(model: MatchModel, weight: number): number {
  const logOdds = weight - Math.log2(model.population);
  return 1 / (1 + 2 ** -logOdds);
}

/**
 * termWeight by count, for a caller weighting many terms (the matcher: ~400k on
 * the 100k check): the weight depends only on the count's power-of-two bucket,
 * so each bucket's log2 is taken once. The bucket is read from the count's bits,
 * which gives countBucket's answer for every count up to 2^31.
 */
export class TermWeights {
  /** Weight by bucket exponent; NaN: not computed yet. */
  private readonly byBucket = new Float64Array(32).fill(NaN);

  constructor(private readonly model: MatchModel) {}

  of(count: number): number {
    if (count > 0x7fffffff) return termWeight(this.model, count);
    const e = count <= 1 ? 0 : 31 - Math.clz32(count);
    let w = this.byBucket[e] as number;
    if (Number.isNaN(w)) this.byBucket[e] = w = termWeight(this.model, count);
    return w;
  }
}
