// Per sheet: link state and durability ("tersimpan di server" / "N perubahan
// belum di server"), with the refusal reason when the relay said "do not retry".
import { Show, type JSX } from 'solid-js';
import { useApp } from '../context';
import type { MessageKey } from '../i18n/dict';
import type { SheetSync } from './sync/sheetSync';

const LINK_TEXT: Record<string, MessageKey> = {
  offline: 'sync.offline',
  connecting: 'sync.connecting',
  connected: 'sync.connected',
  waiting: 'sync.retryIn',
  expired: 'sync.sessionExpired',
  refused: 'sync.offline',
};

const CLOSE_TEXT: Record<number, MessageKey> = {
  4400: 'close.4400',
  4401: 'close.4401',
  4403: 'close.4403',
  4404: 'close.4404',
  4413: 'close.4413',
  4422: 'close.4422',
};

export function SyncStatus(props: { sync: SheetSync }): JSX.Element {
  const { i18n } = useApp();
  const pending = () => props.sync.pending();
  return (
    <div class="sync-status" role="status" aria-live="polite">
      <span class="link-state" data-testid="link-state" data-state={props.sync.status()}>
        {i18n.t(LINK_TEXT[props.sync.status()])}
      </span>
      <span
        class="durability"
        classList={{ ok: pending() === 0, warn: (pending() ?? 1) > 0 }}
        data-testid="durability"
        data-pending={pending() ?? -1}
      >
        <Show when={pending() !== null} fallback={i18n.t('sync.neverSynced')}>
          {pending() === 0 ? `✓ ${i18n.t('sync.saved')}` : `↑ ${i18n.t('sync.pending', { n: i18n.number(pending() ?? 0) })}`}
        </Show>
      </span>
      <Show when={props.sync.refusedCode()}>
        {(code) => (
          <p class="banner danger" role="alert" data-testid="refused">
            {CLOSE_TEXT[code()] ? i18n.t(CLOSE_TEXT[code()]) : i18n.t('close.other', { code: code() })} {i18n.t('close.keep')}
          </p>
        )}
      </Show>
    </div>
  );
}
