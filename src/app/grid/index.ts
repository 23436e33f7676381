// The grid: a spreadsheet over one sheet's Y.Doc (src/sheet model).
//
// Contract (the app mounts it on the sheet page):
//
//   <Grid doc={doc} readOnly={false} lang="id"
//         markers={markers}          // Accessor<Map<rowId, RowMarker>> from the check engine
//         presence={presence}        // Accessor<PresencePeer[]> from awareness (others only)
//         view={view}                // Accessor<GridView>: filters / search / rowFilter (personal)
//         onSelectionChange={(s) => …}   // → side panel, awareness
//         onViewChange={(v) => …}        // the sort the user chose in the header
//         apiRef={(api) => …}            // focus, reveal a row, undo/redo
//   />
//
// Edits go through src/sheet in one transaction per user action with the
// grid's `origin` (pass your own to recognise them, e.g. for "N changes not
// yet on the server"); the grid's own Y.UndoManager tracks only that origin,
// so undo never reverts someone else's edit. The view never reorders the
// shared sheet: it is a row-id order for display. Edits do not re-apply the
// view (a row edited out of a filter stays until the view changes), like a
// spreadsheet's filter, so rows never jump away while someone types.
import type { Accessor } from 'solid-js';
import type * as Y from 'yjs';
import type { GridView } from './view';
import type { CellRange } from './selection';
import type { Lang } from './strings';

export type Severity = 'error' | 'warning' | 'info';

export interface RowMarker {
  severity: Severity;
  /** Column ids the findings point at (corner marks). */
  columns: Set<string>;
  duplicate?: boolean;
  notEligible?: boolean;
  /** Short text for the row number's tooltip (e.g. the first finding). */
  title?: string;
}

export interface PresencePeer {
  clientId: number;
  name: string;
  color: string;
  row?: string;
  col?: string;
}

export interface GridSelection {
  /** The active cell's row id; undefined on the empty "new row" line. */
  row?: string;
  col?: string;
  /** Displayed-order indices, inclusive. */
  range: CellRange;
  /** Row ids covered by the range (displayed order). */
  rows: string[];
}

export interface GridApi {
  focus(): void;
  /** Selects a row (and column) and scrolls it into view; false when the row is not displayed. */
  reveal(rowId: string, colId?: string): boolean;
  undo(): void;
  redo(): void;
  undoManager: Y.UndoManager;
  /** The origin of this grid's transactions. */
  origin: unknown;
}

export interface GridProps {
  doc: Y.Doc;
  /** Viewer / supervisor: every edit is refused with a visible message. */
  readOnly: boolean;
  lang: Lang;
  markers?: Accessor<Map<string, RowMarker>>;
  presence?: Accessor<PresencePeer[]>;
  view?: Accessor<GridView>;
  onSelectionChange?: (sel: GridSelection) => void;
  onViewChange?: (view: GridView) => void;
  apiRef?: (api: GridApi) => void;
  /** Origin of this grid's transactions; default a fresh object per grid. */
  origin?: unknown;
  /** Accessible name; default "Lembar data". */
  label?: string;
  class?: string;
}

export { Grid } from './Grid';
export type { GridView, SortSpec } from './view';
export type { CellRange } from './selection';
export { parseTsv, serializeTsv } from './tsv';
