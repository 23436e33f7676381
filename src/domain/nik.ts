// NIK (Nomor Induk Kependudukan): 16 digits, no check digit.
//   1–2 province, 3–4 kab/kota, 5–6 kecamatan where it was FIRST issued,
//   7–12 DDMMYY of birth (day + 40 for women), 13–16 serial from 0001.
// Excel keeps 15 significant digits, so a NIK typed into a number cell loses its
// last digit ('3375015301891050', or '3.37501530189105E+15' in a CSV); such
// values are named for what they are and never count as a match.
import { districtName, provinceName, regencyName, regionOf } from './area/index';
import { formatDate, isIsoOf, isValidYmd, todayIso, toIso, yearOf } from './dates';
import { digitsAt, isAllDigits } from './digits';
import { emptyList } from './emptyList';

export type NikProblem =
  | 'empty'
  | 'excel-scientific'
  | 'excel-precision'
  | 'non-digit'
  | 'length'
  | 'placeholder'
  | 'province-unknown'
  | 'regency-unknown'
  | 'district-unknown'
  | 'birth-date-impossible'
  | 'serial-zero';

export interface NikInfo {
  raw: string;
  /** The 16 digits when the value is shaped like a NIK (even if damaged), else null. */
  digits: string | null;
  problems: readonly NikProblem[];
  /** Kemendagri codes: 2, 4 and 6 digits. Set when the code is known. */
  province?: string;
  regency?: string;
  district?: string;
  /** ISO date of birth encoded in the NIK (century chosen, see parseNik). */
  birthDate?: string;
  sex?: 'L' | 'P';
  /** For an Excel-scientific value: the digits Excel kept ('3375015301891050'). */
  excelDigits?: string;
}

export interface NikOptions {
  /** ISO date; 'today' for choosing the century of the birth year. */
  today?: string;
  /** ISO tanggal_lahir of the row, when known: decides the century. */
  birthDateHint?: string | null;
  /**
   * The column is known not to have passed through an Excel number cell (its
   * idColumnVerdict is 'trusted'), so a trailing 0 is just a serial ending in 0 (one NIK in ten).
   */
  trustTrailingZero?: boolean;
}

/** Problems that make an identity number useless for matching. */
const UNUSABLE: ReadonlySet<NikProblem> = new Set<NikProblem>([
  'empty', 'excel-scientific', 'excel-precision', 'non-digit', 'length', 'placeholder',
  'birth-date-impossible', 'serial-zero',
]);

export type IdShape =
  | { kind: 'empty' }
  | { kind: 'scientific'; digits: string | null }
  | { kind: 'digits'; digits: string }
  | { kind: 'other'; cleaned: string };

/** 16 ASCII digits exactly: the usual NIK or No KK cell, which needs no cleaning. */
function isSixteenDigits(raw: string): boolean {
  return raw.length === 16 && isAllDigits(raw);
}

/** Why a NIK or No KK cell holds no 16 digits (the problems both kinds share). */
export interface NoSixteenDigits {
  problems: ReadonlyArray<'empty' | 'excel-scientific' | 'non-digit' | 'length'>;
  /** The digits of a scientific-notation value, when they can be recovered (damaged). */
  excelDigits?: string;
}

/**
 * The first step of parseNik and parseNoKk: the cell's 16 digits, or why it has none.
 * The usual cell is 16 plain digits, returned as it is with no shape object.
 */
export function sixteenDigitsOf(rawText: string): string | NoSixteenDigits {
  if (isSixteenDigits(rawText)) return rawText;
  const shape = cleanIdNumber(rawText);
  // Both fields always, in one order: one shape for parseNik and parseNoKk to read.
  if (shape.kind === 'digits') return shape.digits.length === 16 ? shape.digits : { problems: ['length'], excelDigits: undefined };
  if (shape.kind === 'empty') return { problems: ['empty'], excelDigits: undefined };
  if (shape.kind === 'other') return { problems: ['non-digit'], excelDigits: undefined };
  return { problems: ['excel-scientific'], excelDigits: shape.digits ?? undefined };
}

/**
 * Strips what spreadsheets and people add around an identity number: spaces
 * (also non-breaking), a leading apostrophe (Excel's "text" marker), quotes,
 * a '.0' tail, and dots/dashes between digit groups ('3375-0153-0189-1050').
 */
