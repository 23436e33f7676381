// The officer's answers to a finding, in the side panel: override an
// eligibility finding with a reason, withdraw it, mark a possible duplicate
// "bukan duplikat", and undo that. They are written to the sheet's Y.Doc
// (src/sheet/judgements.ts), so they sync and the check engine takes them in.
import { createSignal, For, Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import type { Finding } from '../../domain/findings';
import { markNotDuplicate, notDuplicatesOf, overrideFinding, unmarkNotDuplicate, withdrawOverride } from '../../sheet';
import { useApp } from '../context';
import { FormError } from '../login/LoginPage';
import { ELIGIBILITY_CODES } from './checks/checks';

/** Who judges; absent when the sheet is read-only for this user. */
export interface Judge {
  doc: Y.Doc;
  by: string;
}

export function FindingActions(props: { judge: Judge | undefined; rowKey: string; finding: Finding }): JSX.Element {
  const { i18n } = useApp();
  const [open, setOpen] = createSignal(false);
  const [reason, setReason] = createSignal('');
  const [error, setError] = createSignal('');
  const overridable = () => ELIGIBILITY_CODES.has(props.finding.code);
  const overriddenRule = () => (props.finding.code === 'rule-overridden' ? String(props.finding.params?.rule ?? '') : '');
  const save = (e: Event) => {
    e.preventDefault();
    if (!reason().trim()) return setError(i18n.t('judge.reasonRequired'));
    overrideFinding(props.judge!.doc, props.rowKey, props.finding.code, reason(), props.judge!.by);
    setOpen(false);
  };
  return (
    <Show when={props.judge}>
      <Show when={overridable() && !open()}>
        {' '}
        <button type="button" class="small" data-testid="override" onClick={() => (setReason(''), setError(''), setOpen(true))}>
          {i18n.t('judge.override')}
        </button>
      </Show>
      <Show when={open()}>
        <form class="judge-form" onSubmit={save}>
          <label>
            {i18n.t('judge.reason')}
            <input type="text" value={reason()} onInput={(e) => setReason(e.currentTarget.value)} data-testid="override-reason" autofocus />
          </label>
          <FormError message={error() || null} />
          <button type="submit" class="small" data-testid="override-save">{i18n.t('judge.save')}</button>{' '}
          <button type="button" class="small" onClick={() => setOpen(false)}>{i18n.t('judge.cancel')}</button>
        </form>
      </Show>
      <Show when={overriddenRule()}>
        {' '}
        <button type="button" class="small" data-testid="override-withdraw" onClick={() => withdrawOverride(props.judge!.doc, props.rowKey, overriddenRule())}>
          {i18n.t('judge.withdraw')}
        </button>
      </Show>
    </Show>
  );
}

export function NotDuplicateButton(props: { judge: Judge | undefined; rowKey: string; other: string }): JSX.Element {
  const { i18n } = useApp();
  return (
    <Show when={props.judge}>
      {' '}
      <button type="button" class="small" data-testid="not-duplicate" onClick={() => markNotDuplicate(props.judge!.doc, props.rowKey, props.other, props.judge!.by)}>
        {i18n.t('judge.notDuplicate')}
      </button>
    </Show>
  );
}

/** Pairs with this row already marked "bukan duplikat": who decided, and a way back. */
export function DismissedPairs(props: { doc: Y.Doc; judge: Judge | undefined; rowKey: string; version: () => number; describe: (key: string) => string }): JSX.Element {
  const { i18n } = useApp();
  const list = () => (props.version(), notDuplicatesOf(props.doc, props.rowKey));
  return (
    <Show when={list().length > 0}>
      <h3>{i18n.t('judge.dismissed')}</h3>
      <ul class="dismissed" data-testid="dismissed">
        <For each={list()}>
          {(j) => {
            const other = j.a === props.rowKey ? j.b : j.a;
            return (
              <li>
                {props.describe(other)} <span class="muted">({i18n.t('judge.by', { by: j.by })})</span>
                <Show when={props.judge}>
                  {' '}
                  <button type="button" class="small" data-testid="not-duplicate-undo" onClick={() => unmarkNotDuplicate(props.judge!.doc, j.a, j.b)}>
                    {i18n.t('judge.undo')}
                  </button>
                </Show>
              </li>
            );
          }}
        </For>
      </ul>
    </Show>
  );
}
