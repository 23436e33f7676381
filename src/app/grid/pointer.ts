// Mouse, pen and touch on the grid: click / Shift+click / drag selection
// (auto-scrolling past an edge), row-number selection, double click to edit,
// the context menu; touch pans natively, so a tap selects on release and a
// tap on the active cell edits.
import type { Accessor } from 'solid-js';
import { columnAt } from './virtual';
import { isSingle, moveTo, single, type CellRange, type Dims, type Selection } from './selection';
import { hitTest, type Hit, type Metrics } from './layout';

export interface PointerContext {
  scroller: () => HTMLDivElement;
  m: Metrics;
  offsets: Accessor<number[]>;
  totalWidth: () => number;
  rowCount: () => number;
  dims: () => Dims;
  sel: Accessor<Selection>;
  setSel: (s: Selection) => void;
  range: Accessor<CellRange>;
  startEdit: (mode: 'edit') => void;
  openMenu: (clientX: number, clientY: number) => void;
}

export function createPointerHandlers(ctx: PointerContext) {
  const hitAt = (clientX: number, clientY: number): Hit => {
    const r = ctx.scroller().getBoundingClientRect();
    return hitTest(
      clientX - r.left,
      clientY - r.top,
      { top: ctx.scroller().scrollTop, left: ctx.scroller().scrollLeft },
      { width: ctx.scroller().clientWidth, height: ctx.scroller().clientHeight },
      ctx.m,
      (x) => columnAt(ctx.offsets(), x),
      ctx.totalWidth(),
      ctx.rowCount(),
    );
  };
  // Mouse and pen drag a range (auto-scrolling past the edges); touch pans
  // natively, so a tap selects on release and a tap on the active cell edits.
  let drag: 'cells' | 'rows' | null = null;
  let tap: { id: number; hit: Hit } | null = null;
  let lastPoint = { x: 0, y: 0 };
  let autoScroll = 0;
  const extendTo = (clientX: number, clientY: number) => {
    const r = ctx.scroller().getBoundingClientRect();
    const x = Math.max(r.left + ctx.m.rowHeaderWidth, Math.min(r.left + ctx.scroller().clientWidth - 1, clientX));
    const y = Math.max(r.top + ctx.m.headerHeight, Math.min(r.top + ctx.scroller().clientHeight - 1, clientY));
    const hit = hitAt(drag === 'rows' ? r.left + 1 : x, y);
    const d = ctx.dims();
    if (drag === 'rows' && hit.kind === 'rowHeader') ctx.setSel({ anchor: ctx.sel().anchor, focus: { row: hit.row, col: d.cols - 1 } });
    else if (drag === 'cells' && hit.kind === 'cell') ctx.setSel(moveTo(ctx.sel(), hit, true, d));
  };
  const autoScrollTick = () => {
    autoScroll = 0;
    if (!drag) return;
    const r = ctx.scroller().getBoundingClientRect();
    const over = (v: number, lo: number, hi: number) => (v < lo ? v - lo : v > hi ? v - hi : 0);
    const dy = over(lastPoint.y, r.top + ctx.m.headerHeight, r.top + ctx.scroller().clientHeight);
    const dx = drag === 'cells' ? over(lastPoint.x, r.left + ctx.m.rowHeaderWidth, r.left + ctx.scroller().clientWidth) : 0;
    if (!dx && !dy) return;
    const clamp = (v: number) => Math.max(-60, Math.min(60, v));
    ctx.scroller().scrollTop += clamp(dy);
    ctx.scroller().scrollLeft += clamp(dx);
    extendTo(lastPoint.x, lastPoint.y);
    autoScroll = requestAnimationFrame(autoScrollTick);
  };
  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    const hit = hitAt(e.clientX, e.clientY);
    if (e.pointerType === 'touch') {
      tap = { id: e.pointerId, hit };
      return;
    }
    const d = ctx.dims();
    if (hit.kind === 'cell') {
      ctx.setSel(e.shiftKey ? moveTo(ctx.sel(), hit, true, d) : single(hit));
      drag = 'cells';
    } else if (hit.kind === 'rowHeader') {
      const anchor = e.shiftKey ? { row: ctx.sel().anchor.row, col: 0 } : { row: hit.row, col: 0 };
      ctx.setSel({ anchor, focus: { row: hit.row, col: d.cols - 1 } });
      drag = 'rows';
    } else return;
    lastPoint = { x: e.clientX, y: e.clientY };
    ctx.scroller().setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!drag) return;
    lastPoint = { x: e.clientX, y: e.clientY };
    extendTo(e.clientX, e.clientY);
    if (!autoScroll) autoScroll = requestAnimationFrame(autoScrollTick);
  };
  const onPointerUp = (e: PointerEvent) => {
    drag = null;
    if (tap && tap.id === e.pointerId && e.type === 'pointerup') {
      const hit = tap.hit;
      if (hit.kind === 'cell') {
        const wasActive = isSingle(ctx.sel()) && ctx.sel().focus.row === hit.row && ctx.sel().focus.col === hit.col;
        ctx.setSel(single(hit));
        if (wasActive) ctx.startEdit('edit');
      } else if (hit.kind === 'rowHeader') ctx.setSel({ anchor: { row: hit.row, col: 0 }, focus: { row: hit.row, col: ctx.dims().cols - 1 } });
    }
    tap = null;
  };
  const onDblClick = (e: MouseEvent) => {
    const hit = hitAt(e.clientX, e.clientY);
    if (hit.kind === 'cell') {
      ctx.setSel(single(hit));
      ctx.startEdit('edit');
    }
  };
  const onContextMenu = (e: MouseEvent) => {
    const hit = hitAt(e.clientX, e.clientY);
    if (hit.kind !== 'cell' && hit.kind !== 'rowHeader') return;
    e.preventDefault();
    if (!(hit.row >= ctx.range().top && hit.row <= ctx.range().bottom)) {
      ctx.setSel(hit.kind === 'cell' ? single(hit) : { anchor: { row: hit.row, col: 0 }, focus: { row: hit.row, col: ctx.dims().cols - 1 } });
    }
    ctx.openMenu(e.clientX, e.clientY);
  };

  return {
    onPointerDown,
    onPointerMove,
    onPointerUp,
    onDblClick,
    onContextMenu,
    dispose: () => cancelAnimationFrame(autoScroll),
  };
}
