// The selection model: an anchor and a focus cell (indices in the displayed
// order), and the moves a spreadsheet makes with the keyboard. Pure.

export interface Pos {
  row: number;
  col: number;
}

export interface Selection {
  /** Where a range started (Shift+move keeps it). */
  anchor: Pos;
  /** The active cell. */
  focus: Pos;
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number; // inclusive
  right: number; // inclusive
}

export interface Dims {
  rows: number;
  cols: number;
}

export const single = (p: Pos): Selection => ({ anchor: p, focus: p });

export function rangeOf(sel: Selection): CellRange {
  return {
    top: Math.min(sel.anchor.row, sel.focus.row),
    bottom: Math.max(sel.anchor.row, sel.focus.row),
    left: Math.min(sel.anchor.col, sel.focus.col),
    right: Math.max(sel.anchor.col, sel.focus.col),
  };
}

export function inRange(r: CellRange, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

export function isSingle(sel: Selection): boolean {
  return sel.anchor.row === sel.focus.row && sel.anchor.col === sel.focus.col;
}

export function clampPos(p: Pos, d: Dims): Pos {
  return { row: Math.max(0, Math.min(d.rows - 1, p.row)), col: Math.max(0, Math.min(d.cols - 1, p.col)) };
}

/** Moves the focus to `to`; with extend the anchor stays (a range), without it collapses. */
export function moveTo(sel: Selection, to: Pos, extend: boolean, d: Dims): Selection {
  const focus = clampPos(to, d);
  return extend ? { anchor: sel.anchor, focus } : single(focus);
}

export function moveBy(sel: Selection, dr: number, dc: number, extend: boolean, d: Dims): Selection {
  return moveTo(sel, { row: sel.focus.row + dr, col: sel.focus.col + dc }, extend, d);
}

/**
 * Ctrl+arrow: from a filled cell whose neighbour is filled, to the last filled
 * cell of that run; otherwise to the next filled cell; with none, to the edge.
 */
export function edgeTarget(from: Pos, dr: number, dc: number, d: Dims, filled: (row: number, col: number) => boolean): Pos {
  const inside = (p: Pos) => p.row >= 0 && p.row < d.rows && p.col >= 0 && p.col < d.cols;
  const step = (p: Pos): Pos => ({ row: p.row + dr, col: p.col + dc });
  let p = step(from);
  if (!inside(p)) return from;
  if (filled(from.row, from.col) && filled(p.row, p.col)) {
    for (;;) {
      const q = step(p);
      if (!inside(q) || !filled(q.row, q.col)) return p;
      p = q;
    }
  }
  for (;;) {
    if (filled(p.row, p.col)) return p;
    const q = step(p);
    if (!inside(q)) return p;
    p = q;
  }
}

/**
 * Tab / Enter: move one cell right / down (Shift: back). Tab wraps to the next
 * row at the last column, like Sheets; Enter stops at the last row.
 */
export function advance(sel: Selection, key: 'tab' | 'enter', back: boolean, d: Dims): Selection {
  const { row, col } = sel.focus;
  if (key === 'enter') return single(clampPos({ row: row + (back ? -1 : 1), col }, d));
  if (!back) {
    if (col + 1 < d.cols) return single({ row, col: col + 1 });
    return single(row + 1 < d.rows ? { row: row + 1, col: 0 } : { row, col });
  }
  if (col > 0) return single({ row, col: col - 1 });
  return single(row > 0 ? { row: row - 1, col: d.cols - 1 } : { row, col });
}

/** Column letters as spreadsheets name them: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Keeps the selection on the same rows when the displayed order changes
 * (a remote insert above, a new sort): ids before → indices after.
 */
export function remapSelection(sel: Selection, before: readonly string[], indexAfter: (id: string) => number | undefined, d: Dims): Selection {
  const map = (p: Pos): Pos => {
    const id = before[p.row];
    const at = id === undefined ? undefined : indexAfter(id);
    return clampPos({ row: at ?? p.row, col: p.col }, d);
  };
  return { anchor: map(sel.anchor), focus: map(sel.focus) };
}
