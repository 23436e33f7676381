// Writing an import into a sheet's Y.Doc: everything in ONE Yjs transaction
// (one update on the wire, one undo step), or nothing. Everything that can be
// checked is checked before the transaction; if something still throws inside
// it, the partial transaction is undone before the error reaches the caller.
//
// The relay refuses frames over 16 MB (server/relay/limits.ts) and a sheet row
// costs ~800 bytes of Yjs update, so an import of more than ~20k rows cannot be
// one frame. With `maxUpdateBytes` the rows go in as a few consecutive
// transactions, each under that size, still all-or-nothing locally (a failure
// undoes every part). On the wire they arrive within moments of each other.
// The app goes further (applyImportInParts): the rows stay in the files worker
// and come to the page one part at a time (import-parts.ts splits them).
import type * as Y from 'yjs';
import { allOrNothing } from './all-or-nothing';
import { addColumn, getColumns, sheetParts, type ColumnDef } from '../sheet/doc';
import { insertRows } from '../sheet/rows';
import { fileError, type FileReadError } from './errors';
import type { ImportPlan, ImportRow } from './import-plan';
import { planOutline, type PlanOutline } from './import-parts';

export { planOutline, RELAY_UPDATE_BUDGET, UI_UPDATE_BUDGET, type PlanOutline } from './import-parts';

export interface ApplyResult {
  rowIds: string[];
  columnsAdded: string[];
  /** Transactions used (1 unless maxUpdateBytes split the rows). */
  transactions: number;
}

export interface ApplyOptions {
  origin?: unknown;
  /** Split into transactions whose Yjs update stays under about this many bytes (default: one transaction). */
  maxUpdateBytes?: number;
}

/** Origin of import transactions, so observers (undo, audit) can tell them apart. */
export const IMPORT_ORIGIN = 'selaras-import';

/** The sheet's column ids once the plan's new columns exist; refuses new columns that are invalid or already there. */
function checkColumns(doc: Y.Doc, newColumns: ColumnDef[]): Set<string> {
  const ids = new Set(getColumns(doc).map((c) => c.id));
  for (const c of newColumns) {
    if (c.id.includes('@') || !c.id) throw fileError('import-failed', `Impor dibatalkan: nama kolom "${c.id}" tidak sah. Tidak ada yang diubah.`);
    if (ids.has(c.id)) throw fileError('import-failed', `Impor dibatalkan: kolom "${c.id}" sudah ada di lembar (mungkin baru ditambahkan orang lain). Ulangi pemetaan. Tidak ada yang diubah.`);
    ids.add(c.id);
  }
  return ids;
}

function checkRows(rows: ImportRow[], ids: Set<string>): void {
  for (const row of rows) {
    for (const [col, value] of Object.entries(row.values)) {
      if (!ids.has(col)) throw fileError('import-failed', `Impor dibatalkan: baris ${row.position} menulis ke kolom "${col}" yang tidak ada. Tidak ada yang diubah.`);
      if (typeof value !== 'string') throw fileError('import-failed', `Impor dibatalkan: nilai baris ${row.position} tidak sah. Tidak ada yang diubah.`);
    }
  }
}

/** Appends the plan's rows (creating its new columns first). Throws FileReadError and leaves the doc unchanged on failure. */
export function applyImport(doc: Y.Doc, plan: ImportPlan, opts: ApplyOptions = {}): ApplyResult {
  const outline = planOutline(plan, opts.maxUpdateBytes);
  // Every row is checked before the first transaction.
  checkRows(plan.rows, checkColumns(doc, plan.newColumns));
  const run = startApply(doc, outline, opts.origin);
  for (const [from, to] of outline.parts) run.write(plan.rows.slice(from, to));
  return run.finish();
}

/**
 * Applies a plan whose rows arrive part by part (from the files worker), so
 * the page never copies all 50k rows at once: each part is fetched, checked
 * and written in its own transaction, the page is free between parts. A
 * failure anywhere, fetching included, undoes every part written so far.
 */
export async function applyImportInParts(
  doc: Y.Doc,
  outline: PlanOutline,
  rowsOf: (from: number, to: number) => Promise<ImportRow[]>,
  opts: { origin?: unknown } = {},
): Promise<ApplyResult> {
  let ids = checkColumns(doc, outline.newColumns);
  const run = startApply(doc, outline, opts.origin);
  for (const [i, [from, to]] of outline.parts.entries()) {
    let rows: ImportRow[];
    try {
      rows = await rowsOf(from, to);
      if (rows.length !== to - from) throw new Error(`bagian ${from}–${to} berisi ${rows.length} baris`);
      // Someone may have added a column while the first part was on its way: check again, right before writing.
      if (i === 0) ids = checkColumns(doc, outline.newColumns);
      checkRows(rows, ids);
    } catch (e) {
      throw run.abort(e);
    }
    run.write(rows);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return run.finish();
}

interface ApplyRun {
  /** Writes the next part in one transaction (the first part also creates the new columns); on failure undoes all and throws. */
  write(rows: ImportRow[]): void;
  /** Undoes every part written and returns the error to throw. */
  abort(e: unknown): FileReadError;
  finish(): ApplyResult;
}

function startApply(doc: Y.Doc, outline: PlanOutline, origin: unknown = IMPORT_ORIGIN): ApplyRun {
  const { order } = sheetParts(doc);
  const run = allOrNothing(doc, origin, 'Impor dibatalkan karena kesalahan saat menulis; tidak ada baris yang masuk');
  const rowIds: string[] = [];
  let written = 0;
  return {
    write(rows) {
      run.part(() => {
        if (written === 0) for (const c of outline.newColumns) addColumn(doc, c, undefined, origin);
        const ids = insertRows(doc, order.length, rows.map((r) => r.values), origin);
        for (const id of ids) rowIds.push(id);
      });
      written++;
    },
    abort: run.abort,
    finish() {
      run.finish();
      return { rowIds, columnsAdded: outline.newColumns.map((c) => c.id), transactions: outline.parts.length };
    },
  };
}
