// A stand-in with the grid's props and DOM roles until src/app/grid's <Grid>
// is mounted: a plain table of the first rows, click to select, type to edit,
// Enter to commit. Kept deliberately small.
import { For, Show, createMemo, createSignal, type JSX } from 'solid-js';
import { getColumns, getCell, rowIds, setCell, appendRows } from '../../sheet';
import type { GridProps } from '../grid';
import { createDocVersion } from './docVersion';

const SHOWN = 200;

export function PlaceholderGrid(props: GridProps): JSX.Element {
  const version = createDocVersion(props.doc);
  const columns = createMemo(() => (version(), getColumns(props.doc)));
  const ids = createMemo(() => (version(), rowIds(props.doc)));
  const [active, setActive] = createSignal<{ row: string; col: string } | null>(null);
  const [editing, setEditing] = createSignal<string | null>(null);
  const [refused, setRefused] = createSignal(false);
  const origin = props.origin ?? {};

  const select = (row: string, col: string, index: number, colIndex: number) => {
    setActive({ row, col });
    props.onSelectionChange?.({ row, col, range: { top: index, bottom: index, left: colIndex, right: colIndex }, rows: [row] });
  };
  const commit = (value: string) => {
    const a = active();
    setEditing(null);
    if (!a) return;
    if (props.readOnly) return setRefused(true);
    setCell(props.doc, a.row, a.col, value, origin);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (editing() !== null || !active()) return;
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey) {
      if (props.readOnly) return setRefused(true);
      e.preventDefault();
      setEditing(e.key);
    } else if (e.key === 'F2' || e.key === 'Enter') {
      if (props.readOnly) return setRefused(true);
      e.preventDefault();
      const a = active()!;
      setEditing(getCell(props.doc, a.row, a.col).value);
    }
  };
  const peerAt = (row: string, col: string) => props.presence?.().find((p) => p.row === row && p.col === col);

  return (
    <div class="placeholder-grid" tabindex="0" onKeyDown={onKeyDown} role="grid" aria-label={props.label ?? 'Lembar data'} aria-readonly={props.readOnly}>
      <Show when={refused()}>
        <p class="banner warn" role="alert" data-testid="grid-readonly">Anda hanya dapat melihat lembar ini; perubahan tidak disimpan.</p>
      </Show>
      <div role="row" aria-rowindex={1} class="pg-row pg-head">
        <div role="columnheader" class="pg-num">No</div>
        <For each={columns()}>{(c) => <div role="columnheader" class="pg-cell" style={{ width: `${c.width ?? 120}px` }}>{c.label}</div>}</For>
      </div>
      <For each={(props.view?.().rowFilter ? ids().filter(props.view!().rowFilter!) : ids()).slice(0, SHOWN)}>
        {(id, i) => (
          <div role="row" aria-rowindex={i() + 2} data-row={id} class="pg-row">
            <div role="rowheader" class="pg-num" classList={{ [`sev-${props.markers?.().get(id)?.severity}`]: !!props.markers?.().get(id) }}>
              {i() + 1}
              <Show when={props.markers?.().get(id)?.duplicate}><span class="sg-badge">G</span></Show>
            </div>
            <For each={columns()}>
              {(c, j) => {
                const state = () => (version(), getCell(props.doc, id, c.id));
                const isActive = () => active()?.row === id && active()?.col === c.id;
                const peer = () => peerAt(id, c.id);
                return (
                  <div
                    role="gridcell"
                    aria-colindex={j() + 2}
                    data-col={c.id}
                    aria-selected={isActive()}
                    class="pg-cell"
                    classList={{ active: isActive(), conflict: !!state().conflict }}
                    style={{ width: `${c.width ?? 120}px`, ...(peer() ? { outline: `2px solid ${peer()!.color}` } : {}) }}
                    title={peer()?.name}
                    onClick={() => select(id, c.id, i(), j())}
                    onDblClick={() => !props.readOnly && setEditing(state().value)}
                  >
                    <Show when={isActive() && editing() !== null} fallback={state().value}>
                      <input
                        class="pg-editor"
                        value={editing() ?? ''}
                        ref={(el) => queueMicrotask(() => { el.focus(); el.setSelectionRange(el.value.length, el.value.length); })}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter' || e.key === 'Tab') { e.preventDefault(); commit(e.currentTarget.value); }
                          if (e.key === 'Escape') setEditing(null);
                        }}
                        onBlur={(e) => editing() !== null && commit(e.currentTarget.value)}
                      />
                    </Show>
                  </div>
                );
              }}
            </For>
          </div>
        )}
      </For>
      <Show when={!props.readOnly}>
        <button type="button" class="small" data-testid="add-row" onClick={() => appendRows(props.doc, [{}], origin)}>+ Tambah baris</button>
      </Show>
    </div>
  );
}
