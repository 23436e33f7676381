// Open same-cell conflicts, kept incrementally: the first scan runs after the
// sheet has painted, then only the rows an update touched are re-read.
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import { getRowCells, observeRows, sheetParts, type OpenConflict } from '../../sheet';

export interface Conflicts {
  list: Accessor<OpenConflict[]>;
  rows: Accessor<ReadonlySet<string>>;
}

/** Rows read per task in the first scan (a few ms each on a tablet). */
const SCAN_SLICE = 1000;

function rowConflicts(doc: Y.Doc, rowId: string): OpenConflict[] {
  const out: OpenConflict[] = [];
  for (const [col, state] of getRowCells(doc, rowId)) if (state.conflict) out.push({ row: rowId, col, candidates: state.conflict });
  return out;
}

export function createConflicts(doc: Y.Doc): Conflicts {
  const byRow = new Map<string, OpenConflict[]>();
  const [list, setList] = createSignal<OpenConflict[]>([]);
  const [rows, setRows] = createSignal<ReadonlySet<string>>(new Set());
  let scanned = false;
  const publish = () => {
    // Sorted so every replica lists them in the same order.
    const all = [...byRow.values()].flat().sort((a, b) => (a.row === b.row ? (a.col < b.col ? -1 : 1) : a.row < b.row ? -1 : 1));
    setList(all);
    setRows(new Set(byRow.keys()));
  };
  const update = (id: string) => {
    const found = sheetParts(doc).rows.has(id) ? rowConflicts(doc, id) : [];
    const had = byRow.has(id);
    if (found.length) byRow.set(id, found);
    else byRow.delete(id);
    return had || found.length > 0;
  };
  // Rows an update touched are re-read at once, also during the first scan
  // (re-reading a row is idempotent); the list is published once the scan is done.
  const unobserve = observeRows(doc, (changes) => {
    let dirty = false;
    for (const id of changes.changed) dirty = update(id) || dirty;
    for (const id of changes.removed) dirty = byRow.delete(id) || dirty;
    if (dirty && scanned) publish();
  });
  // The first scan reads every cell of every row: in slices, one task each,
  // so a 10k-row sheet stays scrollable and editable right after it opens.
  let ids: string[] = [];
  let next = 0;
  const scanSlice = () => {
    const end = Math.min(ids.length, next + SCAN_SLICE);
    for (; next < end; next++) update(ids[next]);
    if (next < ids.length) {
      timer = setTimeout(scanSlice, 0);
      return;
    }
    scanned = true;
    publish();
  };
  let timer = setTimeout(() => {
    ids = [...sheetParts(doc).rows.keys()];
    scanSlice();
  }, 200);
  onCleanup(() => {
    clearTimeout(timer);
    unobserve();
  });
  return { list, rows };
}

/** Ticks when the sheet's row order changes (rows added, deleted, restored, moved). */
export function createOrderVersion(doc: Y.Doc): Accessor<number> {
  const [v, setV] = createSignal(0);
  const order = sheetParts(doc).order;
  const onOrder = () => setV((n) => n + 1);
  order.observe(onOrder);
  onCleanup(() => order.unobserve(onOrder));
  return v;
}
