// No KK (Nomor Kartu Keluarga): 16 digits. 1–6 the region where the KK was
// issued, 7–12 DDMMYY of issue, 13–16 serial. Not stable (a new KK on moving,
// death of the head, divorce, splitting): a strong hint, never an identity.
// Excel damages it exactly as it damages a NIK.
import { regionOf } from './area/index';
import { isValidYmd, toIso } from './dates';
import { digitsAt } from './digits';
import { isPlaceholderNumber, NO_PROBLEMS, noneIn, serialOf, sixteenDigitsOf, withProblem } from './nik';

export type NoKkProblem =
  | 'empty'
  | 'excel-scientific'
  | 'excel-precision'
  | 'non-digit'
  | 'length'
  | 'placeholder'
  | 'province-unknown'
  | 'regency-unknown'
  | 'district-unknown'
  | 'issue-date-impossible'
  | 'serial-zero';

export interface NoKkInfo {
  raw: string;
  digits: string | null;
  problems: readonly NoKkProblem[];
  province?: string;
  regency?: string;
  district?: string;
  excelDigits?: string;
}

const UNUSABLE: ReadonlySet<NoKkProblem> = new Set<NoKkProblem>([
  'empty', 'excel-scientific', 'excel-precision', 'non-digit', 'length', 'placeholder', 'serial-zero',
]);

/** `trustTrailingZero`: as for parseNik, when the column's idColumnVerdict is 'trusted'. */
export function parseNoKk(raw: string, options: { trustTrailingZero?: boolean } = {}): NoKkInfo {
  const rawText = typeof raw === 'string' ? raw : '';
  const d = sixteenDigitsOf(rawText);
  if (typeof d !== 'string') return new ParsedNoKk(rawText, null, d.problems, undefined, undefined, undefined, d.excelDigits);
  let problems: readonly NoKkProblem[] = NO_PROBLEMS;
  if (d.endsWith('0') && !options.trustTrailingZero) problems = withProblem(problems, 'excel-precision');
  if (isPlaceholderNumber(d)) problems = withProblem(problems, 'placeholder');
  const region = regionOf(d);
  if (region.problem) problems = withProblem(problems, region.problem);
  // Older (pre-SIAK) KK numbers do not always hold a date, so an impossible one is only noted.
  if (!isValidYmd(issueYear(d), digitsAt(d, 8, 2), digitsAt(d, 6, 2))) problems = withProblem(problems, 'issue-date-impossible');
  // Serial 0000 ends in 0: normally reported as 'excel-precision' (see parseNik).
  if (options.trustTrailingZero && d.endsWith('0000')) problems = withProblem(problems, 'serial-zero');
  return new ParsedNoKk(rawText, d, problems, region.province, region.regency, region.district, undefined);
}

/** Digits 7–12 are DDMMYY of issue, in the 2000s (see noKkIssueDate). */
const issueYear = (digits: string): number => 2000 + digitsAt(digits, 10, 2);

/**
 * Every NoKkInfo is built here, all fields in one order (undefined where absent): one
 * hidden class (see parseNik). Data only, so it survives a structured clone or JSON
 * whole; the issue date and serial are read by noKkIssueDate and noKkSerial (no check
 * needs them, and building both for every row left two strings of garbage per row).
 */
class ParsedNoKk implements NoKkInfo {
  constructor(
    readonly raw: string,
    readonly digits: string | null,
    readonly problems: readonly NoKkProblem[],
    readonly province: string | undefined,
    readonly regency: string | undefined,
    readonly district: string | undefined,
    readonly excelDigits: string | undefined,
  ) {}
}

/** ISO date of issue (20YY: electronic KKs exist since the 2000s) when digits 7–12 read as a date. */
export function noKkIssueDate(info: NoKkInfo): string | undefined {
  const d = info.digits;
  return d === null ? undefined : (toIso(issueYear(d), digitsAt(d, 8, 2), digitsAt(d, 6, 2)) ?? undefined);
}

/** The No KK's serial, digits 13–16. */
export function noKkSerial(info: NoKkInfo): string | undefined {
  return serialOf(info.digits);
}

/** False for an Excel-damaged, malformed or dummy No KK: never a household match. */
export function isUsableNoKk(info: NoKkInfo): boolean {
  return info.digits !== null && noneIn(info.problems, UNUSABLE);
}
