// One cell = a multi-value register on top of the row's Y.Map.
//
// Each writer (one Yjs client) writes the cell under its own key
// `${colId}@${writer}` and, in the same transaction, deletes the entries of the
// other writers that it has seen. Two writers who did not see each other's
// value therefore both leave an entry: that is a same-cell conflict, visible to
// every replica after merging, with no observer needed and nothing lost
// (a plain Y.Map key would keep one value and silently drop the other).
// Choosing a value writes it and deletes every entry the chooser has seen.
import type * as Y from 'yjs';
import { sheetParts, writerId, writerInfo, type CellTuple, type ConflictDecision, type RowMap } from './doc';

export interface CellCandidate {
  value: string;
  writer: string;
  /** The user id recorded for that writer, if known. */
  user?: string;
  /** Wall-clock time of the write (ms), as the writer's device saw it. */
  time: number;
}

export interface CellState {
  /** What the grid shows: the only value, or in a conflict the most recent one. */
  value: string;
  /** Two or more values written concurrently; undefined when there is no conflict. */
  conflict?: CellCandidate[];
}

export interface CellEdit {
  row: string;
  col: string;
  value: string;
}

const EMPTY: CellState = { value: '' };

export function cellKey(col: string, writer: string): string {
  return `${col}@${writer}`;
}

/** Splits a row-map key into column and writer; null for row-level keys such as `_del`. */
export function parseCellKey(key: string): { col: string; writer: string } | null {
  const at = key.lastIndexOf('@');
  if (at <= 0) return null;
  return { col: key.slice(0, at), writer: key.slice(at + 1) };
}

/** A cell entry as written: [value, time] (anything else in a row map is not a cell value). */
export function isTuple(v: unknown): v is CellTuple {
  return Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'number';
}

/** Newest first; ties broken by writer id so every replica shows the same value. */
function byRecency(a: CellCandidate, b: CellCandidate): number {
  return b.time - a.time || (a.writer < b.writer ? -1 : a.writer > b.writer ? 1 : 0);
}

function candidatesIn(doc: Y.Doc, row: RowMap, col: string): CellCandidate[] {
  const prefix = `${col}@`;
  const out: CellCandidate[] = [];
  for (const [key, v] of row.entries()) {
    if (!key.startsWith(prefix) || !isTuple(v)) continue;
    const writer = key.slice(prefix.length);
    if (writer.includes('@')) continue; // belongs to a column whose id ends with this prefix
    const user = writerInfo(doc, writer)?.user;
    out.push({ value: v[0], writer, time: v[1], ...(user ? { user } : {}) });
  }
  return out.sort(byRecency);
}

function stateOf(candidates: CellCandidate[]): CellState {
  if (candidates.length === 0) return EMPTY;
  if (candidates.length === 1) return { value: candidates[0].value };
  return { value: candidates[0].value, conflict: candidates };
}

export function getCell(doc: Y.Doc, rowId: string, col: string): CellState {
  const row = sheetParts(doc).rows.get(rowId);
  return row ? stateOf(candidatesIn(doc, row, col)) : EMPTY;
}

/** All cells of a row: column id → state. One pass over the row's entries. */
export function getRowCells(doc: Y.Doc, rowId: string): Map<string, CellState> {
  const row = sheetParts(doc).rows.get(rowId);
  const grouped = new Map<string, CellCandidate[]>();
  if (!row) return new Map();
  for (const [key, v] of row.entries()) {
    const parsed = parseCellKey(key);
    if (!parsed || !isTuple(v)) continue;
    const list = grouped.get(parsed.col) ?? [];
    const user = writerInfo(doc, parsed.writer)?.user;
    list.push({ value: v[0], writer: parsed.writer, time: v[1], ...(user ? { user } : {}) });
    grouped.set(parsed.col, list);
  }
  const out = new Map<string, CellState>();
  for (const [col, list] of grouped) out.set(col, stateOf(list.sort(byRecency)));
  return out;
}

/** Column id → displayed value, for the engine and exports. */
export function getRowValues(doc: Y.Doc, rowId: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [col, state] of getRowCells(doc, rowId)) out[col] = state.value;
  return out;
}

