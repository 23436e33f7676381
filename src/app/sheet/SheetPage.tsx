// The sheet page: opens the sheet from the device (then the network), and
// lays out status, presence, filters, the grid and the side panels.
import { Show, createSignal, onCleanup, type JSX } from 'solid-js';
import { useApp } from '../context';
import { openSheetSync } from './sync/sheetSync';
import { SheetWorkspace } from './SheetWorkspace';

export function SheetPage(props: { id: string }): JSX.Element {
  const services = useApp();
  const { i18n, online } = services;
  const sync = openSheetSync(services, props.id);
  const [localDone, setLocalDone] = createSignal(false);
  void sync.whenLocal.then(() => setLocalDone(true));
  onCleanup(() => sync.close());
  return (
    <Show
      when={sync.ready()}
      fallback={
        <main class="sheet-loading" data-testid="sheet-loading">
          <a href="#/">← {i18n.t('sheet.back')}</a>
          <p>{localDone() && !online() ? i18n.t('sheet.notOnDevice') : i18n.t('sheet.loading')}</p>
        </main>
      }
    >
      <SheetWorkspace id={props.id} sync={sync} />
    </Show>
  );
}
