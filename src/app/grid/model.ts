// The grid's reactive window on one sheet's Y.Doc. Columns and the row order
// are signals; cells are read per row and cached under a per-row version, so a
// transaction re-renders only the visible rows it touched (never a pass over
// all rows' cells on each change).
import { createSignal, type Accessor, type Setter } from 'solid-js';
import type * as Y from 'yjs';
import { getCell, getColumns, getRowCells, getRowValues, observeRows, rowIds, sheetParts, type CellState, type ColumnDef } from '../../sheet';

const EMPTY: CellState = { value: '' };
const CACHE_LIMIT = 2000;

export interface SheetModel {
  columns: Accessor<ColumnDef[]>;
  /** Row ids in the sheet's order (deleted rows left out). */
  order: Accessor<string[]>;
  /** Bumps when the row's cells change; read it to depend on one row. */
  rowVersion: (rowId: string) => number;
  /** Reactive on the row's version. */
  cell: (rowId: string, col: string) => CellState;
  /** Not reactive: the current value, for navigation and copy. */
  peekValue: (rowId: string, col: string) => string;
  /** Not reactive: values of a row by column id, for views. */
  rowValues: (rowId: string) => Record<string, string>;
  dispose: () => void;
}

export function createSheetModel(doc: Y.Doc): SheetModel {
  const parts = sheetParts(doc);
  const [columns, setColumns] = createSignal<ColumnDef[]>(getColumns(doc), { equals: false });
  const [order, setOrder] = createSignal<string[]>(rowIds(doc), { equals: false });
  // Per-row version signals, created when a row is first rendered.
  const versions = new Map<string, [Accessor<number>, Setter<number>]>();
  const cache = new Map<string, Map<string, CellState>>();

  const cellsOf = (rowId: string): Map<string, CellState> => {
    let cells = cache.get(rowId);
    if (!cells) {
      cells = getRowCells(doc, rowId);
      // Bounded: rendered cells keep what they read until their row's version
      // bumps, so dropping the cache never leaves a stale cell on screen.
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(rowId, cells);
    }
    return cells;
  };

  const rowVersion = (rowId: string): number => {
    let v = versions.get(rowId);
    if (!v) {
      v = createSignal(0);
      versions.set(rowId, v);
    }
    return v[0]();
  };

  const onColumns = () => setColumns(getColumns(doc));
  const onOrder = () => setOrder(rowIds(doc));
  parts.columns.observeDeep(onColumns);
  parts.order.observe(onOrder);
  // Writer names change who a conflict shows; rare, so drop the whole cache.
  const onWriters = () => {
    cache.clear();
    for (const [, set] of versions.values()) set((n) => n + 1);
  };
  parts.writers.observe(onWriters);
  const stop = observeRows(doc, (changes) => {
    for (const id of [...changes.changed, ...changes.removed]) {
      cache.delete(id);
      versions.get(id)?.[1]((n) => n + 1);
    }
    // A restore (or a remote delete racing an order change) changes the visible set.
    if (changes.removed.size) onOrder();
  });

  return {
    columns,
    order,
    rowVersion,
    cell: (rowId, col) => {
      rowVersion(rowId);
      return cellsOf(rowId).get(col) ?? EMPTY;
    },
    // Reads for navigation, copy and views go to the doc without filling the cache.
    peekValue: (rowId, col) => cache.get(rowId)?.get(col)?.value ?? getCell(doc, rowId, col).value,
    rowValues: (rowId) => getRowValues(doc, rowId),
    dispose: () => {
      stop();
      parts.columns.unobserveDeep(onColumns);
      parts.order.unobserve(onOrder);
      parts.writers.unobserve(onWriters);
    },
  };
}
