// No KK (Nomor Kartu Keluarga): 16 digits. 1–6 the region where the KK was
// issued, 7–12 DDMMYY of issue, 13–16 serial. Not stable (a new KK on moving,
// death of the head, divorce, splitting): a strong hint, never an identity.
// Excel damages it exactly as it damages a NIK.
import { regionOf } from './area/index';
import { toIso } from './dates';
import { digitsAt } from './digits';
import { cleanIdNumber, isPlaceholderNumber } from './nik';

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
  problems: NoKkProblem[];
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
  const info: NoKkInfo = { raw: rawText, digits: null, problems: [] };
  const shape = cleanIdNumber(rawText);
  if (shape.kind === 'empty') {
    info.problems.push('empty');
    return info;
  }
  if (shape.kind === 'scientific') {
    info.problems.push('excel-scientific');
    if (shape.digits) info.excelDigits = shape.digits;
    return info;
  }
  if (shape.kind === 'other') {
    info.problems.push('non-digit');
    return info;
  }
  const d = shape.digits;
  if (d.length !== 16) {
    info.problems.push('length');
    return info;
  }
  info.digits = d;
  if (d.endsWith('0') && !options.trustTrailingZero) info.problems.push('excel-precision');
  if (isPlaceholderNumber(d)) info.problems.push('placeholder');
  const region = regionOf(d);
  if (region.problem) info.problems.push(region.problem);
  if (region.province) info.province = region.province;
  if (region.regency) info.regency = region.regency;
  if (region.district) info.district = region.district;
  // Older (pre-SIAK) KK numbers do not always hold a date, so an impossible one is only noted.
  const issue = toIso(2000 + digitsAt(d, 10, 2), digitsAt(d, 8, 2), digitsAt(d, 6, 2));
  if (issue) info.issueDate = issue;
  else info.problems.push('issue-date-impossible');
  info.serial = d.slice(12);
  // Serial 0000 ends in 0: normally reported as 'excel-precision' (see parseNik).
  if (info.serial === '0000' && options.trustTrailingZero) info.problems.push('serial-zero');
  return info;
}

/** False for an Excel-damaged, malformed or dummy No KK: never a household match. */
export function isUsableNoKk(info: NoKkInfo): boolean {
  return info.digits !== null && !info.problems.some((p) => UNUSABLE.has(p));
}
