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

/**
 * `areaName` turns the Kemendagri codes kept in the sheet's meta ('33.75.01.1002')
 * into the names a BNBA title and a recap show ('Medono').
 */
export function sheetToExportTable(doc: Y.Doc, sheetId: string, view: SheetView = {}, areaName?: (code: string) => string | undefined): ExportTable {
  const all = getColumns(doc);
  const meta = getMeta(doc);
  if (areaName) {
    meta.kelurahan = areaName(meta.kelurahan) ?? meta.kelurahan;
    meta.kecamatan = areaName(meta.kecamatan) ?? meta.kecamatan;
  }
  const columns = view.columnIds ? view.columnIds.map((id) => all.find((c) => c.id === id)).filter((c) => c !== undefined) : all;
  const ids = view.rowIds ?? rowIds(doc);
  return {
    meta,
    columns,
    rows: ids.map((id) => ({ key: recordKey(sheetId, id), values: getRowValues(doc, id) })),
  };
}
