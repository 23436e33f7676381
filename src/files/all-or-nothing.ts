// Consecutive Yjs transactions that land together or not at all. An import or
// re-import too big for one update is written in parts; if any part fails
// (or fetching the next one does), every part already written is undone, so
// the sheet is as it was. Yjs keeps whatever a failed transaction did, so the
// undo covers the failed part too.
import * as Y from 'yjs';
import { sheetParts } from '../sheet/doc';
import { asFileReadError, type FileReadError } from './errors';

export interface AllOrNothing {
  /** Runs `fn` in one transaction; on failure undoes every part and throws the error as a FileReadError. */
  part(fn: () => void): void;
  /** Undoes every part written so far and returns `e` as the error to throw. */
  abort(e: unknown): FileReadError;
  /** Every part landed: keep them. */
  finish(): void;
}

/** `failed`: the message's start when an unexpected error is turned into a FileReadError. */
export function allOrNothing(doc: Y.Doc, origin: unknown, failed: string): AllOrNothing {
  const parts = sheetParts(doc);
  const undo = new Y.UndoManager([parts.columns, parts.order, parts.rows], { trackedOrigins: new Set([origin]), captureTimeout: 0 });
  const abort = (e: unknown): FileReadError => {
    while (undo.canUndo()) undo.undo();
    undo.destroy();
    return asFileReadError(e, 'import-failed', failed);
  };
  return {
    part(fn) {
      try {
        doc.transact(fn, origin);
      } catch (e) {
        throw abort(e);
      }
    },
    abort,
    finish: () => undo.destroy(),
  };
}
