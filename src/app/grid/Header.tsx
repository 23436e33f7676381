// Sticky column headers: label, personal sort toggle, width handle. The width
// is previewed locally while dragging and written to the shared column
// (updateColumn) once, on release.
import { For, Show, type Accessor } from 'solid-js';
import type { ColumnDef } from '../../sheet';
import type { SortSpec } from './view';
import { columnLetter, type CellRange } from './selection';
import type { Metrics } from './layout';
import type { Strings } from './strings';

export interface HeaderContext {
  m: Metrics;
  columns: Accessor<ColumnDef[]>;
  offsets: Accessor<number[]>;
  widthOf: (j: number) => number;
  visibleCols: Accessor<number[]>;
  totalWidth: Accessor<number>;
  range: Accessor<CellRange>;
  sort: Accessor<SortSpec | undefined>;
  filtered: (colId: string) => boolean;
  t: Accessor<Strings>;
  onSort: (colId: string) => void;
  onSelectColumn: (j: number, extend: boolean) => void;
  onSelectAll: () => void;
  onResizePreview: (colId: string, width: number) => void;
  onResizeCommit: (colId: string, width: number) => void;
}

export function HeaderRow(props: { ctx: HeaderContext }) {
  const ctx = props.ctx;
  return (
    <div role="row" aria-rowindex={1} class="sg-header" style={{ height: `${ctx.m.headerHeight}px`, width: `${ctx.m.rowHeaderWidth + ctx.totalWidth()}px` }}>
      <div role="columnheader" class="sg-corner" style={{ width: `${ctx.m.rowHeaderWidth}px` }} onPointerDown={(e) => { e.stopPropagation(); ctx.onSelectAll(); }}>
        {ctx.t().rowNumber}
      </div>
      <For each={ctx.visibleCols()}>{(j) => <HeaderCell ctx={ctx} col={j} />}</For>
    </div>
  );
}

function HeaderCell(props: { ctx: HeaderContext; col: number }) {
  const ctx = props.ctx;
  const def = () => ctx.columns()[props.col];
  const sorted = () => (ctx.sort()?.col === def()?.id ? ctx.sort()?.dir : undefined);
  const selected = () => props.col >= ctx.range().left && props.col <= ctx.range().right;
  const startResize = (e: PointerEvent) => {
    e.stopPropagation();
    e.preventDefault();
    const id = def().id;
    const startX = e.clientX;
    const startW = ctx.widthOf(props.col);
    const handle = e.currentTarget as HTMLElement;
    handle.setPointerCapture(e.pointerId);
    let w = startW;
    const move = (ev: PointerEvent) => {
      w = Math.max(ctx.m.minColumnWidth, Math.round(startW + ev.clientX - startX));
      ctx.onResizePreview(id, w);
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      if (w !== startW) ctx.onResizeCommit(id, w);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };
  return (
    <div
      role="columnheader"
      aria-colindex={props.col + 2}
      aria-sort={sorted() === 'asc' ? 'ascending' : sorted() === 'desc' ? 'descending' : undefined}
      class="sg-colhead"
      classList={{ 'sg-colhead-selected': selected(), 'sg-colhead-narrow': ctx.widthOf(props.col) < 90 }}
      style={{ left: `${ctx.m.rowHeaderWidth + ctx.offsets()[props.col]}px`, width: `${ctx.widthOf(props.col)}px` }}
      onPointerDown={(e) => {
        e.stopPropagation();
        ctx.onSelectColumn(props.col, e.shiftKey);
      }}
    >
      <span class="sg-colletter">{columnLetter(props.col)}</span>
      <span class="sg-collabel">{def()?.label}</span>
      <Show when={def() && ctx.filtered(def().id)}>
        <span class="sg-filtered" role="img" title={ctx.t().filterPlaceholder} aria-label={ctx.t().filterPlaceholder} />
      </Show>
      <button
        type="button"
        class="sg-sort"
        classList={{ 'sg-sort-on': !!sorted() }}
        tabindex={-1}
        title={sorted() === 'asc' ? ctx.t().sortDesc : sorted() === 'desc' ? ctx.t().sortOff : ctx.t().sortAsc}
        aria-label={sorted() === 'asc' ? ctx.t().sortDesc : sorted() === 'desc' ? ctx.t().sortOff : ctx.t().sortAsc}
        onPointerDown={(e) => e.stopPropagation()}
        onClick={() => ctx.onSort(def().id)}
      >
        <Show when={sorted()} fallback="⇅">
          {sorted() === 'asc' ? '▲' : '▼'}
        </Show>
      </button>
      <div class="sg-resize" title={ctx.t().resizeColumn} onPointerDown={startResize} />
    </div>
  );
}
