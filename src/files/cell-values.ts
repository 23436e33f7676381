// From a file cell to the string a sheet stores. Identity numbers never pass
// through a JS number (that would round a 16-digit NIK); dates stored by the
// file as serial numbers become DD-MM-YYYY, the form officers type.
import { formatDate, parseExcelSerialDate } from '../domain/dates';
import type { ColumnRole } from '../domain/schema';
import type { Cell } from './table';

/** Days between the 1900 and 1904 date systems. */
const DAYS_1904 = 1462;

export type CellIssue =
  /** A NIK/No KK the file stored as a number with at most 15 significant digits: digits may have been lost. */
  | 'excel-precision'
  /** An Excel error value (#N/A, #REF!, …) instead of data. */
  | 'excel-error';

export interface CellValue {
  text: string;
  issue?: CellIssue;
}

const IDENTITY_ROLES: ReadonlySet<ColumnRole> = new Set<ColumnRole>(['nik', 'no_kk']);

export function isIdentityRole(role: ColumnRole | null | undefined): boolean {
  return !!role && IDENTITY_ROLES.has(role);
}

/**
 * A number's raw text as a plain integer digit string, by string arithmetic
 * ("3.37501530189105E+15" → "3375015301891050"); null when it is not a
 * non-negative integer.
 */
export function integerDigits(raw: string): string | null {
  const m = /^\+?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(raw.trim());
  if (!m || (!m[1] && !m[2])) return null;
  const intPart = m[1] ?? '';
  const frac = m[2] ?? '';
  const exp = m[3] ? Number(m[3]) : 0;
  if (exp < 0 || exp > 40) return null;
  const all = intPart + frac;
  const pointAt = intPart.length + exp;
  const whole = all.length >= pointAt ? all.slice(0, pointAt) : all.padEnd(pointAt, '0');
  if (/[1-9]/.test(all.slice(pointAt))) return null; // a real fraction
  const trimmed = whole.replace(/^0+(?=\d)/, '');
  return trimmed === '' ? '0' : trimmed;
}

/** Significant digits a number's raw text carries ("3375015301891050" → 15; "3.37501530189105E+15" → 15). */
export function significantDigits(raw: string): number {
  const mantissa = raw.trim().replace(/^[+-]/, '').split(/[eE]/)[0] ?? '';
  const digits = mantissa.replace('.', '').replace(/^0+/, '');
  return digits.replace(/0+$/, '').length;
}

/** What Excel shows for a plain number (at most 15 significant digits, no float noise like 0.30000000000000004). */
function displayNumber(raw: string): string {
  const n = Number(raw);
  if (!Number.isFinite(n)) return raw;
  const asInteger = integerDigits(raw);
  if (asInteger !== null && asInteger.length > 15) return asInteger;
  const shown = Number(n.toPrecision(15));
  return Math.abs(shown) >= 1e21 || (shown !== 0 && Math.abs(shown) < 1e-6) ? raw : String(shown);
}

function serialToDate(raw: string, date1904: boolean): string | null {
  const n = Number(raw);
  if (!Number.isFinite(n)) return null;
  const iso = parseExcelSerialDate(date1904 ? n + DAYS_1904 : n);
  return iso ? formatDate(iso) : null;
}

/** The value a sheet stores for this cell when it lands in a column playing `role`. */
export function cellToText(cell: Cell | null | undefined, role: ColumnRole | null, date1904: boolean): CellValue {
  if (!cell) return { text: '' };
  switch (cell.type) {
    case 'string':
    case 'boolean':
      return { text: cell.raw };
    case 'error':
      return { text: cell.raw, issue: 'excel-error' };
    case 'date': {
      if (/^\d{4}-\d{2}-\d{2}/.test(cell.raw)) return { text: formatDate(cell.raw.slice(0, 10)) };
      return { text: serialToDate(cell.raw, date1904) ?? cell.raw };
    }
    case 'number': {
      if (isIdentityRole(role)) {
        const digits = integerDigits(cell.raw);
        if (digits === null) return { text: cell.raw };
        // Excel keeps 15 significant digits: a 16+-digit number carrying no more than 15 may have lost its tail.
        const lost = digits.length >= 16 && significantDigits(cell.raw) <= 15;
        return lost ? { text: digits, issue: 'excel-precision' } : { text: digits };
      }
      if (role === 'tanggal_lahir') {
        const date = serialToDate(cell.raw, date1904);
        if (date && Number(cell.raw) > 1000) return { text: date };
      }
      return { text: displayNumber(cell.raw) };
    }
  }
}

/** CSV: a value Excel wrote in scientific notation ("3.37502E+15") has lost digits for sure. */
export function textLostPrecision(text: string): boolean {
  const t = text.trim();
  if (!/^\d(?:[.,]\d+)?[eE]\+?\d{1,2}$/.test(t)) return false;
  const digits = integerDigits(t.replace(',', '.'));
  return digits === null || digits.length >= 12;
}

/** Undo the neutralisation our CSV export applies (a leading apostrophe before = + - @ tab CR), so round trips are exact. */
export function unneutralise(text: string): string {
  return text.length > 1 && text.charCodeAt(0) === 39 && /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}
