// Window math for virtualization: which rows and columns intersect the
// viewport (plus overscan), from the scroll offsets. Pure, so it is tested
// without a browser.

/** Half-open index range [start, end). */
export interface Span {
  start: number;
  end: number;
}

export function rowWindow(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan: number): Span {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight);
  return { start: Math.max(0, Math.min(count, first - overscan)), end: Math.max(0, Math.min(count, last + overscan)) };
}

/** Prefix sums: offsets[i] is the left edge of column i, offsets[n] the total width. */
export function columnOffsets(widths: readonly number[]): number[] {
  const out = new Array<number>(widths.length + 1);
  out[0] = 0;
  for (let i = 0; i < widths.length; i++) out[i + 1] = out[i] + widths[i];
  return out;
}

/** Index of the column containing x (clamped to the existing columns). */
export function columnAt(offsets: readonly number[], x: number): number {
  const n = offsets.length - 1;
  if (n <= 0) return 0;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function columnWindow(offsets: readonly number[], scrollLeft: number, viewportWidth: number, overscan: number): Span {
  const n = offsets.length - 1;
  if (n <= 0) return { start: 0, end: 0 };
  const first = columnAt(offsets, Math.max(0, scrollLeft));
  const lastVisible = columnAt(offsets, Math.max(0, scrollLeft + viewportWidth - 1));
  return { start: Math.max(0, first - overscan), end: Math.min(n, lastVisible + 1 + overscan) };
}

/**
 * The scroll offset that brings [start, end) into a viewport of `size` at
 * `current`, scrolling as little as possible; `current` when already visible.
 */
export function scrollToReveal(start: number, end: number, current: number, size: number): number {
  if (start < current) return start;
  if (end > current + size) return Math.max(0, Math.min(start, end - size));
  return current;
}
