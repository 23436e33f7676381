// Writing an import into a sheet's Y.Doc: everything in ONE Yjs transaction
// (one update on the wire, one undo step), or nothing. Everything that can be
// checked is checked before the transaction; if something still throws inside
// it, the partial transaction is undone before the error reaches the caller.
import * as Y from 'yjs';
import { addColumn, getColumns, sheetParts } from '../sheet/doc';
import { insertRows } from '../sheet/rows';
import { asFileReadError, fileError } from './errors';
import type { ImportPlan } from './import-plan';

export interface ApplyResult {
  rowIds: string[];
  columnsAdded: string[];
}

/** Origin of import transactions, so observers (undo, audit) can tell them apart. */
export const IMPORT_ORIGIN = 'selaras-import';

function checkPlan(doc: Y.Doc, plan: ImportPlan): void {
  const ids = new Set(getColumns(doc).map((c) => c.id));
  for (const c of plan.newColumns) {
    if (c.id.includes('@') || !c.id) throw fileError('import-failed', `Impor dibatalkan: nama kolom "${c.id}" tidak sah. Tidak ada yang diubah.`);
    if (ids.has(c.id)) throw fileError('import-failed', `Impor dibatalkan: kolom "${c.id}" sudah ada di lembar (mungkin baru ditambahkan orang lain). Ulangi pemetaan. Tidak ada yang diubah.`);
    ids.add(c.id);
  }
  for (const row of plan.rows) {
    for (const [col, value] of Object.entries(row.values)) {
      if (!ids.has(col)) throw fileError('import-failed', `Impor dibatalkan: baris ${row.position} menulis ke kolom "${col}" yang tidak ada. Tidak ada yang diubah.`);
      if (typeof value !== 'string') throw fileError('import-failed', `Impor dibatalkan: nilai baris ${row.position} tidak sah. Tidak ada yang diubah.`);
    }
  }
}

/** Appends the plan's rows (creating its new columns first) in one transaction. Throws FileReadError and leaves the doc unchanged on failure. */
export function applyImport(doc: Y.Doc, plan: ImportPlan, origin: unknown = IMPORT_ORIGIN): ApplyResult {
  checkPlan(doc, plan);
  const parts = sheetParts(doc);
  const undo = new Y.UndoManager([parts.columns, parts.order, parts.rows], { trackedOrigins: new Set([origin]), captureTimeout: 0 });
  let rowIds: string[] = [];
  try {
    doc.transact(() => {
      for (const c of plan.newColumns) addColumn(doc, c, undefined, origin);
      rowIds = insertRows(
        doc,
        parts.order.length,
        plan.rows.map((r) => r.values),
        origin,
      );
    }, origin);
  } catch (e) {
    // Yjs keeps whatever a failed transaction did; take it back out.
    undo.undo();
    throw asFileReadError(e, 'import-failed', 'Impor dibatalkan karena kesalahan saat menulis; tidak ada baris yang masuk');
  } finally {
    undo.destroy();
  }
  return { rowIds, columnsAdded: plan.newColumns.map((c) => c.id) };
}
