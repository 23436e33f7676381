// From a sheet's Y.Doc (or the current filtered view of it) to an ExportTable.
import type * as Y from 'yjs';
import { getColumns, getMeta } from '../sheet/doc';
import { getRowValues } from '../sheet/cells';
import { recordKey } from '../sheet/records';
import { rowIds } from '../sheet/rows';
import type { ExportTable } from './export-table';

export interface SheetView {
  /** Rows to export, in this order (the grid's filtered/sorted view); default every row in sheet order. */
  rowIds?: string[];
  /** Column ids to export, in this order (the visible columns); default every column. */
  columnIds?: string[];
}

export function sheetToExportTable(doc: Y.Doc, sheetId: string, view: SheetView = {}): ExportTable {
  const all = getColumns(doc);
  const columns = view.columnIds ? view.columnIds.map((id) => all.find((c) => c.id === id)).filter((c) => c !== undefined) : all;
  const ids = view.rowIds ?? rowIds(doc);
  return {
    meta: getMeta(doc),
    columns,
    rows: ids.map((id) => ({ key: recordKey(sheetId, id), values: getRowValues(doc, id) })),
  };
}
