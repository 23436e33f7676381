// A sheet's live rows as the re-import diff needs them (id + values by column id).
import type * as Y from 'yjs';
import { getRowValues } from '../sheet/cells';
import { rowIds } from '../sheet/rows';
import type { ExistingRow } from './reimport';

export function existingRowsOf(doc: Y.Doc): ExistingRow[] {
  return rowIds(doc).map((id) => ({ id, values: getRowValues(doc, id) }));
}
