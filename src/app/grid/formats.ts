// Display formats. What a person typed stays in the doc as typed (a string);
// these only change how it is shown and how a personal sort orders it.
// NIK and No KK are text: never parsed as numbers, so never rounded or shown
// in scientific notation.
import type { ColumnFormat } from '../../sheet';
import { formatDate, parseDate } from '../../domain/dates';
import { formatRupiah, parseRupiah } from '../../domain/money';

/** ISO 'YYYY-MM-DD' of a typed date (DD-MM-YYYY, YYYY-MM-DD, '12 Januari 1980', …), or null. */
export const dateValue = (raw: string): string | null => parseDate(raw);

/** The amount of a typed Rupiah value ('1250000', 'Rp 1.250.000', '1,5 jt', …), or null. */
export const rupiahValue = (raw: string): number | null => parseRupiah(raw);

/** What the cell shows. Unparseable values are shown as typed, so nothing is hidden. */
export function displayValue(raw: string, format: ColumnFormat | undefined): string {
  if (raw === '') return raw;
  switch (format) {
    case 'date': {
      const iso = dateValue(raw);
      return iso ? formatDate(iso) : raw;
    }
    case 'rupiah': {
      const n = rupiahValue(raw);
      return n === null ? raw : formatRupiah(n);
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
