// What the matcher compares, computed once per row: normalised name tokens,
// birth date, a usable identity number, address tokens, RT/RW, places, sex.
// Excel-damaged or dummy NIKs give no identity, so they never match.
import type { RecordRow } from '../schema';
import { nameTokens, phoneticToken } from '../names';
import { commonFormDay, NOT_COMMON_FORM, parseBirthDate, toIso } from '../dates';
import { cleanIdNumber, isPlaceholderNumber, isUsableIdentity, type NikInfo } from '../nik';
import { isUsableNoKk, type NoKkInfo } from '../nokk';
import type { ParsedRow } from '../parsedRow';
import { programsOf, type ProgramId } from '../overlap';
import { addressTokens, neighbourhoodNumber, placeKey } from './address';
import { birthTerm, nameTerm } from './terms';
import { digitsAt } from '../digits';
import { emptyList } from '../emptyList';

export interface BirthDate {
  iso: string;
  y: number;
  m: number;
  d: number;
  /** YYYYMMDD, for typo comparisons. */
  digits: string;
}

export interface Features {
  key: string;
  source: string;
  /** Row of a reference list (DTKS): matched against, never grouped. */
  reference: boolean;
  name: string[];
  /** Phonetic form of each name token (same order). */
  phonetic: string[];
  /** Term ids (see terms.ts) of the name tokens and birth date, precomputed for counting (identity numbers are their own terms). */
  nameTerms: string[];
  birthTerm: string;
  /**
   * Term-frequency weights of the name tokens, birth date and identity (bits).
   * -0 until the matcher weighs the row (doubles from the start: see zeros()); compare with toBe(0).
   * Owned and kept current by the matcher (they depend on other rows' counts);
   * compare.ts only reads them.
   */
  weights: { name: number[]; birth: number; identity: number };
  birth: BirthDate | null;
  identity: string | null;
  noKk: string | null;
  address: string[];
  rt: string;
  rw: string;
  village: string;
  district: string;
  birthPlace: string;
  sex: 'L' | 'P' | null;
  programs: ProgramId[];
}

/**
 * `n` zero weights in an array of exactly `n` slots: a push onto [] reserves 17, and
 * these arrays live as long as their row (names have one to four tokens). The zeros
 * are -0, a double: the array holds doubles from the start, so the matcher's first
 * weights (fractions) do not reallocate it as a double array (once per row).
 */
function zeros(n: number): number[] {
  switch (n) {
    case 1: return [-0];
    case 2: return [-0, -0];
    case 3: return [-0, -0, -0];
    case 4: return [-0, -0, -0, -0];
    default: {
      // Packed doubles like the literals above, for any length: [-0] emptied, as an empty []
      // literal is a small-integer array (another kind, a 'wrong map' for the matcher's readers).
      const out = [-0];
      out.length = 0;
      for (let i = 0; i < n; i++) out.push(-0);
      return out;
    }
  }
}

function birthFromIso(iso: string | null): BirthDate | null {
  if (!iso) return null;
  // parseDate's ISO has a four-digit year (1800–2199): read by character, no slices or regex.
  const y = digitsAt(iso, 0, 4);
  const m = digitsAt(iso, 5, 2);
  const d = digitsAt(iso, 8, 2);
  return { iso, y, m, d, digits: String(y * 10000 + m * 100 + d) };
}

/**
 * The identity number usable for matching, from the row's parsed NIK (null: a blank
 * cell): a sound NIK, or (for lists that carry another number, such as FEBRL's
 * social-security id) a plain digit string of 5+ digits that is not NIK-shaped.
 * Excel-damaged, dummy and malformed NIKs: null. A NIK ending in 0 counts only
 * where its column was judged kept as text (engine/idColumns.ts, via parseRow).
 */
function identityFrom(info: NikInfo | null, raw: string | undefined): string | null {
  if (!info || !raw) return null;
  if (isUsableIdentity(info)) return info.digits;
  // Only a digit string that is not 16 long can be another kind of number.
  if (!info.problems.includes('length')) return null;
  const shape = cleanIdNumber(raw);
  if (shape.kind !== 'digits' || shape.digits.length === 16) return null;
  const d = shape.digits;
  if (d.length < 5 || d.length > 20 || isPlaceholderNumber(d)) return null;
  return d;
}

