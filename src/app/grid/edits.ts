// The grid's edits of the sheet, each one user action = one Yjs transaction
// with the grid's origin, so it is one undo step and only this client's
// UndoManager tracks it. Everything goes through src/sheet.
import type * as Y from 'yjs';
import { getCell, insertRows, deleteRows, setCells, sheetParts, type CellEdit } from '../../sheet';
import type { CellRange } from './selection';

export interface EditTarget {
  doc: Y.Doc;
  origin: unknown;
  /** Row ids in displayed order. */
  order: readonly string[];
  /** Column ids in displayed order. */
  cols: readonly string[];
}

export interface PasteResult {
  /** Cells written or cleared. */
  cells: number;
  /** Rows added at the end of the sheet because the block ran past the last row. */
  addedRows: number;
  /** Columns of the block that fell beyond the last column (ignored). */
  droppedCols: number;
  /** The range that received the block. */
  range: CellRange;
}

/**
 * Pastes a block at (row, col). A single value pasted on a larger selection
 * fills the selection (as Excel does). Rows beyond the end are appended.
 */
export function pasteBlock(t: EditTarget, block: string[][], at: { row: number; col: number }, selection?: CellRange): PasteResult {
  let data = block;
  if (selection && block.length === 1 && block[0].length === 1) {
    const h = selection.bottom - selection.top + 1;
    const w = selection.right - selection.left + 1;
    data = Array.from({ length: h }, () => Array<string>(w).fill(block[0][0]));
    at = { row: selection.top, col: selection.left };
  }
  const width = data.reduce((w, r) => Math.max(w, r.length), 0);
  const usable = Math.max(0, Math.min(width, t.cols.length - at.col));
  const edits: CellEdit[] = [];
  const newRows: Array<Record<string, string>> = [];
  data.forEach((line, i) => {
    const rowIndex = at.row + i;
    const values: Record<string, string> = {};
    for (let j = 0; j < usable; j++) values[t.cols[at.col + j]] = (line[j] ?? '').replace(/\r\n?/g, '\n');
    if (rowIndex < t.order.length) for (const [col, value] of Object.entries(values)) edits.push({ row: t.order[rowIndex], col, value });
    else newRows.push(values);
  });
  t.doc.transact(() => {
    if (edits.length) setCells(t.doc, edits, t.origin);
    if (newRows.length) insertRows(t.doc, sheetParts(t.doc).order.length, newRows, t.origin);
  }, t.origin);
  return {
    cells: edits.length + newRows.length * usable,
    addedRows: newRows.length,
    droppedCols: width - usable,
    range: { top: at.row, left: at.col, bottom: at.row + data.length - 1, right: at.col + Math.max(0, usable - 1) },
  };
}

function rangeCells(t: EditTarget, r: CellRange, value: (row: string, col: string, i: number) => string): CellEdit[] {
  const edits: CellEdit[] = [];
  for (let i = r.top; i <= r.bottom && i < t.order.length; i++) {
    for (let j = r.left; j <= r.right && j < t.cols.length; j++) edits.push({ row: t.order[i], col: t.cols[j], value: value(t.order[i], t.cols[j], i) });
  }
  return edits;
}

export function clearRange(t: EditTarget, r: CellRange): number {
  const edits = rangeCells(t, r, () => '').filter((e) => getCell(t.doc, e.row, e.col).value !== '');
  if (edits.length) setCells(t.doc, edits, t.origin);
  return edits.length;
}

/** Ctrl+D: the range's top row copied down over the range; a single cell takes the value above it. */
export function fillDown(t: EditTarget, r: CellRange): number {
  const source = r.top === r.bottom ? r.top - 1 : r.top;
  if (source < 0 || source >= t.order.length) return 0;
  const top = r.top === r.bottom ? r.top : r.top + 1;
  const srcRow = t.order[source];
  const edits = rangeCells(t, { ...r, top }, (_row, col) => getCell(t.doc, srcRow, col).value);
  if (edits.length) setCells(t.doc, edits, t.origin);
  return edits.length;
}

/** Inserts `count` empty rows next to a displayed row, in the sheet's order (above or below it). */
export function insertRowsAt(t: EditTarget, displayRow: number, count: number, below: boolean): string[] {
  const { order } = sheetParts(t.doc);
  const anchorId = t.order[displayRow];
  let at = order.length;
  if (anchorId !== undefined) {
    const i = order.toArray().indexOf(anchorId);
    if (i >= 0) at = below ? i + 1 : i;
  }
  return insertRows(t.doc, at, Array.from({ length: Math.max(1, count) }, () => ({})), t.origin);
}

export function deleteDisplayedRows(t: EditTarget, top: number, bottom: number): number {
  const ids = t.order.slice(top, bottom + 1);
  if (ids.length) deleteRows(t.doc, ids, t.origin);
  return ids.length;
}

/** The range's values as rows of strings, for copying. */
export function rangeValues(t: EditTarget, r: CellRange): string[][] {
  const out: string[][] = [];
  for (let i = r.top; i <= r.bottom && i < t.order.length; i++) {
    const line: string[] = [];
    for (let j = r.left; j <= r.right && j < t.cols.length; j++) line.push(getCell(t.doc, t.order[i], t.cols[j]).value);
    out.push(line);
  }
  return out;
}
