// One displayed row and its visible cells. A row re-renders only when its own
// version bumps (an edit of that row) or when what it shows around it changes
// (markers, selection); nothing here walks other rows.
import { For, createMemo, type Accessor } from 'solid-js';
import type { CellState, ColumnDef } from '../../sheet';
import type { RowMarker } from './index';
import { displayValue, isNumericFormat } from './formats';
import type { CellRange } from './selection';
import type { Metrics } from './layout';
import type { Strings } from './strings';

/** The id of the empty "new row" line after the last row. */
export const NEW_ROW = '';

export interface RowsContext {
  gridId: string;
  m: Metrics;
  columns: Accessor<ColumnDef[]>;
  offsets: Accessor<number[]>;
  widthOf: (j: number) => number;
  visibleCols: Accessor<number[]>;
  totalWidth: Accessor<number>;
  cell: (rowId: string, col: string) => CellState;
  marker: (rowId: string) => RowMarker | undefined;
  range: Accessor<CellRange>;
  focusRow: Accessor<number>;
  searchText: Accessor<string>;
  /** The row's number in the shared sheet (1-based), shown in a filtered or sorted view. */
  sheetNumber: (rowId: string, displayIndex: number) => number;
  t: Accessor<Strings>;
  conflictTitle: (state: CellState) => string;
}

/** Cell element ids name the row slot, not the row, so scrolling never rewrites them. */
export function cellDomId(gridId: string, slot: number, col: number): string {
  return `${gridId}-s${slot}-c${col}`;
}

export function RowView(props: { ctx: RowsContext; id: string; index: number; slot: number; hidden?: boolean }) {
  const ctx = props.ctx;
  const marker = createMemo(() => (props.id === NEW_ROW ? undefined : ctx.marker(props.id)));
  // The selected columns of this row, or null: a memo, so moving the selection
  // re-runs only the cells of rows that enter, leave or stay in the range.
  const selCols = createMemo<[number, number] | null>(
    () => {
      const r = ctx.range();
      return props.index >= r.top && props.index <= r.bottom ? [r.left, r.right] : null;
    },
    null,
    { equals: (a, b) => a === b || (!!a && !!b && a[0] === b[0] && a[1] === b[1]) },
  );
  const selectedRow = () => selCols() !== null;
  const rowTitle = () => {
    const mk = marker();
    if (!mk) return undefined;
    const t = ctx.t();
    const parts = [mk.title ?? (mk.severity === 'error' ? t.error : mk.severity === 'warning' ? t.warning : t.info)];
    if (mk.duplicate) parts.push(t.duplicate);
    if (mk.notEligible) parts.push(t.notEligible);
    return parts.join(' · ');
  };
  return (
    <div
      role="row"
      aria-rowindex={props.index + 2}
      hidden={props.hidden}
      class="sg-row"
      classList={{ 'sg-row-new': props.id === NEW_ROW, 'sg-row-current': ctx.focusRow() === props.index }}
      style={{ top: `${ctx.m.headerHeight + props.index * ctx.m.rowHeight}px`, height: `${ctx.m.rowHeight}px`, width: `${ctx.m.rowHeaderWidth + ctx.totalWidth()}px` }}
      data-row={props.id}
    >
      <div
        role="rowheader"
        class="sg-rownum"
        classList={{ 'sg-rownum-selected': selectedRow(), [`sg-sev-${marker()?.severity}`]: !!marker() }}
        style={{ width: `${ctx.m.rowHeaderWidth}px` }}
        title={rowTitle()}
      >
        <span>{props.id === NEW_ROW ? '+' : ctx.sheetNumber(props.id, props.index)}</span>
        {/* Always in the DOM, hidden when off: a recycled row slot toggles an attribute, never creates nodes. */}
        <span class="sg-badge sg-badge-dup" hidden={!marker()?.duplicate} aria-label={ctx.t().duplicate}>G</span>
        <span class="sg-badge sg-badge-ne" hidden={!marker()?.notEligible} aria-label={ctx.t().notEligible}>✕</span>
      </div>
      <For each={ctx.visibleCols()}>{(j) => <CellView ctx={ctx} rowId={props.id} slot={props.slot} col={j} marker={marker} selCols={selCols} />}</For>
    </div>
  );
}

/** One class string (a single className write) instead of a classList diff per cell. */
function cellClass(numeric: boolean, conflict: boolean, mark: string | undefined, hit: boolean): string {
  let c = 'sg-cell';
  if (numeric) c += ' sg-num';
  if (conflict) c += ' sg-conflict';
  if (mark) c += ` sg-mark-${mark}`;
  if (hit) c += ' sg-hit';
  return c;
}

function CellView(props: {
  ctx: RowsContext;
  rowId: string;
  slot: number;
  col: number;
  marker: Accessor<RowMarker | undefined>;
  selCols: Accessor<[number, number] | null>;
}) {
  const ctx = props.ctx;
  const def = () => ctx.columns()[props.col];
  const state = createMemo<CellState>(() => (props.rowId === NEW_ROW || !def() ? { value: '' } : ctx.cell(props.rowId, def().id)));
  const shown = () => displayValue(state().value, def()?.format);
  const mark = () => {
    const mk = props.marker();
    return mk && def() && mk.columns.has(def().id) ? mk.severity : undefined;
  };
  const selected = () => {
    const s = props.selCols();
    return !!s && props.col >= s[0] && props.col <= s[1];
  };
  const hit = () => {
    const s = ctx.searchText();
    return !!s && state().value.toLocaleLowerCase('id').includes(s);
  };
  return (
    <div
      role="gridcell"
      id={cellDomId(ctx.gridId, props.slot, props.col)}
      aria-colindex={props.col + 2}
      aria-selected={selected()}
      class={cellClass(isNumericFormat(def()?.format), !!state().conflict, mark(), hit())}
      style={{ left: `${ctx.m.rowHeaderWidth + ctx.offsets()[props.col]}px`, width: `${ctx.widthOf(props.col)}px` }}
      title={state().conflict ? ctx.conflictTitle(state()) : shown().length > 24 ? shown() : undefined}
    >
      {shown()}
    </div>
  );
}
