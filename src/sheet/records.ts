// The bridge from a sheet's Y.Doc to the check engine: rows as RecordRows
// (values by role), keyed `${sheetId}/${rowId}` so keys are unique across sheets.
import type * as Y from 'yjs';
import type { ColumnRole, RecordRow } from '../domain/schema';
import { getColumns, getMeta } from './doc';
import { getRowValues } from './cells';
import { rowIds } from './rows';

export function recordKey(sheetId: string, rowId: string): string {
  return `${sheetId}/${rowId}`;
}

export function splitRecordKey(key: string): { sheetId: string; rowId: string } {
  const slash = key.lastIndexOf('/');
  return { sheetId: key.slice(0, slash), rowId: key.slice(slash + 1) };
}

/** Column id → role, for the columns that play a role. */
export function roleColumns(doc: Y.Doc): Map<string, ColumnRole> {
  const out = new Map<string, ColumnRole>();
  for (const c of getColumns(doc)) if (c.role) out.set(c.id, c.role);
  return out;
}

export function toRecordRow(
  doc: Y.Doc,
  sheetId: string,
  rowId: string,
  position: number,
  roles: Map<string, ColumnRole> = roleColumns(doc),
  program: string = sheetProgram(doc),
): RecordRow {
  const values: RecordRow['values'] = {};
  for (const [col, value] of Object.entries(getRowValues(doc, rowId))) {
    const role = roles.get(col);
    if (role && value !== '') values[role] = value;
  }
  // A sheet is one programme's list ("BPNT 2025 — Medono"): a row with no
  // programme of its own is in the sheet's, so overlaps between programmes are found.
  if (!values.program && program) values.program = program;
  return { key: recordKey(sheetId, rowId), source: sheetId, position, values };
}

export function toRecordRows(doc: Y.Doc, sheetId: string): RecordRow[] {
  const roles = roleColumns(doc);
  const program = sheetProgram(doc);
  return rowIds(doc).map((id, i) => toRecordRow(doc, sheetId, id, i + 1, roles, program));
}

/** The programme the sheet is a list of (its meta), '' when none. */
export function sheetProgram(doc: Y.Doc): string {
  return getMeta(doc).program.trim();
}