/** Writes one cell inside the caller's transaction (no transaction of its own). */
export function writeCell(doc: Y.Doc, row: RowMap, col: string, value: string, time: number): boolean {
  const me = writerId(doc);
  const seen = candidatesIn(doc, row, col);
  if (seen.length === 1 && seen[0].value === value) return false;
  if (seen.length === 0 && value === '') return false;
  for (const c of seen) if (c.writer !== me) row.delete(cellKey(col, c.writer));
  row.set(cellKey(col, me), [value, time] satisfies CellTuple);
  return true;
}

/**
 * Writes the cells of row maps created in the caller's transaction (the fast
 * path of inserting rows). No other writer can have an entry in a row that did
 * not exist before, so there is nothing to scan or delete: the same entries
 * writeCell would leave, without its per-cell scan of the row. Empty values
 * write nothing, as in writeCell. Each column's entry key is built once per
 * writer, not once per cell (an import writes a million cells).
 */
export function newRowCellWriter(doc: Y.Doc, time: number): (row: RowMap, values: Record<string, string>) => void {
  const me = writerId(doc);
  const keys = new Map<string, string>();
  return (row, values) => {
    for (const col in values) {
      const value = values[col];
      if (value === '') continue;
      let key = keys.get(col);
      if (key === undefined) keys.set(col, (key = cellKey(col, me)));
      row.set(key, [value, time] satisfies CellTuple);
    }
  };
}

/** Applies edits in one transaction (one undo step). Unknown or deleted rows are refused, not skipped. */
export function setCells(doc: Y.Doc, edits: CellEdit[], origin: unknown = null, time = Date.now()): void {
  const { rows } = sheetParts(doc);
  for (const e of edits) {
    if (!rows.has(e.row)) throw new Error(`Baris ${e.row} tidak ada di lembar ini.`);
    if (e.col.includes('@')) throw new Error(`Id kolom tidak sah: ${e.col}`);
  }
  doc.transact(() => {
    for (const e of edits) writeCell(doc, rows.get(e.row)!, e.col, e.value, time);
  }, origin);
}

export function setCell(doc: Y.Doc, rowId: string, col: string, value: string, origin: unknown = null): void {
  setCells(doc, [{ row: rowId, col, value }], origin);
}

export interface OpenConflict {
  row: string;
  col: string;
  candidates: CellCandidate[];
}

export function listConflicts(doc: Y.Doc): OpenConflict[] {
  const out: OpenConflict[] = [];
  for (const rowId of sheetParts(doc).rows.keys()) {
    for (const [col, state] of getRowCells(doc, rowId)) {
      if (state.conflict) out.push({ row: rowId, col, candidates: state.conflict });
    }
  }
  // Y.Map iteration order differs between replicas; sort so every replica lists the same.
  return out.sort((a, b) => (a.row === b.row ? (a.col < b.col ? -1 : 1) : a.row < b.row ? -1 : 1));
}

/** A coordinator chooses a value (one of the candidates or a new one); the choice and its reason are kept. */
export function resolveConflict(
  doc: Y.Doc,
  rowId: string,
  col: string,
  chosen: string,
  by: { user: string; reason: string },
  origin: unknown = null,
  time = Date.now(),
): void {
  const parts = sheetParts(doc);
  const row = parts.rows.get(rowId);
  if (!row) throw new Error(`Baris ${rowId} tidak ada di lembar ini.`);
  const candidates = candidatesIn(doc, row, col);
  const decision: ConflictDecision = {
    row: rowId,
    col,
    chosen,
    candidates: candidates.map((c) => ({ value: c.value, writer: c.writer, time: c.time, ...(c.user ? { user: c.user } : {}) })),
    by: by.user,
    reason: by.reason,
    time,
  };
  doc.transact(() => {
    const me = writerId(doc);
    for (const c of candidates) if (c.writer !== me) row.delete(cellKey(col, c.writer));
    row.set(cellKey(col, me), [chosen, time] satisfies CellTuple);
    parts.decisions.push([decision]);
  }, origin);
}