function noKkFrom(info: NoKkInfo | null): string | null {
  return info && isUsableNoKk(info) ? info.digits : null;
}

interface ParsedName {
  name: string[];
  phonetic: string[];
  terms: string[];
}

/** A name token's phonetic form and term id, made once per distinct token (see ParseCache.name). */
interface TokenForms {
  phonetic: string;
  term: string;
}

function tokenForms(token: string): TokenForms {
  return { phonetic: phoneticToken(token), term: nameTerm(token) };
}

/** The date and its term id together: the term string is then shared, not built per row. */
interface ParsedBirth {
  birth: BirthDate | null;
  term: string;
}

/** [program], or an emptyList (not []: the same kind of array as a full list, see emptyList.ts). */
const programList = (program: ProgramId): ProgramId[] => (program ? [program] : emptyList<ProgramId>());

const NO_BIRTH: ParsedBirth = { birth: null, term: '' };

/** Slots of one year in ParseCache's births: month * 31 + day, for months 1–12 and days 1–31. */
const DAY_SLOTS = 13 * 31;

/**
 * The birth of a cell in either usual form, from its day (commonFormDay's YYYYMMDD,
 * 0 for no real day): what parseDate would read, without reading the cell again.
 */
function birthOnDayNumber(day: number): ParsedBirth {
  if (day === 0) return NO_BIRTH;
  const y = Math.floor(day / 10000);
  const m = Math.floor(day / 100) % 100;
  const d = day % 100;
  const iso = toIso(y, m, d) as string;
  return withTerm({ iso, y, m, d, digits: String(day) });
}

function withTerm(b: BirthDate | null): ParsedBirth {
  return { birth: b, term: b ? birthTerm(b.iso) : '' };
}

function parseBirthIso(iso: string): ParsedBirth {
  return withTerm(birthFromIso(iso));
}

/**
 * Parsed values by raw text, for the rows of one engine: names, dates, places and
 * addresses repeat a lot across 100k rows, and parsing is most of a row's cost.
 * Each map is emptied when it grows past `limit` entries, so memory stays bounded.
 * Births by day are bounded by the 400 valid years (1800–2199) instead.
 */
export class ParseCache {
  private readonly names = new Map<string, ParsedName>();
  /** By name token: thousands of distinct names share a few hundred tokens ('siti', 'santoso'). */
  private readonly tokens = new Map<string, TokenForms>();
  /** Births in other forms, by the ISO date parseRow read (birthOf). */
  private readonly birthsByIso = new Map<string, ParsedBirth>();
  /**
   * Births of the two usual forms by day (commonFormDay's YYYYMMDD, years 1800–2199):
   * an array per year, indexed by month * 31 + day. Two array reads, no hashing: a row's
   * birth is looked up in a table of ~20k days, where a Map's buckets cost cache misses.
   */
  private readonly birthsByYear: Array<Array<ParsedBirth | undefined> | undefined> = [];
  /** The last cell birthOnDay answered: parseRow and then featuresOf ask for the same row's cell. */
  private lastDayRaw: string | undefined;
  private lastDayBirth: ParsedBirth | undefined;
  private readonly addresses = new Map<string, string[]>();
  private readonly places = new Map<string, string>();
  private readonly programLists = new Map<string, ProgramId[]>();
  private readonly fallbackLists = new Map<string, ProgramId[]>();

  constructor(private readonly limit = 250_000) {}

  private memo<T>(map: Map<string, T>, raw: string | undefined, parse: (raw: string) => T): T {
    const k = raw ?? '';
    const hit = map.get(k);
    if (hit !== undefined || map.has(k)) return hit as T;
    if (map.size >= this.limit) map.clear();
    const value = parse(k);
    map.set(k, value);
    return value;
  }

