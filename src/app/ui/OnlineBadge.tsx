import type { JSX } from 'solid-js';
import { useApp } from '../context';

/** Always visible; text and shape, not colour alone, say which state it is. */
export function OnlineBadge(): JSX.Element {
  const { online, i18n } = useApp();
  return (
    <span class="badge" classList={{ online: online(), offline: !online() }} data-testid="online-badge" role="status" aria-live="polite">
      <span aria-hidden="true">{online() ? '●' : '○'}</span> {online() ? i18n.t('net.online') : i18n.t('net.offline')}
    </span>
  );
}
