import { Show, createSignal, type JSX } from 'solid-js';
import { useApp } from '../context';
import { LangSwitch } from '../ui/LangSwitch';
import { LoginForm } from './LoginForm';

export function LoginPage(): JSX.Element {
  const { i18n } = useApp();
  return (
    <main class="login-page">
      <div class="login-card">
        <div class="login-brand">
          <img src="/icons/icon.svg" alt="" width="56" height="56" />
          <div>
            <h1>{i18n.t('app.name')}</h1>
            <p>{i18n.t('app.tagline')}</p>
          </div>
        </div>
        <h2>{i18n.t('login.title')}</h2>
        <LoginForm />
        <div class="login-foot">
          <LangSwitch />
        </div>
      </div>
    </main>
  );
}

/** Shown as an inline error below a form. */
export function FormError(props: { message: string | null }): JSX.Element {
  return (
    <Show when={props.message}>
      <p class="form-error" role="alert">
        {props.message}
      </p>
    </Show>
  );
}

export const useFormError = () => createSignal<string | null>(null);
