// Applies the accepted part of a re-import diff in one transaction. Refuses the
// whole thing if the sheet changed under the diff (a value the user accepted to
// overwrite is no longer the one they saw), so nothing is half-applied. With
// `maxUpdateBytes` (a returned list that adds thousands of rows) the added rows
// go in as further transactions under that size, as an import does; a failure
// in any of them undoes all (all-or-nothing.ts).
import type * as Y from 'yjs';
import { allOrNothing } from './all-or-nothing';
import { addColumn, getColumns, sheetParts } from '../sheet/doc';
import { getRowValues, writeCell } from '../sheet/cells';
import { deleteRows, insertRows, rowIds } from '../sheet/rows';
import { fileError } from './errors';
import { IMPORT_ORIGIN } from './import-apply';
import { chunkRows } from './import-parts';
import type { ImportPlan } from './import-plan';
import type { ReimportDiff } from './reimport';

export interface ReimportDecision {
  /** ImportRow.key of accepted added rows. */
  add: string[];
  /** Sheet row ids whose removal is accepted. */
  remove: string[];
  /** Per changed row, the accepted column ids. */
  change: Array<{ rowId: string; cols: string[] }>;
}

/** Everything in the diff accepted except removals (the safe default the UI starts from). */
export function defaultDecision(diff: ReimportDiff): ReimportDecision {
  return {
    add: diff.added.map((r) => r.key),
    remove: [],
    change: diff.changed.map((c) => ({ rowId: c.rowId, cols: c.changes.map((x) => x.col) })),
  };
}

export interface ReimportResult {
  added: number;
  removed: number;
  cellsChanged: number;
}

export function applyReimport(
  doc: Y.Doc,
  plan: ImportPlan,
  diff: ReimportDiff,
  decision: ReimportDecision,
  origin: unknown = IMPORT_ORIGIN,
  opts: { maxUpdateBytes?: number } = {},
): ReimportResult {
  const live = new Set(rowIds(doc));
  const addKeys = new Set(decision.add);
  const toAdd = diff.added.filter((r) => addKeys.has(r.key));
  const changedBy = new Map(diff.changed.map((c) => [c.rowId, c]));
  const edits: Array<{ row: string; col: string; value: string }> = [];
  const stale = (what: string) =>
    fileError('import-failed', `Impor dibatalkan: ${what} sejak pratinjau dibuat. Buat pratinjau lagi. Tidak ada yang diubah.`);
  for (const accepted of decision.change) {
    const diffRow = changedBy.get(accepted.rowId);
    if (!diffRow) throw stale(`baris ${accepted.rowId} tidak ada di daftar perubahan`);
    if (!live.has(accepted.rowId)) throw stale(`baris berkas ${diffRow.incoming.position} sudah dihapus`);
    const now = getRowValues(doc, accepted.rowId);
    for (const col of accepted.cols) {
      const change = diffRow.changes.find((c) => c.col === col);
      if (!change) continue;
      if ((now[col] ?? '') !== change.before) throw stale(`kolom "${col}" baris berkas ${diffRow.incoming.position} sudah diubah orang lain`);
      edits.push({ row: accepted.rowId, col, value: change.after });
    }
  }
  for (const id of decision.remove) if (!live.has(id)) throw stale(`baris ${id} sudah dihapus`);
  const known = new Set(getColumns(doc).map((c) => c.id));
  const newCols = plan.newColumns.filter((c) => !known.has(c.id));
  const parts = sheetParts(doc);
  const time = Date.now();
  // The first transaction holds the edits, removals and as many added rows as fit; the rest follow in parts.
  const addParts: Array<[number, number]> = opts.maxUpdateBytes && toAdd.length ? chunkRows(toAdd, opts.maxUpdateBytes) : [[0, toAdd.length]];
  const run = allOrNothing(doc, origin, 'Impor dibatalkan karena kesalahan saat menulis; tidak ada yang diubah');
  let cellsChanged = 0;
  addParts.forEach(([from, to], i) => {
    run.part(() => {
      if (i === 0) {
        for (const c of newCols) addColumn(doc, c, undefined, origin);
        for (const e of edits) if (writeCell(doc, parts.rows.get(e.row)!, e.col, e.value, time)) cellsChanged++;
        if (decision.remove.length) deleteRows(doc, decision.remove, origin, time);
      }
      if (to > from) insertRows(doc, parts.order.length, toAdd.slice(from, to).map((r) => r.values), origin, time);
    });
  });
  run.finish();
  return { added: toAdd.length, removed: decision.remove.length, cellsChanged };
}
