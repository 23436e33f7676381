import { describe, expect, it } from 'vitest';
import { columnAt, columnOffsets, columnWindow, rowWindow, scrollToReveal } from '../../src/app/grid/virtual';
import { hitTest, metricsFor } from '../../src/app/grid/layout';
import { prng } from '../helpers/prng';

describe('virtualization window math', () => {
  it('renders only the visible rows plus overscan', () => {
    expect(rowWindow(0, 600, 30, 10_000, 5)).toEqual({ start: 0, end: 25 });
    expect(rowWindow(3000, 600, 30, 10_000, 5)).toEqual({ start: 95, end: 125 });
    expect(rowWindow(299_700, 600, 30, 10_000, 5)).toEqual({ start: 9985, end: 10_000 });
    expect(rowWindow(0, 600, 30, 0, 5)).toEqual({ start: 0, end: 0 });
  });

  it('covers every row that intersects the viewport, for random scroll positions', () => {
    const r = prng(7);
    for (let n = 0; n < 300; n++) {
      const count = 1 + r.int(20_000);
      const h = 20 + r.int(30);
      const vh = 100 + r.int(900);
      const top = r.int(count * h);
      const w = rowWindow(top, vh, h, count, 0);
      for (const y of [top, top + vh - 1]) {
        const row = Math.floor(y / h);
        if (row < count) expect(row >= w.start && row < w.end, `row ${row} in ${JSON.stringify(w)}`).toBe(true);
      }
      expect(w.end - w.start).toBeLessThanOrEqual(Math.ceil(vh / h) + 1);
    }
  });

  it('finds columns by offset and windows them', () => {
    const off = columnOffsets([100, 50, 200, 80]);
    expect(off).toEqual([0, 100, 150, 350, 430]);
    expect([0, 99, 100, 149, 150, 429, 1000].map((x) => columnAt(off, x))).toEqual([0, 0, 1, 1, 2, 3, 3]);
    expect(columnWindow(off, 120, 100, 0)).toEqual({ start: 1, end: 3 });
    expect(columnWindow(off, 0, 5000, 1)).toEqual({ start: 0, end: 4 });
    expect(columnWindow(off, 360, 50, 1)).toEqual({ start: 2, end: 4 });
  });

  it('scrolls as little as needed to reveal a cell', () => {
    expect(scrollToReveal(300, 330, 0, 600)).toBe(0);
    expect(scrollToReveal(900, 930, 0, 600)).toBe(330);
    expect(scrollToReveal(60, 90, 500, 600)).toBe(60);
  });

  it('hit-tests the sticky header and row numbers', () => {
    const m = metricsFor(false);
    const off = columnOffsets([100, 100, 100]);
    const at = (x: number, y: number, top = 0, left = 0) =>
      hitTest(x, y, { top, left }, { width: 500, height: 400 }, m, (cx) => columnAt(off, cx), 300, 1000);
    expect(at(10, 10)).toEqual({ kind: 'corner' });
    expect(at(m.rowHeaderWidth + 150, 10)).toEqual({ kind: 'columnHeader', col: 1 });
    expect(at(10, m.headerHeight + 5, 300)).toEqual({ kind: 'rowHeader', row: 10 });
    expect(at(m.rowHeaderWidth + 5, m.headerHeight + m.rowHeight + 1, 0, 100)).toEqual({ kind: 'cell', row: 1, col: 1 });
    expect(at(m.rowHeaderWidth + 320, m.headerHeight + 1)).toEqual({ kind: 'outside' });
  });
});
