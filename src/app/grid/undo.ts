// Undo of one's own edits only: the UndoManager tracks this grid's origin, so
// a remote update (origin: the provider) or another tab's edit is never
// reverted. captureTimeout 0: one user action (one transaction) = one step.
import * as Y from 'yjs';
import { sheetParts } from '../../sheet';

export function createGridUndo(doc: Y.Doc, origin: unknown): Y.UndoManager {
  const { rows, order } = sheetParts(doc);
  return new Y.UndoManager([rows, order], { trackedOrigins: new Set([origin]), captureTimeout: 0 });
}
