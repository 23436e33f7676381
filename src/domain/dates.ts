// Dates as officers type them. Indonesian order first (DD-MM-YYYY); every parse
// returns an ISO 'YYYY-MM-DD' string or null, never a Date (no time zones here).

import { allDigitsAt, digitsAt } from './digits';

const MONTHS: ReadonlyMap<string, number> = new Map(Object.entries({
  januari: 1, jan: 1, january: 1,
  februari: 2, pebruari: 2, feb: 2, peb: 2, february: 2,
  maret: 3, mar: 3, march: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, jun: 6, june: 6,
  juli: 7, jul: 7, july: 7,
  agustus: 8, agu: 8, agt: 8, ags: 8, aug: 8, august: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, oct: 10, october: 10,
  november: 11, nopember: 11, nov: 11, nop: 11,
  desember: 12, des: 12, dec: 12, december: 12,
}));

export interface DateOptions {
  /**
   * Two-digit years up to this value are 20YY, above it 19YY. Default 30: the
   * lists hold birth dates, and nobody born in 1925 is entered as '25'.
   */
  twoDigitPivot?: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const DAYS_IN_MONTH: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return DAYS_IN_MONTH[m - 1] ?? 0;
}

/** True when y-m-d is a real calendar day (years 1800–2199 only: anything else is a typo here). */
export function isValidYmd(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) &&
    y >= 1800 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
  );
}

/** '00'…'31': month and day numbers as written in an ISO date (no padStart per call). */
const TWO_DIGITS: readonly string[] = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

/**
 * '-MM-DD' at m * 32 + d: an ISO date is its year and one of these, one new string
 * (a template of five parts made a short string at each step; every row's No KK has a date).
 */
const MONTH_DAYS: readonly string[] = Array.from({ length: 13 * 32 }, (_, i) => `-${TWO_DIGITS[Math.floor(i / 32)]}-${TWO_DIGITS[i % 32]}`);

export function toIso(y: number, m: number, d: number): string | null {
  if (!isValidYmd(y, m, d)) return null;
  // isValidYmd bounds the year to 1800–2199: always four digits.
  return String(y) + MONTH_DAYS[m * 32 + d];
}

/** Whether `s` is exactly toIso(y, m, d) (read by character: no string built to compare). */
export function isIsoOf(s: string, y: number, m: number, d: number): boolean {
  return (
    s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 &&
    allDigitsAt(s, 0, 4) && allDigitsAt(s, 5, 2) && allDigitsAt(s, 8, 2) &&
    digitsAt(s, 0, 4) === y && digitsAt(s, 5, 2) === m && digitsAt(s, 8, 2) === d
  );
}

function expandYear(token: string, pivot: number): number {
  const n = Number(token);
  if (token.length !== 2) return n;
  return n <= pivot ? 2000 + n : 1900 + n;
}

const NUMERIC_DMY = /^(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})$/;
const ISO_LIKE = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[t\s]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$/;
const NAMED_DMY = /^(\d{1,2})[\s\-/.]*([a-z]+)\.?[\s\-/.,]*(\d{4}|\d{2})$/;
const NAMED_MDY = /^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/;