  // The parsers are plain functions, not closures: no function object per call.
  name(raw: string | undefined): ParsedName {
    const k = raw ?? '';
    let hit = this.names.get(k);
    if (hit === undefined) {
      if (this.names.size >= this.limit) this.names.clear();
      const name = nameTokens(k);
      // Copies of the token list (exact length, its kind), then overwritten in place: not map,
      // whose array is packed from the interpreter but holey from optimised code, nor push,
      // which reserves spare slots (garbage once copied; these lists live as long as their rows).
      // All three lists are then one kind for every name (blank ones too), and the matcher's
      // readers never meet a second.
      const phonetic = name.slice();
      const terms = name.slice();
      for (let i = 0; i < name.length; i++) {
        const forms = this.memo(this.tokens, name[i], tokenForms);
        phonetic[i] = forms.phonetic;
        terms[i] = forms.term;
      }
      hit = { name, phonetic, terms };
      this.names.set(k, hit);
    }
    return hit;
  }
  /**
   * The birth of cell `raw` as parseRow read it (`iso`: its birthIso), so the
   * matcher and the checks agree on a two-digit year ('27' is 1927 in 2025 for both).
   */
  birthOf(raw: string | undefined, iso: string | null): ParsedBirth {
    if (raw !== undefined && raw === this.lastDayRaw) return this.lastDayBirth as ParsedBirth;
    if (!raw || !iso) return NO_BIRTH; // parseRow read no date (iso null): none here either
    const day = commonFormDay(raw);
    if (day !== NOT_COMMON_FORM) return this.birthOnDay(day, raw);
    return this.memo(this.birthsByIso, iso, parseBirthIso);
  }
  /**
   * parseBirthDate(raw, today), for parseRow: for the two usual forms (where
   * the two-digit-year pivot plays no part) the ISO of the day's birth, shared.
   */
  birthIso(raw: string, today: string): string | null {
    const day = commonFormDay(raw);
    if (day === NOT_COMMON_FORM) return parseBirthDate(raw, today);
    return this.birthOnDay(day, raw).birth?.iso ?? null;
  }
  private birthOnDay(day: number, raw: string): ParsedBirth {
    if (day === 0) return NO_BIRTH;
    const yearAt = Math.floor(day / 10000) - 1800;
    const at = (Math.floor(day / 100) % 100) * 31 + (day % 100);
    const year = (this.birthsByYear[yearAt] ??= new Array<ParsedBirth | undefined>(DAY_SLOTS));
    let hit = year[at];
    if (hit === undefined) {
      hit = birthOnDayNumber(day);
      year[at] = hit;
    }
    this.lastDayRaw = raw;
    this.lastDayBirth = hit;
    return hit;
  }
  address(raw: string | undefined): string[] {
    return this.memo(this.addresses, raw, addressTokens);
  }
  place(raw: string | undefined): string {
    if (!raw) return ''; // placeKey's own answer, without a lookup
    return this.memo(this.places, raw, placeKey);
  }
  programs(raw: string | undefined): ProgramId[] {
    return this.memo(this.programLists, raw, programsOf);
  }
  /** The list [program] ([] for none), one per programme: rows of a sheet without a programme column share it. */
  fallbackPrograms(program: ProgramId): ProgramId[] {
    return this.memo(this.fallbackLists, program, programList);
  }
}

/**
 * `parsed`: the row's parseRow (under its columns' verdict on a trailing 0, see
 * engine/idColumns.ts), shared with the field checks, so both read every value alike.
 */
export function featuresOf(row: RecordRow, reference: boolean, programFallback: ProgramId, cache: ParseCache, parsed: ParsedRow): Features {
  const v = row.values;
  const { name, phonetic, terms } = cache.name(v.nama);
  const programs = cache.programs(v.program);
  const born = cache.birthOf(v.tanggal_lahir, parsed.birthIso);
  // NIK and No KK are nearly unique per row: not cached, parsed once per row (parseRow). A NIK
  // the file reader knows lost digits to Excel is never a match, whatever its length.
  const identity = row.lostDigits !== undefined && row.lostDigits.includes('nik') ? null : identityFrom(parsed.nik, v.nik);
  return {
    key: row.key,
    source: row.source,
    reference,
    name,
    phonetic,
    nameTerms: terms,
    birthTerm: born.term,
    birth: born.birth,
    identity,
    // -0 as in zeros(): double fields from the start, so the matcher's first write does not migrate the object's shape.
    weights: { name: zeros(name.length), birth: -0, identity: -0 },
    noKk: noKkFrom(parsed.noKk),
    address: cache.address(v.alamat),
    rt: neighbourhoodNumber(v.rt),
    rw: neighbourhoodNumber(v.rw),
    village: cache.place(v.desa_kelurahan),
    district: cache.place(v.kecamatan),
    birthPlace: cache.place(v.tempat_lahir),
    sex: parsed.sex,
    programs: programs.length > 0 ? programs : cache.fallbackPrograms(programFallback),
  };
}
