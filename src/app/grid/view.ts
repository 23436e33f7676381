// A personal view: sort, column filters, search and a row predicate (supplied
// by the app for "only problems / duplicates / not eligible / conflicts").
// It produces a row-id order for display only; the shared sheet's order is
// never touched. Pure: values come through a callback.
import type { ColumnFormat } from '../../sheet';
import { sortKey, displayValue, type SortKey } from './formats';

export interface SortSpec {
  col: string;
  dir: 'asc' | 'desc';
}

export interface GridView {
  sort?: SortSpec;
  /** Column id → text the cell must contain (case-insensitive, typed or displayed form). */
  filters?: Record<string, string>;
  /** Rows with any cell containing this text. */
  search?: string;
  /** Extra predicate, e.g. "only rows with problems". */
  rowFilter?: (rowId: string) => boolean;
}

export function isViewActive(v: GridView | undefined): boolean {
  if (!v) return false;
  return !!(v.sort || v.rowFilter || (v.search && v.search.trim()) || (v.filters && Object.values(v.filters).some((f) => f.trim())));
}

export interface ViewSource {
  columns: ReadonlyArray<{ id: string; format?: ColumnFormat }>;
  /** The row's values by column id (as typed). */
  values: (rowId: string) => Record<string, string>;
  locale: string;
}

const fold = (s: string) => s.toLocaleLowerCase('id');

function contains(raw: string, format: ColumnFormat | undefined, needle: string): boolean {
  if (!raw) return false;
  if (fold(raw).includes(needle)) return true;
  const shown = displayValue(raw, format);
  return shown !== raw && fold(shown).includes(needle);
}

/** The displayed order of `ids` (the sheet's order) under a view. */
export function computeViewOrder(ids: readonly string[], view: GridView | undefined, src: ViewSource): string[] {
  if (!view || !isViewActive(view)) return ids.slice();
  const fmt = new Map(src.columns.map((c) => [c.id, c.format]));
  const filters = Object.entries(view.filters ?? {})
    .map(([col, text]) => [col, fold(text.trim())] as const)
    .filter(([, t]) => t);
  const search = fold((view.search ?? '').trim());
  const needValues = filters.length > 0 || !!search || !!view.sort;
  let kept: Array<{ id: string; i: number; values: Record<string, string> }> = [];
  ids.forEach((id, i) => {
    if (view.rowFilter && !view.rowFilter(id)) return;
    const values = needValues ? src.values(id) : {};
    for (const [col, t] of filters) if (!contains(values[col] ?? '', fmt.get(col), t)) return;
    if (search && !Object.entries(values).some(([col, v]) => fmt.has(col) && contains(v, fmt.get(col), search))) return;
    kept.push({ id, i, values });
  });
  if (view.sort) {
    const { col, dir } = view.sort;
    const format = fmt.get(col);
    const collator = new Intl.Collator(src.locale, { sensitivity: 'base', numeric: format !== 'nik' });
    const keyed = kept.map((k) => ({ ...k, raw: k.values[col] ?? '', key: sortKey(k.values[col] ?? '', format) }));
    const sign = dir === 'asc' ? 1 : -1;
    const cmpKey = (a: SortKey, b: SortKey): number => {
      if ('n' in a && 'n' in b) return a.n - b.n;
      if ('n' in a) return -1; // amounts before unparseable text
      if ('n' in b) return 1;
      return format === 'nik' || format === 'date' ? (a.s < b.s ? -1 : a.s > b.s ? 1 : 0) : collator.compare(a.s, b.s);
    };
    keyed.sort((a, b) => {
      // Empty cells last in both directions; ties keep the sheet's order.
      const ea = a.raw.trim() === '';
      const eb = b.raw.trim() === '';
      if (ea !== eb) return ea ? 1 : -1;
      return (ea ? 0 : sign * cmpKey(a.key, b.key)) || a.i - b.i;
    });
    kept = keyed;
  }
  return kept.map((k) => k.id);
}
