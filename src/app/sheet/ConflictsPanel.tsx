// Open same-cell conflicts: both (all) values with who and when. Coordinators
// choose one with a reason (src/sheet resolveConflict keeps the decision).
import { For, Show, createSignal, type JSX } from 'solid-js';
import { getColumns, resolveConflict, writerInfo, type OpenConflict } from '../../sheet';
import { useApp } from '../context';
import type * as Y from 'yjs';

export function ConflictsPanel(props: {
  doc: Y.Doc;
  conflicts: OpenConflict[];
  canResolve: boolean;
  positionOf: (rowId: string) => number;
  onGoto: (rowId: string, col: string) => void;
}): JSX.Element {
  const { i18n } = useApp();
  const label = (col: string) => getColumns(props.doc).find((c) => c.id === col)?.label ?? col;
  return (
    <section class="panel" aria-labelledby="conflicts-title" data-testid="conflicts">
      <h2 id="conflicts-title">
        {i18n.t('conflicts.title')} ({props.conflicts.length})
      </h2>
      <Show when={props.conflicts.length > 0} fallback={<p class="muted">{i18n.t('conflicts.none')}</p>}>
        <Show when={!props.canResolve}>
          <p class="muted">{i18n.t('conflicts.onlyCoordinator')}</p>
        </Show>
        <ul class="conflicts">
          <For each={props.conflicts}>
            {(c) => <ConflictItem conflict={c} doc={props.doc} canResolve={props.canResolve} label={label(c.col)} position={props.positionOf(c.row)} onGoto={() => props.onGoto(c.row, c.col)} />}
          </For>
        </ul>
      </Show>
    </section>
  );
}

function ConflictItem(props: { conflict: OpenConflict; doc: Y.Doc; canResolve: boolean; label: string; position: number; onGoto: () => void }): JSX.Element {
  const { i18n, session } = useApp();
  const [reason, setReason] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const who = (writer: string) => writerInfo(props.doc, writer)?.name ?? writer;
  const choose = (value: string) => {
    if (!reason().trim()) return setError(i18n.t('conflicts.reasonRequired'));
    resolveConflict(props.doc, props.conflict.row, props.conflict.col, value, { user: session.user()?.id ?? '', reason: reason().trim() });
  };
  return (
    <li class="conflict" data-testid="conflict" data-row={props.conflict.row} data-col={props.conflict.col}>
      <button type="button" class="link" onClick={props.onGoto}>
        {i18n.t('conflicts.cell', { row: props.position, col: props.label })}
      </button>
      <ul class="candidates">
        <For each={props.conflict.candidates}>
          {(cand) => (
            <li data-testid="conflict-value">
              <strong class="value">{cand.value === '' ? i18n.t('conflicts.empty') : cand.value}</strong>
              <span class="muted"> {i18n.t('conflicts.by', { who: who(cand.writer), when: i18n.dateTime(cand.time) })}</span>
              <Show when={props.canResolve}>
                {' '}
                <button type="button" class="small" onClick={() => choose(cand.value)} data-testid="conflict-choose">
                  {i18n.t('conflicts.choose')}
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.canResolve}>
        <label class="reason">
          <span>{i18n.t('conflicts.reason')}</span>
          <input value={reason()} onInput={(e) => { setReason(e.currentTarget.value); setError(null); }} data-testid="conflict-reason" />
        </label>
        <Show when={error()}>
          <p class="form-error" role="alert">{error()}</p>
        </Show>
      </Show>
    </li>
  );
}
