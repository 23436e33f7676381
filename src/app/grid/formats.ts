// Display formats. What a person typed stays in the doc as typed (a string);
// these only change how it is shown and how a personal sort orders it.
// NIK and No KK are text: never parsed as numbers, so never rounded or shown
// in scientific notation.
import type { ColumnFormat } from '../../sheet';

const DMY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** ISO 'YYYY-MM-DD' of a typed date (DD-MM-YYYY or YYYY-MM-DD), or null. */
export function dateValue(raw: string): string | null {
  const s = raw.trim();
  let y: number;
  let m: number;
  let d: number;
  let g = DMY.exec(s);
  if (g) [d, m, y] = [Number(g[1]), Number(g[2]), Number(g[3])];
  else if ((g = YMD.exec(s))) [y, m, d] = [Number(g[1]), Number(g[2]), Number(g[3])];
  else return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The amount of a typed Rupiah value: '1250000', '1.250.000', 'Rp 1.250.000',
 * '1,250,000' or '1.250.000,50'. null when it is not an amount.
 */
export function rupiahValue(raw: string): number | null {
  let s = raw.trim().replace(/^rp\.?\s*/i, '').replace(/\s/g, '');
  if (!/^-?[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  // Indonesian: '.' groups thousands, ',' marks decimals. A lone ',' or '.'
  // followed by exactly 3 digits is a thousands separator too.
  const lastComma = s.lastIndexOf(',');
  if (lastComma >= 0 && s.length - lastComma - 1 !== 3) s = s.slice(0, lastComma).replace(/[.,]/g, '') + '.' + s.slice(lastComma + 1);
  else s = s.replace(/[.,]/g, '');
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

export function formatRupiahAmount(n: number): string {
  const neg = n < 0;
  const whole = Math.round(Math.abs(n));
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${neg ? '-' : ''}Rp${grouped}`;
}

/** What the cell shows. Unparseable values are shown as typed, so nothing is hidden. */
export function displayValue(raw: string, format: ColumnFormat | undefined): string {
  if (raw === '') return raw;
  switch (format) {
    case 'date': {
      const iso = dateValue(raw);
      return iso ? `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}` : raw;
    }
    case 'rupiah': {
      const n = rupiahValue(raw);
      return n === null ? raw : formatRupiahAmount(n);
    }
    default:
      return raw;
  }
}

/** Numbers are right-aligned like in any spreadsheet; NIK is text and stays left. */
export function isNumericFormat(format: ColumnFormat | undefined): boolean {
  return format === 'rupiah' || format === 'number';
}

export type SortKey = { n: number } | { s: string };

/** The value a personal sort compares: dates by day, Rupiah and numbers by amount, NIK and text as text. */
export function sortKey(raw: string, format: ColumnFormat | undefined): SortKey {
  switch (format) {
    case 'date': {
      const iso = dateValue(raw);
      return iso ? { s: iso } : { s: '\uffff' + raw };
    }
    case 'rupiah': {
      const n = rupiahValue(raw);
      return n === null ? { s: raw } : { n };
    }
    case 'number': {
      const n = Number(raw.replace(',', '.'));
      return raw.trim() !== '' && Number.isFinite(n) ? { n } : { s: raw };
    }
    default:
      return { s: raw };
  }
}