function parseCore(s: string, pivot: number): string | null {
  let m = ISO_LIKE.exec(s);
  if (m) return toIso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC_DMY.exec(s);
  if (m) return toIso(expandYear(m[4] ?? '', pivot), Number(m[3]), Number(m[1]));
  if (/^\d{8}$/.test(s)) {
    // YYYYMMDD when it reads as a plausible year, otherwise DDMMYYYY.
    const ymd = toIso(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
    if (ymd && Number(s.slice(0, 4)) >= 1880) return ymd;
    return toIso(Number(s.slice(4, 8)), Number(s.slice(2, 4)), Number(s.slice(0, 2)));
  }
  m = NAMED_DMY.exec(s);
  if (m) {
    const month = MONTHS.get(m[2] ?? '');
    return month ? toIso(expandYear(m[3] ?? '', pivot), month, Number(m[1])) : null;
  }
  m = NAMED_MDY.exec(s);
  if (m) {
    const month = MONTHS.get(m[1] ?? '');
    return month ? toIso(Number(m[3]), month, Number(m[2])) : null;
  }
  return null;
}

const PLAIN_ASCII = /^[\x20-\x7e]*$/;

const isDigit = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** commonFormDay's answer for a cell in neither usual form. */
export const NOT_COMMON_FORM = -1;

/**
 * The day written in one of the two forms that make up nearly every cell,
 * 'DD-MM-YYYY' (or with '/' or '.') and 'YYYY-MM-DD', as the number YYYYMMDD;
 * 0 when it is no real day, NOT_COMMON_FORM for any other text. A number, so
 * a cache can be keyed by it without hashing each row's fresh cell text.
 */
export function commonFormDay(s: string): number {
  if (s.length !== 10) return NOT_COMMON_FORM;
  if (isDigit(s, 0) && isDigit(s, 1) && isDigit(s, 3) && isDigit(s, 4) && isDigit(s, 6) && isDigit(s, 7) && isDigit(s, 8) && isDigit(s, 9)) {
    const sep = s[2];
    if ((sep === '-' || sep === '/' || sep === '.') && s[5] === sep) return validDay(digitsAt(s, 6, 4), digitsAt(s, 3, 2), digitsAt(s, 0, 2));
  }
  if (s[4] === '-' && s[7] === '-' && isDigit(s, 0) && isDigit(s, 1) && isDigit(s, 2) && isDigit(s, 3) && isDigit(s, 5) && isDigit(s, 6) && isDigit(s, 8) && isDigit(s, 9)) {
    return validDay(digitsAt(s, 0, 4), digitsAt(s, 5, 2), digitsAt(s, 8, 2));
  }
  return NOT_COMMON_FORM;
}

const validDay = (y: number, m: number, d: number): number => (isValidYmd(y, m, d) ? y * 10000 + m * 100 + d : 0);

/**
 * The two usual forms (see commonFormDay) without regular expressions;
 * undefined for anything else.
 */
function parseCommonForm(s: string): string | null | undefined {
  const day = commonFormDay(s);
  if (day === NOT_COMMON_FORM) return undefined;
  if (day === 0) return null;
  // Already ISO: the cell itself is the answer (no new string).
  if (s[4] === '-') return s;
  return toIso(Math.floor(day / 10000), Math.floor(day / 100) % 100, day % 100);
}

/**
 * Parses a date as written in a recipient list. Accepts DD-MM-YYYY (and / or .
 * as separator, one-digit day/month, two-digit year), YYYY-MM-DD (optionally
 * with a time), YYYYMMDD / DDMMYYYY, '12 Januari 1980', '12-Jan-80',
 * 'Jan 12, 1980', and the date part of 'Pekalongan, 12-01-1980' (tempat,
 * tanggal lahir in one cell). Impossible days (31-02-1980) give null.
 */
export function parseDate(raw: string, options: DateOptions = {}): string | null {
  if (typeof raw !== 'string') return null;
  const fast = parseCommonForm(raw);
  if (fast !== undefined) return fast;
  const pivot = options.twoDigitPivot ?? 30;
  const ascii = PLAIN_ASCII.test(raw) ? raw : raw.normalize('NFKC');
  const s = ascii
    .trim()
    .toLowerCase()
    .replace(/[\u2010-\u2015]/g, '-') // en/em dashes typed by word processors
    .replace(/\s+/g, ' ')
    // A time after the date (Excel's '12/01/1980 0:00'): dropped.
    .replace(/ \d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?: ?[ap]m)?$/, '');
  if (!s || s.length > 60) return null;
  const direct = parseCore(s, pivot);
  if (direct) return direct;
  // "Tempat, tanggal lahir" in one cell: the date follows the last comma.
  const comma = s.lastIndexOf(',');
  if (comma > 0 && /^[a-z .'-]+$/.test(s.slice(0, comma))) return parseCore(s.slice(comma + 1).trim(), pivot);
  return null;
}

/**
 * Excel's 1900 date system: serial 1 is 1900-01-01, and serial 60 is the
 * non-existent 1900-02-29 Excel keeps for Lotus compatibility (→ null).
 * The time of day (fraction) is ignored.
 */
export function parseExcelSerialDate(serial: number): string | null {
  if (!Number.isFinite(serial)) return null;
  const n = Math.floor(serial);
  if (n < 1 || n > 2958465 || n === 60) return null;
  const days = n < 60 ? n - 1 : n - 2; // days after 1900-01-01
  const ms = Date.UTC(1900, 0, 1) + days * 86_400_000;
  const d = new Date(ms);
  return toIso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** 'YYYY-MM-DD' → 'DD-MM-YYYY' (the form the UI shows); anything else is returned unchanged. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}

/** parseDate(raw, birthDateOptions(today)), without building the options for the two usual forms. */
export function parseBirthDate(raw: string, today: string): string | null {
  const fast = typeof raw === 'string' ? parseCommonForm(raw) : undefined;
  return fast !== undefined ? fast : parseDate(raw, birthDateOptions(today));
}

/** Options for a birth date: a two-digit year is never in the future ('27' → 1927 in 2026). */
export function birthDateOptions(todayIsoDate: string): DateOptions {
  return { twoDigitPivot: Number(todayIsoDate.slice(2, 4)) };
}

/** Today's date as ISO in UTC+7 (WIB), the default "today" for age checks. */
export function todayIso(now: Date = new Date()): string {
  const wib = new Date(now.getTime() + 7 * 3_600_000);
  return wib.toISOString().slice(0, 10);
}

/** Completed years between two ISO dates (negative when `birth` is after `on`). */
export function ageOn(birthIso: string, onIso: string): number {
  const age = yearOf(onIso) - yearOf(birthIso);
  // 'MM-DD' compares as a date within the year (by character: no slices for the usual ISO pair).
  return monthDayBefore(onIso, birthIso) ? age - 1 : age;
}

/** Number(iso.slice(0, 4)), by character when those are four digits. */
export function yearOf(iso: string): number {
  return allDigitsAt(iso, 0, 4) ? digitsAt(iso, 0, 4) : Number(iso.slice(0, 4));
}

/** Whether a.slice(5, 10) < b.slice(5, 10). */
function monthDayBefore(a: string, b: string): boolean {
  if (a.length < 10 || b.length < 10) return a.slice(5, 10) < b.slice(5, 10);
  for (let i = 5; i < 10; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x < y;
  }
  return false;
}
