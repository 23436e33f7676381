import { Show, createSignal, type JSX } from 'solid-js';
import { useApp } from '../context';
import { LangSwitch } from './LangSwitch';
import { OnlineBadge } from './OnlineBadge';
import { LogoutDialog } from '../session/LogoutDialog';

export function TopBar(): JSX.Element {
  const { session, i18n, router } = useApp();
  const [confirming, setConfirming] = createSignal(false);
  return (
    <header class="topbar">
      <a class="brand" href="#/" onClick={() => router.go({ name: 'home' })}>
        <img src="/icons/icon.svg" alt="" width="28" height="28" />
        <span>{i18n.t('app.name')}</span>
      </a>
      <OnlineBadge />
      <span class="spacer" />
      <span class="who" data-testid="who">
        {session.user()?.displayName} <span class="muted">· {session.user()?.role}</span>
      </span>
      <LangSwitch />
      <button type="button" data-testid="logout" onClick={() => setConfirming(true)}>
        {i18n.t('logout')}
      </button>
      <Show when={confirming()}>
        <LogoutDialog onClose={() => setConfirming(false)} />
      </Show>
    </header>
  );
}
