// The grid component: wires the sheet model, the view, virtualization,
// selection, editing, clipboard and undo together. The pieces live in their
// own modules (model, view, virtual, selection, keys, edits, tsv, formats);
// this file holds the state and turns events into their calls.
import { For, Show, createEffect, createMemo, createSignal, createUniqueId, on, onCleanup, onMount, untrack } from 'solid-js';
import { insertRows, setCells, sheetParts, updateColumn, writerInfo, type CellCandidate, type CellState } from '../../sheet';
import type { GridApi, GridProps } from './index';
import { createSheetModel } from './model';
import { computeViewOrder, isViewActive, type GridView, type SortSpec } from './view';
import { columnOffsets, columnWindow, rowWindow, scrollToReveal, type Span } from './virtual';
import { advance, columnLetter, edgeTarget, isSingle, moveBy, moveTo, rangeOf, remapSelection, single, type CellRange, type Selection } from './selection';
import { actionForKey, type GridAction } from './keys';
import { clearRange, deleteDisplayedRows, fillDown, insertRowsAt, pasteBlock, rangeValues, type EditTarget } from './edits';
import { parseTsv, serializeHtmlTable, serializeTsv } from './tsv';
import { displayValue } from './formats';
import { metricsFor } from './layout';
import { strings } from './strings';
import { createGridUndo } from './undo';
import { createPointerHandlers } from './pointer';
import { NEW_ROW, RowView, cellDomId, type RowsContext } from './Cells';
import { HeaderRow, type HeaderContext } from './Header';
import { CellEditor, type EditorExit, type EditorState } from './Editor';
import { ConflictPopover, PresenceOverlay, SelectionOverlay, type Box, type PlacedPeer } from './Overlays';
import { ContextMenu, type MenuItem } from './ContextMenu';
import { FilterBox } from './FilterBox';
import './grid.css';

const spanEq = (a: Span, b: Span) => a.start === b.start && a.end === b.end;
const arrEq = <T,>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const rangeEq = (a: CellRange, b: CellRange) => a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;

