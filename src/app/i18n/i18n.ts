// The current language and t(). Kept in the app context (no module state);
// the choice is remembered in the device's settings.
import { createSignal, type Accessor } from 'solid-js';
import { DICTS, format, type Lang, type MessageKey } from './dict';

export interface I18n {
  lang: Accessor<Lang>;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** Rp1.250.000 */
  rupiah(value: number): string;
  /** DD-MM-YYYY */
  date(ms: number): string;
  /** DD-MM-YYYY HH:MM */
  dateTime(ms: number): string;
  number(n: number): string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function createI18n(initial: Lang, save: (lang: Lang) => void): I18n {
  const [lang, setLangSignal] = createSignal<Lang>(initial);
  return {
    lang,
    setLang(next) {
      setLangSignal(next);
      document.documentElement.lang = next;
      save(next);
    },
    t: (key, params) => format(DICTS[lang()][key], params),
    rupiah: (value) => 'Rp' + Math.round(value).toLocaleString('id-ID'),
    date(ms) {
      const d = new Date(ms);
      return `${pad(d.getDate())}-${pad(d.getMonth() + 1)}-${d.getFullYear()}`;
    },
    dateTime(ms) {
      const d = new Date(ms);
      return `${pad(d.getDate())}-${pad(d.getMonth() + 1)}-${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
    },
    number: (n) => n.toLocaleString(lang() === 'id' ? 'id-ID' : 'en-GB'),
  };
}
