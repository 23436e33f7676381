// Sizes and hit testing. Rows have one fixed height (virtualization needs it);
// a coarse pointer (tablet) gets taller rows and header for touch.

export interface Metrics {
  rowHeight: number;
  headerHeight: number;
  rowHeaderWidth: number;
  defaultColumnWidth: number;
  minColumnWidth: number;
  overscanRows: number;
  overscanCols: number;
}

export function metricsFor(coarsePointer: boolean): Metrics {
  return {
    rowHeight: coarsePointer ? 40 : 30,
    headerHeight: coarsePointer ? 44 : 34,
    rowHeaderWidth: 64,
    defaultColumnWidth: 120,
    minColumnWidth: 40,
    overscanRows: 4,
    overscanCols: 2,
  };
}

export type Hit =
  | { kind: 'cell'; row: number; col: number }
  | { kind: 'rowHeader'; row: number }
  | { kind: 'columnHeader'; col: number }
  | { kind: 'corner' }
  | { kind: 'outside' };

/**
 * What is under a point given in the scroller's viewport coordinates (sticky
 * header on top, sticky row numbers on the left).
 */
export function hitTest(
  x: number,
  y: number,
  scroll: { top: number; left: number },
  viewport: { width: number; height: number },
  m: Metrics,
  columnAt: (contentX: number) => number,
  totalWidth: number,
  rows: number,
): Hit {
  if (x < 0 || y < 0 || x >= viewport.width || y >= viewport.height) return { kind: 'outside' };
  const inHeader = y < m.headerHeight;
  const inRowHeader = x < m.rowHeaderWidth;
  if (inHeader && inRowHeader) return { kind: 'corner' };
  const contentX = x - m.rowHeaderWidth + scroll.left;
  if (!inRowHeader && contentX >= totalWidth) return { kind: 'outside' };
  const col = columnAt(contentX);
  if (inHeader) return { kind: 'columnHeader', col };
  const row = Math.floor((y - m.headerHeight + scroll.top) / m.rowHeight);
  if (row >= rows) return { kind: 'outside' };
  return inRowHeader ? { kind: 'rowHeader', row } : { kind: 'cell', row, col };
}
