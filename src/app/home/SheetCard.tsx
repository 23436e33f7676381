import { Show, createSignal, type JSX } from 'solid-js';
import { ApiError } from '../api/client';
import type { WorkspaceSheet } from '../api/types';
import { useApp } from '../context';
import { routeHref } from '../router';
import type { LocalSheet } from '../store/db';
import { Dialog } from '../ui/Dialog';
import { archiveSheet, renameSheet } from './workspace';

const CAN_ARCHIVE = new Set(['admin', 'koordinator']);

export function SheetCard(props: { sheet: WorkspaceSheet; local: LocalSheet | undefined; onChanged: () => void }): JSX.Element {
  const services = useApp();
  const { i18n, session } = services;
  const [renaming, setRenaming] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const rows = () => props.sheet.rows ?? props.local?.rows;
  const problems = () => props.sheet.problems ?? props.local?.problems;
  const pending = () => props.local?.pending ?? 0;

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      props.onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const archive = () => {
    if (!confirm(i18n.t('home.archive.confirm', { name: props.sheet.name }))) return;
    void act(() => archiveSheet(services, props.sheet.id, true));
  };

  return (
    <li class="sheet-card" classList={{ archived: props.sheet.archived }} data-testid={`sheet-${props.sheet.id}`}>
      <a class="sheet-name" href={routeHref({ name: 'sheet', id: props.sheet.id })} data-testid="sheet-link">
        {props.sheet.name}
      </a>
      <div class="sheet-meta">
        {props.sheet.program} · {props.sheet.period}
        <Show when={props.sheet.access === 'read'}>
          <span class="tag">{i18n.t('home.readOnly')}</span>
        </Show>
        <Show when={props.sheet.archived}>
          <span class="tag">{i18n.t('home.archived')}</span>
        </Show>
        <Show when={props.local}>
          <span class="tag ok">{i18n.t('home.onDevice')}</span>
        </Show>
      </div>
      <div class="sheet-counts">
        <Show when={rows() !== undefined}>
          <span data-testid="sheet-rows">{i18n.t('home.rows', { n: i18n.number(rows() ?? 0) })}</span>
        </Show>
        <Show when={problems() !== undefined}>
          <span classList={{ 'warn-text': (problems() ?? 0) > 0 }} title={i18n.t('home.problems.hint')} data-testid="sheet-problems">
            {i18n.t('home.problems', { n: i18n.number(problems() ?? 0) })}
          </span>
        </Show>
        <Show when={pending() > 0}>
          <span class="warn-text" data-testid="sheet-pending">{i18n.t('home.pending', { n: i18n.number(pending()) })}</span>
        </Show>
      </div>
      <div class="sheet-actions">
        <Show when={props.sheet.access === 'write' && !props.sheet.archived}>
          <button type="button" class="small" onClick={() => setRenaming(true)}>
            {i18n.t('home.rename')}
          </button>
        </Show>
        <Show when={CAN_ARCHIVE.has(session.user()?.role ?? '') && !props.sheet.archived}>
          <button type="button" class="small" onClick={archive}>
            {i18n.t('home.archive')}
          </button>
        </Show>
      </div>
      <Show when={error()}>
        <p class="form-error" role="alert">{error()}</p>
      </Show>
      <Show when={renaming()}>
        <RenameDialog
          name={props.sheet.name}
          onClose={() => setRenaming(false)}
          onSave={(name) => {
            setRenaming(false);
            void act(() => renameSheet(services, props.sheet.id, name));
          }}
        />
      </Show>
    </li>
  );
}

function RenameDialog(props: { name: string; onClose: () => void; onSave: (name: string) => void }): JSX.Element {
  const { i18n } = useApp();
  const [name, setName] = createSignal(props.name);
  return (
    <Dialog title={i18n.t('home.rename')} onClose={props.onClose}>
      <form class="form" onSubmit={(e) => { e.preventDefault(); if (name().trim()) props.onSave(name().trim()); }}>
        <label>
          <span>{i18n.t('home.rename.prompt')}</span>
          <input value={name()} onInput={(e) => setName(e.currentTarget.value)} required autofocus />
        </label>
        <div class="actions">
          <button type="button" onClick={props.onClose}>{i18n.t('create.cancel')}</button>
          <button type="submit" class="primary">{i18n.t('home.rename')}</button>
        </div>
      </form>
    </Dialog>
  );
}
