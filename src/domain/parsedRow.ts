// The parts of a row that the field checks, the eligibility rules and the
// matcher's features read, parsed once per row: the NIK and No KK (the
// costliest parses, and nearly unique per row, so not worth a cache), the
// birth date as the checks, rules and features read it (from the engine's
// ParseCache when one is given) and its age, the sex and the income.
import { ageOn, parseBirthDate } from './dates';
import { parseRupiah } from './money';
import { parseNikWith, type IdColumnsVerdict, type IdColumnVerdict, type NikInfo } from './nik';
import { parseNoKk, type NoKkInfo } from './nokk';
import type { RecordRow } from './schema';
import { parseSex } from './sex';

export interface ParsedRow {
  /** tanggal_lahir as ISO, two-digit years never in the future (birthDateOptions); null when empty or unreadable. */
  birthIso: string | null;
  /**
   * Completed years of birthIso on `today` (ageOn): the field checks and the rules both read it.
   * 0 when birthIso is null (read it only with birthIso): always a small integer, never null,
   * so the field keeps one representation and parseRow's optimised code does not deopt.
   */
  birthAge: number;
  /** The NIK under the column's verdict, with birthIso deciding the century; null when the cell is blank. */
  nik: NikInfo | null;
  /** The No KK under the column's verdict; null when the cell is blank. */
  noKk: NoKkInfo | null;
  /** jenis_kelamin read as 'L'/'P'; null when blank or unrecognisable. */
  sex: 'L' | 'P' | null;
  /** penghasilan in rupiah (parseRupiah); null when blank or unreadable. */
  income: number | null;
}

/**
 * A cell with something besides whitespace. Cells almost always start with a
 * visible ASCII character, which settles it without trim (13 cells per row).
 */
export function filled(v: string | undefined): v is string {
  if (typeof v !== 'string' || v.length === 0) return false;
  const c = v.charCodeAt(0);
  return (c > 32 && c < 127) || v.trim() !== '';
}

// parseNoKk's two possible options, shared by every row.
const TRUST_TRAILING_ZERO = { trustTrailingZero: true } as const;
const NO_TRUST = { trustTrailingZero: false } as const;

/** Birth dates parsed once per distinct value (the engine's ParseCache): the same answers as parseBirthDate. */
export interface BirthDates {
  birthIso(raw: string, today: string): string | null;
}

/**
 * The verdict on the row's own NIK / No KK: its columns' verdict, except 'damaged' for
 * each identity cell the file reader knows lost digits to Excel (RecordRow.lostDigits;
 * a 16-digit number kept as a number in XLSX ends in 0 whatever the column holds).
 * The same object when the row has none (nearly every row): no allocation.
 */
export function rowVerdict(row: RecordRow, columns: IdColumnsVerdict): IdColumnsVerdict {
  const lost = row.lostDigits;
  if (lost === undefined || lost.length === 0) return columns;
  return { nik: cellVerdict(row, 'nik', columns.nik), no_kk: cellVerdict(row, 'no_kk', columns.no_kk) };
}

/** One cell's part of rowVerdict: 'damaged' when the row lost its digits, else its column's verdict. */
export function cellVerdict(row: RecordRow, role: 'nik' | 'no_kk', column: IdColumnVerdict): IdColumnVerdict {
  return row.lostDigits !== undefined && row.lostDigits.includes(role) ? 'damaged' : column;
}

/**
 * `today`: ISO date for the birth-date century; `idColumns`: the verdict on the
 * row's NIK / No KK (a trailing 0 is trusted only where 'trusted'; rowVerdict gives
 * it with the row's lost digits applied);
 * `dates`: a cache of birth dates shared across rows (parsed here when absent).
 */
export function parseRow(row: RecordRow, today: string, idColumns: IdColumnsVerdict, dates?: BirthDates): ParsedRow {
  const v = row.values;
  const birthRaw = v.tanggal_lahir;
  const birthIso = filled(birthRaw) ? (dates ? dates.birthIso(birthRaw, today) : parseBirthDate(birthRaw, today)) : null;
  const nik = filled(v.nik) ? parseNikWith(v.nik, today, birthIso, idColumns.nik === 'trusted') : null;
  const noKk = filled(v.no_kk) ? parseNoKk(v.no_kk, idColumns.no_kk === 'trusted' ? TRUST_TRAILING_ZERO : NO_TRUST) : null;
  const sex = filled(v.jenis_kelamin) ? parseSex(v.jenis_kelamin) : null;
  const income = filled(v.penghasilan) ? parseRupiah(v.penghasilan) : null;
  return { birthIso, birthAge: birthIso ? ageOn(birthIso, today) : 0, nik, noKk, sex, income };
}
