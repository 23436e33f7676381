// Rows: stable random ids, an order array, and soft deletion (a row that one
// person deletes while another edits it keeps the edit; it can be restored).
import * as Y from 'yjs';
import { sheetParts, writerId, type RowMap } from './doc';
import { isTuple, newRowCellWriter, parseCellKey } from './cells';

const DELETED = '_del';

const ID_LENGTH = 9;
const ID_DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** `n` new row ids from one random buffer (one getRandomValues call per 64 KiB, its limit, not one per row). */
function newRowIds(n: number): string[] {
  const ids: string[] = [];
  const perCall = Math.floor(65536 / ID_LENGTH);
  for (let done = 0; done < n; done += perCall) {
    const count = Math.min(perCall, n - done);
    const bytes = crypto.getRandomValues(new Uint8Array(count * ID_LENGTH));
    for (let i = 0; i < count; i++) {
      let id = '';
      for (let k = i * ID_LENGTH; k < (i + 1) * ID_LENGTH; k++) id += ID_DIGITS[bytes[k] % 36];
      ids.push(id);
    }
  }
  return ids;
}

function isDeleted(row: RowMap | undefined): boolean {
  return !row || row.has(DELETED);
}

/** Row ids in sheet order, without deleted rows (and without a duplicate left by concurrent restores). */
export function rowIds(doc: Y.Doc): string[] {
  const { order, rows } = sheetParts(doc);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of order.toArray()) {
    if (seen.has(id) || isDeleted(rows.get(id))) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}

export function rowCount(doc: Y.Doc): number {
  return rowIds(doc).length;
}

/** Inserts rows (column id → value) at a position of the order; returns their new ids. One transaction. */
export function insertRows(
  doc: Y.Doc,
  at: number,
  values: Array<Record<string, string>>,
  origin: unknown = null,
  time = Date.now(),
): string[] {
  const { order, rows } = sheetParts(doc);
  // Refused before the transaction, so a bad column id leaves the doc unchanged.
  for (const row of values) for (const col in row) if (col.includes('@')) throw new Error(`Id kolom tidak sah: ${col}`);
  const ids = newRowIds(values.length);
  doc.transact(() => {
    const write = newRowCellWriter(doc, time);
    ids.forEach((id, i) => {
      const row = new Y.Map<unknown>();
      rows.set(id, row);
      write(row, values[i]);
    });
    order.insert(Math.max(0, Math.min(at, order.length)), ids);
  }, origin);
  return ids;
}

export function appendRows(doc: Y.Doc, values: Array<Record<string, string>>, origin: unknown = null): string[] {
  return insertRows(doc, sheetParts(doc).order.length, values, origin);
}

/** Removes rows from the sheet's order and marks them deleted; their cells stay for audit and restore. */
export function deleteRows(doc: Y.Doc, ids: string[], origin: unknown = null, time = Date.now()): void {
  const { order, rows } = sheetParts(doc);
  const doomed = new Set(ids);
  doc.transact(() => {
    const all = order.toArray();
    for (let i = all.length - 1; i >= 0; i--) if (doomed.has(all[i])) order.delete(i, 1);
    for (const id of doomed) rows.get(id)?.set(DELETED, [time, writerId(doc)]);
  }, origin);
}

export function deletedRowIds(doc: Y.Doc): string[] {
  const out: string[] = [];
  for (const [id, row] of sheetParts(doc).rows.entries()) if (row.has(DELETED)) out.push(id);
  return out;
}

/** A deleted row as the "deleted rows" list shows it. */
export interface DeletedRow {
  id: string;
  deletedAt: number;
  /** Writer id of who deleted it (see writerInfo). */
  deletedBy: string;
  /** Newest cell write in the row (wall clock of the writer's device). */
  lastEdit: number;
  /**
   * A cell was written after the deletion (by the device clocks): typically an
   * edit made offline, or while the delete travelled. It is kept, not lost; the
   * list shows these first so someone restores the row or lets it go knowingly.
   */
  editedAfter: boolean;
}

/** Every deleted row, those edited after their deletion first, then the newest deletions. */
export function deletedRows(doc: Y.Doc): DeletedRow[] {
  const out: DeletedRow[] = [];
  for (const [id, row] of sheetParts(doc).rows.entries()) {
    const del = row.get(DELETED);
    if (!Array.isArray(del)) continue;
    const deletedAt = typeof del[0] === 'number' ? del[0] : 0;
    let lastEdit = 0;
    for (const [key, v] of row.entries()) {
      if (parseCellKey(key) && isTuple(v)) lastEdit = Math.max(lastEdit, v[1]);
    }
    out.push({ id, deletedAt, deletedBy: typeof del[1] === 'string' ? del[1] : '', lastEdit, editedAfter: lastEdit > deletedAt });
  }
  return out.sort((a, b) => Number(b.editedAfter) - Number(a.editedAfter) || b.deletedAt - a.deletedAt || (a.id < b.id ? -1 : 1));
}

export function restoreRows(doc: Y.Doc, ids: string[], at?: number, origin: unknown = null): void {
  const { order, rows } = sheetParts(doc);
  doc.transact(() => {
    const back = ids.filter((id) => rows.get(id)?.has(DELETED));
    for (const id of back) rows.get(id)!.delete(DELETED);
    order.insert(at ?? order.length, back);
  }, origin);
}

export interface RowChanges {
  /** Rows added or edited (and not deleted). */
  changed: Set<string>;
  /** Rows deleted. */
  removed: Set<string>;
}

/**
 * Calls back with the rows each transaction touched — what the check worker
 * needs to re-check only what an edit can affect. Returns the unsubscribe.
 */
export function observeRows(doc: Y.Doc, cb: (changes: RowChanges, tx: Y.Transaction) => void): () => void {
  const { rows } = sheetParts(doc);
  const handler = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, tx: Y.Transaction) => {
    const touched = new Set<string>();
    for (const ev of events) {
      if (ev.target === rows) for (const key of (ev as Y.YMapEvent<RowMap>).keysChanged) touched.add(key);
      else if (typeof ev.path[0] === 'string') touched.add(ev.path[0]);
    }
    const changes: RowChanges = { changed: new Set(), removed: new Set() };
    for (const id of touched) (isDeleted(rows.get(id)) ? changes.removed : changes.changed).add(id);
    if (changes.changed.size || changes.removed.size) cb(changes, tx);
  };
  rows.observeDeep(handler);
  return () => rows.unobserveDeep(handler);
}
