import { Show, type JSX } from 'solid-js';
import { useApp } from '../context';
import { createLiveQuery } from '../store/live';
import { Dialog } from '../ui/Dialog';
import { logoutAndWipe, pendingOnDevice } from './logout';

export function LogoutDialog(props: { onClose: () => void }): JSX.Element {
  const services = useApp();
  const { i18n, router } = services;
  // Live: the count follows the open sheet's acknowledgements while the dialog is up,
  // so waiting for "saved on server" with the dialog open turns the warning off.
  const pending = createLiveQuery<number | undefined>(() => pendingOnDevice(services), undefined);
  const confirm = async () => {
    router.go({ name: 'home' });
    // Let the sheet page close its databases before they are deleted.
    await new Promise((r) => setTimeout(r, 50));
    await logoutAndWipe(services);
    props.onClose();
  };
  return (
    <Dialog title={i18n.t('logout.confirm.title')} onClose={props.onClose} testid="logout-dialog">
      <Show when={pending() !== undefined}>
        <Show when={(pending() ?? 0) > 0} fallback={<p>{i18n.t('logout.confirm.clean')}</p>}>
          <p class="danger-text" data-testid="logout-pending">
            {i18n.t('logout.confirm.pending', { n: pending() ?? 0 })}
          </p>
          <p>{i18n.t('logout.confirm.offlineHint')}</p>
        </Show>
        <div class="actions">
          <button type="button" onClick={props.onClose} autofocus>
            {i18n.t('logout.confirm.no')}
          </button>
          <button type="button" class={(pending() ?? 0) > 0 ? 'danger' : 'primary'} data-testid="logout-confirm" onClick={confirm}>
            {i18n.t('logout.confirm.yes')}
          </button>
        </div>
      </Show>
    </Dialog>
  );
}
