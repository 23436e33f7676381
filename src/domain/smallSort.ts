// Sorting the tiny lists of the per-row work (peers, places, group members) in place.
// Array.prototype.sort allocates a work buffer on every call, which over 100k rows is
// most of their garbage; an insertion sort allocates nothing and is as fast below ~16.

/** The longest list sorted by insertion; longer ones go to the native sort. */
export const SMALL_SORT_MAX = 16;

/** Stable in-place sort by `compare` (a total order); the native sort for long lists. */
export function sortSmall<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  if (list.length > SMALL_SORT_MAX) return list.sort(compare);
  for (let i = 1; i < list.length; i++) {
    const x = list[i] as T;
    let j = i - 1;
    while (j >= 0 && compare(list[j] as T, x) > 0) {
      list[j + 1] = list[j] as T;
      j--;
    }
    list[j + 1] = x;
  }
  return list;
}

/** Strings by UTF-16 code units, as `sort()` without a comparator orders them. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