export function cleanIdNumber(raw: string): IdShape {
  if (typeof raw === 'string' && isSixteenDigits(raw)) return { kind: 'digits', digits: raw };
  let s = (typeof raw === 'string' ? raw : '').normalize('NFKC').replace(/[\s\u00a0\u200b]+/g, '');
  s = s.replace(/^['`‘’"]+|['"‘’]+$/g, '');
  if (!s) return { kind: 'empty' };
  const sci = /^(\d)(?:[.,](\d+))?e\+?(\d{1,2})$/i.exec(s);
  if (sci) {
    const mantissa = (sci[1] ?? '') + (sci[2] ?? '');
    const exponent = Number(sci[3]);
    const digits = mantissa.length <= exponent + 1 ? mantissa.padEnd(exponent + 1, '0') : null;
    return { kind: 'scientific', digits };
  }
  if (/^\d+[.,]0+$/.test(s)) s = s.replace(/[.,]0+$/, '');
  if (/^\d+(?:[-.]\d+)+$/.test(s)) s = s.replace(/[-.]/g, '');
  return /^\d+$/.test(s) ? { kind: 'digits', digits: s } : { kind: 'other', cleaned: s };
}

/**
 * The problems of a sound number (most of them): one shared list, never grown (withProblem
 * copies). An emptyList, so the same kind of array as the lists withProblem makes (see
 * emptyList.ts); not frozen, as a frozen array is yet another kind. Read only: the type says
 * so, and a test (nik.test.ts) checks it is still empty after parsing sound and damaged numbers.
 */
export const NO_PROBLEMS: readonly never[] = emptyList<never>();

/** `list` with `p` added, as a new list: NO_PROBLEMS and the other lists may be shared. */
export function withProblem<P extends string>(list: readonly P[], p: P): readonly P[] {
  return list.length === 0 ? [p] : [...list, p];
}

/** Whether the first two digits step by one, up or down, as a counting run's do: most numbers fail, and skip the two searches. */
function mayCount(digits: string): boolean {
  if (digits.length < 2) return true;
  const step = (digits.charCodeAt(1) - digits.charCodeAt(0) + 10) % 10;
  return step === 1 || step === 9;
}

/** Dummy values typed to get past a required field: 0000…, 1111…, 1234567890…. */
export function isPlaceholderNumber(digits: string): boolean {
  if (mayCount(digits) && ('12345678901234567890'.includes(digits) || '98765432109876543210'.includes(digits))) return true;
  // Longest run of one digit: a real NIK has at most 5 zeros and rarely 10 equal digits in a row.
  let run = 1;
  let prev = digits.charCodeAt(0);
  for (let i = 1; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    run = c === prev ? run + 1 : 1;
    prev = c;
    // c tested first: both comparisons then run on every number (no deopt the day a run of 8 zeros first appears).
    if (run >= 10 || (c === 48 && run >= 8)) return true;
  }
  return digits.length > 1 && run === digits.length;
}

/**
 * The birth date a DDMMYY means. The century is the one agreeing with the row's
 * tanggal_lahir when given, otherwise the most recent one not in the future (a
 * NIK is issued at birth, so children are on the lists too). Null when neither
 * century makes it a real day.
 */
function birthDateOf(day: number, month: number, yy: number, today: string, hint?: string | null): string | null {
  const y19 = 1900 + yy;
  const y20 = 2000 + yy;
  const ok19 = isValidYmd(y19, month, day);
  const ok20 = isValidYmd(y20, month, day);
  if (!ok19 && !ok20) return null;
  const hintYear = hint ? yearOf(hint) : Number.NaN;
  let year: number;
  if (ok19 && hintYear === y19) year = y19;
  else if (ok20 && hintYear === y20) year = y20;
  else {
    const todayNumber = Number(today.slice(0, 4)) * 10000 + Number(today.slice(5, 7)) * 100 + Number(today.slice(8, 10));
    year = ok20 && y20 * 10000 + month * 100 + day <= todayNumber ? y20 : ok19 ? y19 : y20;
  }
  // The usual NIK agrees with the row's date: that string, not a new one per row.
  if (hint && year === hintYear && isIsoOf(hint, year, month, day)) return hint;
  return toIso(year, month, day);
}

export function parseNik(raw: string, options: NikOptions = {}): NikInfo {
  return parseNikWith(raw, options.today ?? todayIso(), options.birthDateHint, options.trustTrailingZero === true);
}

/** parseNik with its options as arguments: parseRow calls it for every row, without an options object each time. */
export function parseNikWith(raw: string, today: string, birthDateHint: string | null | undefined, trustTrailingZero: boolean): NikInfo {
  const rawText = typeof raw === 'string' ? raw : '';
  const d = sixteenDigitsOf(rawText);
  if (typeof d !== 'string') return new ParsedNik(rawText, null, d.problems, undefined, undefined, undefined, undefined, undefined, d.excelDigits);
  let problems: readonly NikProblem[] = NO_PROBLEMS;
  if (d.endsWith('0') && !trustTrailingZero) problems = withProblem(problems, 'excel-precision');
  if (isPlaceholderNumber(d)) problems = withProblem(problems, 'placeholder');

  const region = regionOf(d);
  if (region.problem) problems = withProblem(problems, region.problem);

  const dd = digitsAt(d, 6, 2);
  const mm = digitsAt(d, 8, 2);
  const yy = digitsAt(d, 10, 2);
  const female = dd > 40;
  const day = female ? dd - 40 : dd;
  const birth = birthDateOf(day, mm, yy, today, birthDateHint);
  if (!birth) problems = withProblem(problems, 'birth-date-impossible');

  // A serial of 0000 (never issued) ends in 0, so it is normally reported as
  // 'excel-precision': the likelier cause, and just as unusable.
  if (trustTrailingZero && d.endsWith('0000')) problems = withProblem(problems, 'serial-zero');
  // No sex without a birth date: the day that encodes it is not a real one.
  const sex = birth === null ? undefined : female ? 'P' : 'L';
  return new ParsedNik(rawText, d, problems, region.province, region.regency, region.district, birth ?? undefined, sex, undefined);
}

/**
 * Every NikInfo is built here, with all its fields in one order (undefined where
 * absent): one hidden class, so the readers of every row's NIK never meet a
 * second shape and deopt ('wrong map'). Data only, so it survives a structured clone
 * or JSON whole; the serial is read by nikSerial (no check needs it, and slicing it
 * for every row left a string of garbage per row).
 */
class ParsedNik implements NikInfo {
  constructor(
    readonly raw: string,
    readonly digits: string | null,
    readonly problems: readonly NikProblem[],
    readonly province: string | undefined,
    readonly regency: string | undefined,
    readonly district: string | undefined,
    readonly birthDate: string | undefined,
    readonly sex: 'L' | 'P' | undefined,
    readonly excelDigits: string | undefined,
  ) {}
}

/** The serial of a NIK's or No KK's 16 digits: digits 13–16 (undefined without digits). */
export function serialOf(digits: string | null): string | undefined {
  return digits === null ? undefined : digits.slice(12);
}

/** None of `problems` is in `unusable`: a NIK or No KK that may count as a match. */
export function noneIn<P>(problems: readonly P[], unusable: ReadonlySet<P>): boolean {
  // An index loop, not some() with a callback or for-of (an iterator per call until optimised): this runs for every row's number.
  for (let i = 0; i < problems.length; i++) if (unusable.has(problems[i] as P)) return false;
  return true;
}

/** The NIK's serial, digits 13–16. */
export function nikSerial(info: NikInfo): string | undefined {
  return serialOf(info.digits);
}

/** False for any Excel-damaged, malformed or dummy NIK: such values must never count as a match. */
export function isUsableIdentity(info: NikInfo): boolean {
  return info.digits !== null && noneIn(info.problems, UNUSABLE);
}

/** The day-month-two-digit-year the NIK encodes, for comparing with a date whose century is uncertain. */
export function nikBirthParts(digits: string): { day: number; month: number; yy: number; female: boolean } {
  const dd = digitsAt(digits, 6, 2);
  return { day: dd > 40 ? dd - 40 : dd, month: digitsAt(digits, 8, 2), yy: digitsAt(digits, 10, 2), female: dd > 40 };
}

export interface IdColumnReport {
  /** Non-empty values. */
  values: number;
  /** Values that are 16 digits after cleaning. */
  sixteenDigits: number;
  /** Of those, how many end in 0. */
  trailingZero: number;
  /** Values in Excel's scientific notation. */
  scientific: number;
  /** The column went through an Excel number cell: scientific values, or far more trailing zeros than chance. */
  excelDamaged: boolean;
  /** Enough clean evidence that a trailing 0 in this column is a real serial: pass as trustTrailingZero. */
  trailingZeroTrusted: boolean;
}

/** What one value of a NIK / No KK column says about the column (see assessIdColumn). */
export type IdValueKind = 'empty' | 'scientific' | 'sixteen' | 'sixteen-zero' | 'other';

export function idValueKind(raw: string): IdValueKind {
  // The usual cell, without building its shape: the engine counts every row's two numbers.
  if (typeof raw === 'string' && isSixteenDigits(raw)) return raw.endsWith('0') ? 'sixteen-zero' : 'sixteen';
  const shape = cleanIdNumber(raw);
  if (shape.kind === 'empty') return 'empty';
  if (shape.kind === 'scientific') return 'scientific';
  if (shape.kind === 'digits' && shape.digits.length === 16) return shape.digits.endsWith('0') ? 'sixteen-zero' : 'sixteen';
  return 'other';
}

/** Counts of a column's values, enough to judge it (kept up to date row by row by the engine). */
export interface IdColumnCounts {
  /** Values that are 16 digits after cleaning. */
  sixteenDigits: number;
  /** Of those, how many end in 0. */
  trailingZero: number;
  /** Values in Excel's scientific notation. */
  scientific: number;
}

/**
 * Real serials end in 0 about one time in ten; a column typed into Excel number
 * cells ends in 0 every time. With 20 or more 16-digit values, at most 20% ending
 * in 0 and no scientific notation, the column was kept as text and a trailing 0
 * is trusted.
 */
export function judgeIdColumn(c: IdColumnCounts): { excelDamaged: boolean; trailingZeroTrusted: boolean } {
  const excelDamaged = c.scientific > 0 || (c.sixteenDigits >= 5 && c.trailingZero / c.sixteenDigits > 0.5);
  return { excelDamaged, trailingZeroTrusted: !excelDamaged && c.sixteenDigits >= 20 && c.trailingZero / c.sixteenDigits <= 0.2 };
}

/**
 * What a trailing 0 means in a column: a real serial ('trusted'), Excel damage
 * ('damaged'), or too little (or too mixed) evidence to say ('unsure').
 */
export type IdColumnVerdict = 'trusted' | 'damaged' | 'unsure';

/** The verdict on a source's NIK and No KK columns. */
export interface IdColumnsVerdict {
  nik: IdColumnVerdict;
  no_kk: IdColumnVerdict;
}

export function idColumnVerdict(c: IdColumnCounts): IdColumnVerdict {
  const { excelDamaged, trailingZeroTrusted } = judgeIdColumn(c);
  return excelDamaged ? 'damaged' : trailingZeroTrusted ? 'trusted' : 'unsure';
}

/** Looks at a whole NIK or No KK column (see judgeIdColumn). */
export function assessIdColumn(values: readonly string[]): IdColumnReport {
  let count = 0;
  const c: IdColumnCounts = { sixteenDigits: 0, trailingZero: 0, scientific: 0 };
  for (const v of values) {
    const kind = idValueKind(v);
    if (kind === 'empty') continue;
    count++;
    if (kind === 'scientific') c.scientific++;
    else if (kind === 'sixteen') c.sixteenDigits++;
    else if (kind === 'sixteen-zero') {
      c.sixteenDigits++;
      c.trailingZero++;
    }
  }
  return { values: count, ...c, ...judgeIdColumn(c) };
}

/**
 * What a sound NIK says about its holder, for a tooltip:
 * 'Perempuan, lahir 13-01-1989, NIK terbit di Kec. Pekalongan Barat, Kota Pekalongan, Jawa Tengah'.
 * Empty when the NIK says nothing reliable.
 */
export function nikSummary(info: NikInfo, lang: 'id' | 'en' = 'id'): string {
  if (!info.digits || !info.birthDate) return '';
  const parts: string[] = [];
  if (lang === 'id') parts.push(info.sex === 'P' ? 'Perempuan' : 'Laki-laki', `lahir ${formatDate(info.birthDate)}`);
  else parts.push(info.sex === 'P' ? 'Female' : 'Male', `born ${formatDate(info.birthDate)}`);
  const place = [
    info.district ? `${lang === 'id' ? 'Kec.' : 'district'} ${districtName(info.district)}` : '',
    info.regency ? regencyName(info.regency) : '',
    info.province ? provinceName(info.province) : '',
  ].filter(Boolean);
  if (place.length > 0) parts.push(`${lang === 'id' ? 'NIK terbit di' : 'NIK issued in'} ${place.join(', ')}`);
  return parts.join(', ');
}
