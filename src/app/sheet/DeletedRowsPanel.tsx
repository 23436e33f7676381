// Deleted rows: who deleted them and when, and a way back. Rows edited after
// their deletion (an offline edit, or one typed while the delete travelled)
// come first and are marked, so an edit is never silently gone.
import { For, Show, createSignal, onCleanup, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import { deletedRows, getCell, observeRows, restoreRows, writerInfo } from '../../sheet';
import { useApp } from '../context';

const SHOWN = 20;

/** `onRestored`: the row is back at the end of the sheet; the workspace scrolls the grid to it. */
export function DeletedRowsPanel(props: { doc: Y.Doc; canRestore: boolean; onRestored?: (rowId: string) => void }): JSX.Element {
  const { i18n } = useApp();
  const [list, setList] = createSignal(deletedRows(props.doc));
  // Deleting, restoring and editing a deleted row all show up as "removed" row changes.
  const stop = observeRows(props.doc, (changes) => {
    if (changes.removed.size || list().some((r) => changes.changed.has(r.id))) setList(deletedRows(props.doc));
  });
  onCleanup(stop);
  const flagged = () => list().filter((r) => r.editedAfter).length;
  const [all, setAll] = createSignal(false);
  const shown = () => (all() ? list() : list().slice(0, SHOWN));
  return (
    <Show when={list().length > 0}>
      <section class="panel" aria-labelledby="deleted-title" data-testid="deleted-rows">
        <h2 id="deleted-title">
          {i18n.t('deleted.title')} ({list().length})
        </h2>
        <Show when={flagged() > 0}>
          <p class="banner warn" role="status">{i18n.t('deleted.editedAfterSummary', { n: flagged() })}</p>
        </Show>
        <ul class="deleted">
          <For each={shown()}>
            {(r) => (
              <li data-testid="deleted-row" data-row={r.id} classList={{ 'edited-after': r.editedAfter }}>
                <strong>{getCell(props.doc, r.id, 'nama').value || i18n.t('conflicts.empty')}</strong> {getCell(props.doc, r.id, 'nik').value}
                <br />
                <span class="muted">
                  {i18n.t('deleted.by', { who: writerInfo(props.doc, r.deletedBy)?.name ?? r.deletedBy, when: i18n.dateTime(r.deletedAt) })}
                </span>
                <Show when={r.editedAfter}>
                  {' '}
                  <span class="tag warn">{i18n.t('deleted.editedAfter')}</span>
                </Show>
                <Show when={props.canRestore}>
                  {' '}
                  <button type="button" class="small" data-testid="restore-row" onClick={() => (restoreRows(props.doc, [r.id]), props.onRestored?.(r.id))}>
                    {i18n.t('deleted.restore')}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
        <Show when={!all() && list().length > SHOWN}>
          <button type="button" class="small" data-testid="deleted-show-all" onClick={() => setAll(true)}>
            {i18n.t('deleted.more', { n: list().length - SHOWN })}
          </button>
        </Show>
      </section>
    </Show>
  );
}