export function Grid(props: GridProps) {
  const gridId = `sg${createUniqueId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const doc = props.doc; // one grid per doc: remount to show another sheet
  const origin = props.origin ?? { grid: gridId };
  const layoutOrigin = { grid: gridId, layout: true };
  const t = () => strings(props.lang);
  const locale = () => (props.lang === 'en' ? 'en' : 'id');
  const model = createSheetModel(doc);
  const undo = createGridUndo(doc, origin);
  const m = metricsFor(typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches);
  let scroller!: HTMLDivElement;
  let root!: HTMLDivElement;

  // ── personal view ────────────────────────────────────────────────────
  // The header's sort is the grid's own; a sort the app sets in `view` overrides it when it changes.
  const appSort = createMemo(() => props.view?.()?.sort, undefined, { equals: (a, b) => a?.col === b?.col && a?.dir === b?.dir });
  const [sort, setSort] = createSignal<SortSpec | undefined>(untrack(appSort));
  createEffect(on(appSort, (s) => setSort(s), { defer: true }));
  // Column filters chosen from the context menu; the app's filters (if any) are merged under them.
  const [filters, setFilters] = createSignal<Record<string, string>>({});
  const [filterBox, setFilterBox] = createSignal<{ colId: string; label: string; x: number; y: number } | null>(null);
  const applyFilter = (colId: string, text: string) =>
    setFilters(({ [colId]: _old, ...rest }) => (text.trim() ? { ...rest, [colId]: text } : rest));
  const view = createMemo<GridView>(() => {
    const app = props.view?.() ?? {};
    return { ...app, sort: sort(), filters: { ...(app.filters ?? {}), ...filters() } };
  });
  const displayOrder = createMemo(() => {
    const ids = model.order();
    const v = view();
    if (!isViewActive(v)) return ids;
    return computeViewOrder(ids, v, { columns: untrack(model.columns), values: model.rowValues, locale: locale() });
  });
  const indexOf = createMemo(() => {
    const map = new Map<string, number>();
    displayOrder().forEach((id, i) => map.set(id, i));
    return map;
  });
  // In a personal view the row numbers stay those of the shared sheet, so "baris 75" means the same to everyone.
  const sheetIndex = createMemo(() => {
    if (displayOrder() === model.order()) return null;
    const map = new Map<string, number>();
    model.order().forEach((id, i) => map.set(id, i));
    return map;
  });
  const searchText = createMemo(() => (view().search ?? '').trim().toLocaleLowerCase('id'));
  const rowCount = () => displayOrder().length + (props.readOnly ? 0 : 1); // + the "new row" line
  const colCount = () => model.columns().length;
  const dims = () => ({ rows: Math.max(1, rowCount()), cols: Math.max(1, colCount()) });
  const rowIdAt = (i: number): string | undefined => displayOrder()[i];

  // ── columns and virtualization ──────────────────────────────────────
  const [widthOverride, setWidthOverride] = createSignal<Record<string, number>>({});
  const widths = createMemo(() => model.columns().map((c) => widthOverride()[c.id] ?? c.width ?? m.defaultColumnWidth), undefined, { equals: arrEq });
  const offsets = createMemo(() => columnOffsets(widths()));
  const totalWidth = () => offsets()[offsets().length - 1];
  const widthOf = (j: number) => widths()[j] ?? m.defaultColumnWidth;
  const [scroll, setScroll] = createSignal({ top: 0, left: 0 }, { equals: (a, b) => a.top === b.top && a.left === b.left });
  const [viewport, setViewport] = createSignal({ width: 1024, height: 600 }, { equals: (a, b) => a.width === b.width && a.height === b.height });
  const rowSpan = createMemo(() => rowWindow(scroll().top, viewport().height - m.headerHeight, m.rowHeight, rowCount(), m.overscanRows), undefined, { equals: spanEq });
  const colSpan = createMemo(() => columnWindow(offsets(), scroll().left, viewport().width - m.rowHeaderWidth, m.overscanCols), undefined, { equals: spanEq });
  // Row slots are recycled: row r always lands in slot r mod capacity, so a
  // small scroll re-fills only the slots of the rows that came into view and
  // a long jump reuses every DOM node instead of creating new ones.
  const rowCapacity = createMemo(() => Math.ceil(Math.max(0, viewport().height - m.headerHeight) / m.rowHeight) + 2 * m.overscanRows + 2);
  const rowSlots = createMemo(() => Array.from({ length: rowCapacity() }, (_, k) => k));
  const slotRow = (k: number): number => {
    const { start, end } = rowSpan();
    const n = rowCapacity();
    const r = start + ((((k - start) % n) + n) % n);
    return r < end ? r : -1;
  };
  const visibleCols = createMemo(
    () => {
      const out: number[] = [];
      for (let j = colSpan().start; j < colSpan().end; j++) out.push(j);
      return out;
    },
    [],
    { equals: arrEq },
  );

  // ── selection ───────────────────────────────────────────────────────
  const [sel, setSel] = createSignal<Selection>(single({ row: 0, col: 0 }));
  const range = createMemo(() => rangeOf(sel()), undefined, { equals: rangeEq });
  const focusRow = () => sel().focus.row;
  createEffect(
    on(displayOrder, (_next, prev) => {
      if (prev) setSel((s) => remapSelection(s, prev, (id) => indexOf().get(id), dims()));
    }, { defer: true }),
  );
  createEffect(on(dims, (d) => setSel((s) => moveTo(s, s.focus, !isSingle(s), d)), { defer: true }));

  const cellBox = (row: number, col: number): Box => ({
    left: m.rowHeaderWidth + (offsets()[col] ?? 0),
    top: m.headerHeight + row * m.rowHeight,
    width: widthOf(col),
    height: m.rowHeight,
  });
  const boxOf = (r: CellRange): Box => ({
    left: m.rowHeaderWidth + (offsets()[r.left] ?? 0),
    top: m.headerHeight + r.top * m.rowHeight,
    width: (offsets()[r.right + 1] ?? totalWidth()) - (offsets()[r.left] ?? 0),
    height: (r.bottom - r.top + 1) * m.rowHeight,
  });
  const activeBox = createMemo(() => cellBox(sel().focus.row, sel().focus.col));

  const reveal = () => {
    const { row, col } = sel().focus;
    const vp = viewport();
    const top = scrollToReveal(row * m.rowHeight, (row + 1) * m.rowHeight, scroller.scrollTop, vp.height - m.headerHeight);
    const left = scrollToReveal(offsets()[col] ?? 0, offsets()[col + 1] ?? 0, scroller.scrollLeft, vp.width - m.rowHeaderWidth);
    if (top !== scroller.scrollTop) scroller.scrollTop = top;
    if (left !== scroller.scrollLeft) scroller.scrollLeft = left;
    setScroll({ top: scroller.scrollTop, left: scroller.scrollLeft });
  };
  const select = (next: Selection) => {
    setSel(next);
    reveal();
  };

  // ── messages ────────────────────────────────────────────────────────
  const [message, setMessage] = createSignal('');
  let messageTimer: ReturnType<typeof setTimeout> | undefined;
  const flash = (text: string) => {
    setMessage(text);
    clearTimeout(messageTimer);
    messageTimer = setTimeout(() => setMessage(''), 5000);
  };
  onCleanup(() => clearTimeout(messageTimer));

  // ── edits ───────────────────────────────────────────────────────────
  const target = (): EditTarget => ({ doc, origin, order: displayOrder(), cols: model.columns().map((c) => c.id) });
  const edit = (run: () => void): void => {
    if (props.readOnly) {
      flash(t().readOnly);
      return;
    }
    try {
      run();
    } catch (err) {
      flash(err instanceof Error ? err.message : String(err));
    }
  };
  /** Writes one typed value; the row is named by id so a remote insert or delete meanwhile cannot redirect it. */
  const writeCell = (rowId: string | undefined, colId: string, value: string) =>
    edit(() => {
      if (rowId !== undefined) {
        if (model.peekValue(rowId, colId) === value) return;
        setCells(doc, [{ row: rowId, col: colId, value }], origin);
        // Deleted by someone else while typing: the value is kept on the deleted row (restorable), and said so.
        if (!indexOf().has(rowId) && !model.order().includes(rowId)) flash(t().rowGone);
      } else if (value !== '') insertRows(doc, sheetParts(doc).order.length, [{ [colId]: value }], origin);
    });

  // Undo puts the cursor back where the undone action happened.
  const focusIds = () => ({ row: rowIdAt(sel().focus.row), col: sel().focus.col });
  const onStackAdded = (e: { stackItem: { meta: Map<unknown, unknown> } }) => e.stackItem.meta.set('focus', focusIds());
  const onStackPopped = (e: { stackItem: { meta: Map<unknown, unknown> } }) => {
    const f = e.stackItem.meta.get('focus') as { row?: string; col: number } | undefined;
    const at = f?.row === undefined ? undefined : indexOf().get(f.row);
    if (f && at !== undefined) select(single({ row: at, col: f.col }));
  };
  undo.on('stack-item-added', onStackAdded);
  undo.on('stack-item-popped', onStackPopped);
  const doUndo = () => edit(() => (undo.undo() ? undefined : flash(t().nothingToUndo)));
  const doRedo = () => edit(() => (undo.redo() ? undefined : flash(t().nothingToRedo)));

  // ── editor ──────────────────────────────────────────────────────────
  const [editor, setEditor] = createSignal<EditorState | null>(null);
  const startEdit = (mode: EditorState['mode'], text?: string) => {
    if (props.readOnly) return flash(t().readOnly);
    const { row, col } = sel().focus;
    if (col >= colCount()) return;
    const id = rowIdAt(row);
    const colId = model.columns()[col].id;
    const current = id === undefined ? '' : model.peekValue(id, colId);
    setSel(single({ row, col }));
    reveal();
    setEditor({ row, col, rowId: id, colId, mode, initial: text ?? current });
  };
  /** Where the edited cell is now (rows may have moved while typing). */
  const editorPos = (st: EditorState) => ({
    row: st.rowId === undefined ? st.row : (indexOf().get(st.rowId) ?? st.row),
    col: Math.max(0, model.columns().findIndex((c) => c.id === st.colId)),
  });
  const onEditorExit = (exit: EditorExit) => {
    const st = editor();
    setEditor(null);
    if (st && exit.kind === 'commit') {
      const at = editorPos(st);
      writeCell(st.rowId, st.colId, exit.value);
      const here = single(st.rowId === undefined ? { row: Math.min(at.row, displayOrder().length - 1), col: at.col } : at);
      if (exit.move === 'tab' || exit.move === 'backtab') select(advance(here, 'tab', exit.move === 'backtab', dims()));
      else if (exit.move) select(moveBy(here, exit.move.dr, exit.move.dc, false, dims()));
    }
    if (exit.kind === 'cancel' || (exit.kind === 'commit' && exit.move)) scroller.focus({ preventScroll: true });
  };

  // ── context menu ────────────────────────────────────────────────────
  const [menu, setMenu] = createSignal<{ x: number; y: number } | null>(null);
  const openMenu = (clientX: number, clientY: number) => {
    const r = root.getBoundingClientRect();
    setMenu({ x: clientX - r.left, y: clientY - r.top });
  };
  const closeMenu = () => {
    setMenu(null);
    scroller.focus({ preventScroll: true });
  };
  const menuItems = (): MenuItem[] => {
    const r = range();
    const n = Math.min(r.bottom, displayOrder().length - 1) - r.top + 1;
    const ro = props.readOnly;
    const col = model.columns()[sel().focus.col];
    const id = rowIdAt(sel().focus.row);
    const here = id !== undefined && col ? model.peekValue(id, col.id) : '';
    const setSortHere = (next: SortSpec | undefined) => {
      setSort(next);
      props.onViewChange?.(view());
    };
    const hasFilters = Object.values(filters()).some((f) => f.trim());
    const openFilter = () => {
      const b = cellBox(0, sel().focus.col);
      const r = root.getBoundingClientRect();
      const sr = scroller.getBoundingClientRect();
      setFilterBox({ colId: col!.id, label: col!.label, x: sr.left - r.left + b.left - scroller.scrollLeft, y: sr.top - r.top + m.headerHeight });
    };
    return [
      { label: t().copy, run: () => document.execCommand('copy') },
      { label: t().cut, run: () => document.execCommand('cut'), disabled: ro },
      { label: t().paste, run: () => void pasteFromClipboardApi(), disabled: ro },
      { label: t().insertAbove, run: () => run({ type: 'insertRows' }), disabled: ro },
      { label: t().insertBelow, run: () => insertRowsNear(true), disabled: ro },
      { label: t().deleteRows(Math.max(1, n)), run: () => run({ type: 'deleteRows' }), disabled: ro || n <= 0 },
      { label: t().fillDown, run: () => run({ type: 'fillDown' }), disabled: ro },
      { label: t().clear, run: () => run({ type: 'clear' }), disabled: ro },
      { label: t().undo, run: doUndo, disabled: ro },
      { label: t().redo, run: doRedo, disabled: ro },
      ...(col
        ? [
            { label: `${t().sortAsc} — ${col.label}`, run: () => setSortHere({ col: col.id, dir: 'asc' }) },
            { label: `${t().sortDesc} — ${col.label}`, run: () => setSortHere({ col: col.id, dir: 'desc' }) },
            ...(sort() ? [{ label: t().sortOff, run: () => setSortHere(undefined) }] : []),
            { label: t().filterColumn(col.label), run: openFilter },
            ...(here.trim() ? [{ label: t().filterByValue(here.length > 30 ? here.slice(0, 30) + '…' : here), run: () => applyFilter(col.id, here) }] : []),
            ...(hasFilters ? [{ label: t().clearFilters, run: () => setFilters({}) }] : []),
          ]
        : []),
    ];
  };
  const insertRowsNear = (below: boolean) =>
    edit(() => {
      const r = range();
      const count = Math.max(1, Math.min(r.bottom, displayOrder().length - 1) - r.top + 1);
      const at = below ? Math.min(r.bottom, displayOrder().length - 1) : r.top;
      const ids = insertRowsAt(target(), at, count, below);
      flash(t().inserted(ids.length));
      const first = indexOf().get(ids[0]);
      if (first !== undefined) select({ anchor: { row: first, col: r.left }, focus: { row: first + ids.length - 1, col: r.left } });
    });

  // ── keyboard ────────────────────────────────────────────────────────
  const filled = (row: number, col: number) => {
    const id = rowIdAt(row);
    const c = model.columns()[col];
    return id !== undefined && !!c && model.peekValue(id, c.id) !== '';
  };
  const pageRows = () => Math.max(1, Math.floor((viewport().height - m.headerHeight) / m.rowHeight) - 1);
  const lastDataRow = () => Math.max(0, displayOrder().length - 1);

  function run(a: GridAction): void {
    const s = sel();
    const d = dims();
    switch (a.type) {
      case 'move':
        return select(moveBy(s, a.dr, a.dc, a.extend, d));
      case 'edge':
        return select(moveTo(s, edgeTarget(s.focus, a.dr, a.dc, d, filled), a.extend, d));
      case 'rowStart':
        return select(moveTo(s, { row: s.focus.row, col: 0 }, a.extend, d));
      case 'rowEnd':
        return select(moveTo(s, { row: s.focus.row, col: d.cols - 1 }, a.extend, d));
      case 'sheetStart':
        return select(moveTo(s, { row: 0, col: 0 }, a.extend, d));
      case 'sheetEnd':
        return select(moveTo(s, { row: lastDataRow(), col: d.cols - 1 }, a.extend, d));
      case 'page':
        return select(moveBy(s, a.dir * pageRows(), 0, a.extend, d));
      case 'tab':
        return select(advance(s, 'tab', a.back, d));
      case 'enter':
        return select(advance(s, 'enter', a.back, d));
      case 'edit':
        return startEdit('edit');
      case 'type':
        return startEdit('enter', a.text);
      case 'clear':
        return edit(() => {
          const n = clearRange(target(), range());
          if (n > 1) flash(t().cleared(n));
        });
      case 'undo':
        return doUndo();
      case 'redo':
        return doRedo();
      case 'fillDown':
        return edit(() => void fillDown(target(), range()));
      case 'insertRows':
        return insertRowsNear(false);
      case 'deleteRows':
        return edit(() => {
          const r = range();
          const n = deleteDisplayedRows(target(), r.top, Math.min(r.bottom, displayOrder().length - 1));
          if (n) flash(t().deleted(n));
          setSel(single(sel().focus));
        });
      case 'selectAll':
        setSel({ anchor: { row: 0, col: 0 }, focus: { row: d.rows - 1, col: d.cols - 1 } });
        return;
      case 'menu': {
        const b = activeBox();
        const r = scroller.getBoundingClientRect();
        return openMenu(r.left + b.left - scroller.scrollLeft + 8, r.top + b.top - scroller.scrollTop + b.height);
      }
      case 'selectRows':
        setSel({ anchor: { row: s.anchor.row, col: 0 }, focus: { row: s.focus.row, col: d.cols - 1 } });
        return;
      case 'selectColumns':
        setSel({ anchor: { row: 0, col: s.anchor.col }, focus: { row: d.rows - 1, col: s.focus.col } });
        return;
      case 'escape':
        setSel(single(s.focus));
        return;
    }
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (editor() || menu() || e.isComposing) return;
    const a = actionForKey(e);
    if (!a) return;
    e.preventDefault();
    run(a);
  };

  // ── clipboard ───────────────────────────────────────────────────────
  const onCopy = (e: ClipboardEvent, cut: boolean) => {
    if (editor() || !e.clipboardData) return;
    e.preventDefault();
    const rows = rangeValues(target(), range());
    e.clipboardData.setData('text/plain', serializeTsv(rows));
    e.clipboardData.setData('text/html', serializeHtmlTable(rows));
    if (cut) edit(() => void clearRange(target(), range()));
  };
  const pasteText = (text: string) =>
    edit(() => {
      const block = parseTsv(text);
      if (block.length === 0) return;
      const r = range();
      const res = pasteBlock(target(), block, sel().focus, isSingle(sel()) ? undefined : r);
      setSel({ anchor: { row: res.range.top, col: res.range.left }, focus: { row: res.range.bottom, col: res.range.right } });
      flash(t().pasted(res.cells, res.addedRows) + (res.droppedCols ? ' ' + t().droppedCols(res.droppedCols) : ''));
    });
  const onPaste = (e: ClipboardEvent) => {
    if (editor()) return;
    e.preventDefault();
    pasteText(e.clipboardData?.getData('text/plain') ?? '');
  };
  const pasteFromClipboardApi = async () => {
    try {
      pasteText(await navigator.clipboard.readText());
    } catch {
      flash(t().pasteFailed);
    }
  };

  // ── mouse and touch ─────────────────────────────────────────────────
  const pointer = createPointerHandlers({
    scroller: () => scroller,
    m,
    offsets,
    totalWidth,
    rowCount,
    dims,
    sel,
    setSel,
    range,
    startEdit,
    openMenu,
  });
  onCleanup(pointer.dispose);

  // ── scroll and size ─────────────────────────────────────────────────
  const onScroll = () => setScroll({ top: scroller.scrollTop, left: scroller.scrollLeft });
  onMount(() => {
    const measure = () => setViewport({ width: scroller.clientWidth, height: scroller.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(scroller);
    onCleanup(() => ro.disconnect());
  });
  onCleanup(() => {
    undo.off('stack-item-added', onStackAdded);
    undo.off('stack-item-popped', onStackPopped);
    undo.destroy();
    model.dispose();
  });

  // ── outward: selection, view, api ───────────────────────────────────
  createEffect(() => {
    const s = sel();
    const r = range();
    const ord = displayOrder();
    const cb = props.onSelectionChange;
    if (!cb) return;
    untrack(() => cb({ row: ord[s.focus.row], col: model.columns()[s.focus.col]?.id, range: r, rows: ord.slice(r.top, Math.min(r.bottom + 1, ord.length)) }));
  });
  const api: GridApi = {
    focus: () => scroller.focus({ preventScroll: true }),
    reveal: (rowId, colId) => {
      const row = indexOf().get(rowId);
      if (row === undefined) return false;
      const col = colId ? model.columns().findIndex((c) => c.id === colId) : sel().focus.col;
      select(single({ row, col: Math.max(0, col) }));
      return true;
    },
    undo: doUndo,
    redo: doRedo,
    undoManager: undo,
    origin,
  };
  onMount(() => props.apiRef?.(api));

  // ── what the active cell says (live region, conflict popover) ───────
  const activeState = createMemo<CellState | undefined>(() => {
    const id = rowIdAt(sel().focus.row);
    const c = model.columns()[sel().focus.col];
    return id !== undefined && c ? model.cell(id, c.id) : undefined;
  });
  const whoWrote = (c: CellCandidate) => writerInfo(doc, c.writer)?.name ?? c.user ?? c.writer;
  const conflictTitle = (s: CellState) =>
    [t().conflict, ...(s.conflict ?? []).map((c) => t().conflictBy(c.value, whoWrote(c), new Date(c.time).toLocaleString(locale())))].join('\n');
  const announcement = createMemo(() => {
    const { row, col } = sel().focus;
    const c = model.columns()[col];
    if (!c) return '';
    if (!isSingle(sel())) return t().rowsSelected(range().bottom - range().top + 1, range().right - range().left + 1);
    const st = activeState();
    const shown = st ? displayValue(st.value, c.format) : '';
    return t().activeCell(`${columnLetter(col)}${row + 1}`, c.label, shown || t().empty) + (st?.conflict ? `. ${t().conflict}` : '');
  });

  const placedPeers = createMemo<PlacedPeer[]>(() => {
    const peers = props.presence?.() ?? [];
    if (!peers.length) return [];
    const cols = new Map(model.columns().map((c, j) => [c.id, j]));
    const span = rowSpan();
    const out: PlacedPeer[] = [];
    for (const peer of peers) {
      const row = peer.row === undefined ? undefined : indexOf().get(peer.row);
      const col = peer.col === undefined ? undefined : cols.get(peer.col);
      if (row === undefined || col === undefined || row < span.start || row >= span.end) continue;
      out.push({ peer, box: cellBox(row, col), labelBelow: row === 0 });
    }
    return out;
  });

  const rowsCtx: RowsContext = {
    gridId,
    m,
    columns: model.columns,
    offsets,
    widthOf,
    visibleCols,
    totalWidth,
    cell: model.cell,
    marker: (id) => props.markers?.().get(id),
    range,
    focusRow,
    searchText,
    sheetNumber: (id, i) => (sheetIndex()?.get(id) ?? i) + 1,
    t,
    conflictTitle,
  };
  const headerCtx: HeaderContext = {
    m,
    columns: model.columns,
    offsets,
    widthOf,
    visibleCols,
    totalWidth,
    range,
    sort,
    filtered: (colId) => !!view().filters?.[colId]?.trim(),
    t,
    onSort: (colId) => {
      const cur = sort();
      const next: SortSpec | undefined = cur?.col !== colId ? { col: colId, dir: 'asc' } : cur.dir === 'asc' ? { col: colId, dir: 'desc' } : undefined;
      setSort(next);
      props.onViewChange?.(view());
    },
    onSelectColumn: (j, extend) => {
      const d = dims();
      const anchorCol = extend ? sel().anchor.col : j;
      setSel({ anchor: { row: 0, col: anchorCol }, focus: { row: d.rows - 1, col: j } });
      scroller.focus({ preventScroll: true });
    },
    onSelectAll: () => {
      run({ type: 'selectAll' });
      scroller.focus({ preventScroll: true });
    },
    onResizePreview: (id, w) => setWidthOverride((o) => ({ ...o, [id]: w })),
    onResizeCommit: (id, w) => {
      // Viewers keep their width locally; editors share it with the sheet.
      if (props.readOnly) return;
      try {
        updateColumn(doc, id, { width: w }, layoutOrigin);
        setWidthOverride(({ [id]: _done, ...rest }) => rest);
      } catch (err) {
        flash(err instanceof Error ? err.message : String(err));
      }
    },
  };

  // Only a rendered cell can be the active descendant (after Ctrl+A the focus may be off screen).
  const activeDescendant = () => {
    const { row, col } = sel().focus;
    const span = rowSpan();
    const cols = colSpan();
    if (editor() || row < span.start || row >= span.end || col < cols.start || col >= cols.end) return undefined;
    return cellDomId(gridId, row % rowCapacity(), col);
  };

  const statusText = () => {
    if (message()) return message();
    if (isViewActive(view())) return t().viewActive(displayOrder().length, model.order().length);
    return '';
  };

  return (
    <div ref={root} class={`sg-root ${props.class ?? ''}`} lang={props.lang} style={{ '--sg-row-h': `${m.rowHeight}px` }}>
      <div class="sg-scroller-wrap">
        <div
          ref={scroller}
          class="sg-scroller"
          tabindex={0}
          role="grid"
          aria-label={props.label ?? t().gridLabel}
          aria-rowcount={rowCount() + 1}
          aria-colcount={colCount() + 1}
          aria-multiselectable="true"
          aria-readonly={props.readOnly}
          aria-activedescendant={activeDescendant()}
          onScroll={onScroll}
          onKeyDown={onKeyDown}
          onCopy={(e) => onCopy(e, false)}
          onCut={(e) => onCopy(e, true)}
          onPaste={onPaste}
          onPointerDown={pointer.onPointerDown}
          onPointerMove={pointer.onPointerMove}
          onPointerUp={pointer.onPointerUp}
          onPointerCancel={pointer.onPointerUp}
          onDblClick={pointer.onDblClick}
          onContextMenu={pointer.onContextMenu}
        >
          <div class="sg-canvas" style={{ width: `${m.rowHeaderWidth + totalWidth()}px`, height: `${m.headerHeight + rowCount() * m.rowHeight}px` }}>
            <HeaderRow ctx={headerCtx} />
            <For each={rowSlots()}>
              {(k) => {
                const r = createMemo(() => slotRow(k));
                // The window's size changes by a row as the scroll offset moves, so a
                // slot falls out of it for a frame now and then: it keeps its row
                // (hidden) instead of destroying and re-creating a row of cells.
                const kept = createMemo<number>((prev) => (r() >= 0 ? r() : prev), -1);
                return (
                  <Show when={kept() >= 0}>
                    <RowView ctx={rowsCtx} id={displayOrder()[kept()] ?? NEW_ROW} index={kept()} slot={k} hidden={r() < 0} />
                  </Show>
                );
              }}
            </For>
            <SelectionOverlay range={range} boxOf={boxOf} active={activeBox} single={() => isSingle(sel())} editing={() => !!editor()} />
            <PresenceOverlay peers={placedPeers} />
            <Show when={!editor() && activeState()?.conflict}>
              {(cands) => <ConflictPopover box={activeBox()} candidates={cands()} t={t()} who={whoWrote} lang={props.lang} />}
            </Show>
            <Show when={editor()}>
              {(st) => <CellEditor state={st()} box={cellBox(editorPos(st()).row, editorPos(st()).col)} label={`${t().editing} ${model.columns()[st().col]?.label ?? ''}`} onExit={onEditorExit} />}
            </Show>
          </div>
        </div>
      </div>
      <div class="sg-status" role="status" classList={{ 'sg-status-ro': props.readOnly }}>
        <Show when={props.readOnly}>
          <span class="sg-ro-badge">{t().viewOnly}</span>
        </Show>
        <span>{statusText()}</span>
      </div>
      <div class="sg-live" aria-live="polite" aria-atomic="true">
        {announcement()}
      </div>
      <Show when={filterBox()}>
        {(fb) => (
          <FilterBox
            x={fb().x}
            y={fb().y}
            label={t().filterColumn(fb().label)}
            placeholder={t().filterPlaceholder}
            initial={filters()[fb().colId] ?? ''}
            onApply={(text) => applyFilter(fb().colId, text)}
            onClose={() => {
              setFilterBox(null);
              scroller.focus({ preventScroll: true });
            }}
          />
        )}
      </Show>
      <Show when={menu()}>{(pos) => <ContextMenu x={pos().x} y={pos().y} items={menuItems()} onClose={closeMenu} label={props.label ?? t().gridLabel} />}</Show>
    </div>
  );
}

