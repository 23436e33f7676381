// Username + password; used for the first login and for logging in again after
// the session expired (then the username is fixed: the device's edits are theirs).
import { createSignal, type JSX } from 'solid-js';
import { ApiError } from '../api/client';
import { useApp } from '../context';
import { FormError, useFormError } from './LoginPage';

export function LoginForm(props: { fixedUsername?: string; onDone?: () => void }): JSX.Element {
  const { session, i18n, online } = useApp();
  const [username, setUsername] = createSignal(props.fixedUsername ?? '');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = useFormError();

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!online()) {
      setError(i18n.t('login.offline'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await session.login(username().trim(), password());
      props.onDone?.();
    } catch (err) {
      setError(err instanceof ApiError ? (err.offline ? i18n.t('login.offline') : err.message) : i18n.t('login.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form" onSubmit={submit}>
      <label>
        <span>{i18n.t('login.username')}</span>
        <input
          data-testid="login-username"
          name="username"
          autocomplete="username"
          autocapitalize="none"
          required
          readOnly={!!props.fixedUsername}
          value={username()}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
      </label>
      <label>
        <span>{i18n.t('login.password')}</span>
        <input
          data-testid="login-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      <FormError message={error()} />
      <button data-testid="login-submit" class="primary" type="submit" disabled={busy()}>
        {busy() ? i18n.t('login.busy') : i18n.t('login.submit')}
      </button>
    </form>
  );
}
