// The session expired (refresh refused). Nothing is lost: the sheets keep
// editing locally; logging in again as the same user lets them sync.
import type { JSX } from 'solid-js';
import { useApp } from '../context';
import { LoginForm } from '../login/LoginForm';

export function ReloginDialog(): JSX.Element {
  const { session, i18n } = useApp();
  const user = () => session.user();
  return (
    <section class="banner warn relogin" role="alert" data-testid="relogin">
      <p>{i18n.t('session.expired')}</p>
      <p class="muted">{i18n.t('session.wrongUser', { user: user()?.username ?? '' })}</p>
      <LoginForm fixedUsername={user()?.username ?? ''} />
    </section>
  );
}
