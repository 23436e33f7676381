// Workspace home: kecamatan → kelurahan → sheets with counts.
import { For, Show, createResource, createSignal, type JSX } from 'solid-js';
import { useApp } from '../context';
import { createLiveQuery } from '../store/live';
import type { LocalSheet } from '../store/db';
import { RulesDialog } from '../settings/RulesDialog';
import { CreateSheetDialog } from './CreateSheetDialog';
import { SheetCard } from './SheetCard';
import { loadWorkspace } from './workspace';
import type { WorkspaceSheet } from '../api/types';

const CAN_CREATE = new Set(['admin', 'koordinator', 'operator', 'pengusul']);

export function HomePage(): JSX.Element {
  const services = useApp();
  const { i18n, db, session } = services;
  const [ws, { refetch }] = createResource(() => loadWorkspace(services));
  const local = createLiveQuery(async () => new Map((await db.sheets.toArray()).map((s) => [s.id, s] as const)), new Map<string, LocalSheet>());
  const [creating, setCreating] = createSignal(false);
  const [rules, setRules] = createSignal(false);
  const [showArchived, setShowArchived] = createSignal(false);
  const visible = (sheets: WorkspaceSheet[]) => sheets.filter((s) => showArchived() || !s.archived);

  return (
    <main class="home" data-testid="home">
      <div class="home-head">
        <h1>
          {i18n.t('home.title')}
          <Show when={ws()?.tree.workspace.name}>{(name) => <span class="muted"> · {name()}</span>}</Show>
        </h1>
        <label class="check">
          <input type="checkbox" checked={showArchived()} onChange={(e) => setShowArchived(e.currentTarget.checked)} />
          {i18n.t('home.showArchived')}
        </label>
        <button type="button" data-testid="open-rules" onClick={() => setRules(true)}>
          {i18n.t('rules.open')}
        </button>
        <Show when={rules()}>
          <RulesDialog onClose={() => setRules(false)} />
        </Show>
        <Show when={CAN_CREATE.has(session.user()?.role ?? '')}>
          <button type="button" class="primary" data-testid="create-sheet" onClick={() => setCreating(true)}>
            + {i18n.t('home.create')}
          </button>
        </Show>
      </div>
      <Show when={ws.error}>
        <p class="banner warn" role="alert">{ws.error instanceof Error ? ws.error.message : i18n.t('error.network')}</p>
      </Show>
      <Show when={ws()} fallback={<Show when={!ws.error}><p>{i18n.t('home.loading')}</p></Show>}>
        {(loaded) => (
          <>
            <Show when={loaded().cachedAt}>
              {(at) => <p class="banner info">{i18n.t('home.cached', { when: i18n.dateTime(at()) })}</p>}
            </Show>
            <For each={loaded().tree.kecamatan.filter((k) => k.kelurahan.some((l) => visible(l.sheets).length > 0))}>
              {(kec) => (
                <section class="kecamatan" aria-label={i18n.t('home.kecamatan', { name: kec.name })}>
                  <h2>{i18n.t('home.kecamatan', { name: kec.name })}</h2>
                  <For each={kec.kelurahan.filter((l) => visible(l.sheets).length > 0)}>
                    {(kel) => (
                      <div class="kelurahan">
                        <h3>{kel.name}</h3>
                        <ul class="sheet-list">
                          <For each={visible(kel.sheets)}>{(sheet) => <SheetCard sheet={sheet} local={local().get(sheet.id)} onChanged={refetch} />}</For>
                        </ul>
                      </div>
                    )}
                  </For>
                </section>
              )}
            </For>
            <Show when={visible(loaded().tree.opdSheets).length > 0}>
              <section class="kecamatan">
                <h2>{i18n.t('home.noKecamatan')}</h2>
                <ul class="sheet-list">
                  <For each={visible(loaded().tree.opdSheets)}>{(sheet) => <SheetCard sheet={sheet} local={local().get(sheet.id)} onChanged={refetch} />}</For>
                </ul>
              </section>
            </Show>
            <Show when={loaded().tree.kecamatan.every((k) => k.kelurahan.every((l) => l.sheets.length === 0)) && loaded().tree.opdSheets.length === 0}>
              <p>{i18n.t('home.empty')}</p>
            </Show>
            <Show when={creating()}>
              <CreateSheetDialog tree={loaded().tree} onClose={() => setCreating(false)} onCreated={() => { setCreating(false); void refetch(); }} />
            </Show>
          </>
        )}
      </Show>
    </main>
  );
}
