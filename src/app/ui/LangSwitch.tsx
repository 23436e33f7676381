import type { JSX } from 'solid-js';
import { useApp } from '../context';

export function LangSwitch(): JSX.Element {
  const { i18n } = useApp();
  return (
    <button
      type="button"
      class="link"
      data-testid="lang-switch"
      lang={i18n.lang() === 'id' ? 'en' : 'id'}
      onClick={() => i18n.setLang(i18n.lang() === 'id' ? 'en' : 'id')}
    >
      {i18n.t('lang.switch')}
    </button>
  );
}
