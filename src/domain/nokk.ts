// No KK (Nomor Kartu Keluarga): 16 digits. 1–6 the region where the KK was
// issued, 7–12 DDMMYY of issue, 13–16 serial. Not stable (a new KK on moving,
// death of the head, divorce, splitting): a strong hint, never an identity.
// Excel damages it exactly as it damages a NIK.
import { regionOf } from './area/index';
import { toIso } from './dates';
import { digitsAt } from './digits';
import { isPlaceholderNumber, NO_PROBLEMS, sixteenDigitsOf, withProblem } from './nik';

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
  /** ISO date of issue (20YY: electronic KKs exist since the 2000s) when digits 7–12 read as a date. */
  issueDate?: string;
  serial?: string;
  excelDigits?: string;
}

const UNUSABLE: ReadonlySet<NoKkProblem> = new Set<NoKkProblem>([
  'empty', 'excel-scientific', 'excel-precision', 'non-digit', 'length', 'placeholder', 'serial-zero',
]);

/** `trustTrailingZero`: as for parseNik, when the column's idColumnVerdict is 'trusted'. */
export function parseNoKk(raw: string, options: { trustTrailingZero?: boolean } = {}): NoKkInfo {
  const rawText = typeof raw === 'string' ? raw : '';
  const d = sixteenDigitsOf(rawText);
  if (typeof d !== 'string') return noKkInfo(rawText, null, d.problems, undefined, undefined, undefined, null, undefined, d.excelDigits);
  let problems: readonly NoKkProblem[] = NO_PROBLEMS;
  if (d.endsWith('0') && !options.trustTrailingZero) problems = withProblem(problems, 'excel-precision');
  if (isPlaceholderNumber(d)) problems = withProblem(problems, 'placeholder');
  const region = regionOf(d);
  if (region.problem) problems = withProblem(problems, region.problem);
  // Older (pre-SIAK) KK numbers do not always hold a date, so an impossible one is only noted.
  const issue = toIso(2000 + digitsAt(d, 10, 2), digitsAt(d, 8, 2), digitsAt(d, 6, 2));
  if (!issue) problems = withProblem(problems, 'issue-date-impossible');
  const serial = d.slice(12);
  // Serial 0000 ends in 0: normally reported as 'excel-precision' (see parseNik).
  if (serial === '0000' && options.trustTrailingZero) problems = withProblem(problems, 'serial-zero');
  return noKkInfo(rawText, d, problems, region.province, region.regency, region.district, issue, serial, undefined);
}

/** Every NoKkInfo is built here, all fields in one order (undefined where absent): one hidden class (see parseNik). */
function noKkInfo(
  raw: string,
  digits: string | null,
  problems: readonly NoKkProblem[],
  province: string | undefined,
  regency: string | undefined,
  district: string | undefined,
  issue: string | null,
  serial: string | undefined,
  excelDigits: string | undefined,
): NoKkInfo {
  return {
    raw,
    digits,
    problems,
    province,
    regency,
    district,
    issueDate: issue ?? undefined,
    serial,
    excelDigits,
  };
}

/** False for an Excel-damaged, malformed or dummy No KK: never a household match. */
export function isUsableNoKk(info: NoKkInfo): boolean {
  if (info.digits === null) return false;
  // A loop, not some() with a callback: this runs for every row's number.
  for (const p of info.problems) if (UNUSABLE.has(p)) return false;
  return true;
}
