// The app shell: services in context, then the screen for the session and route.
import { Match, Show, Switch, createResource, onMount, type JSX } from 'solid-js';
import { createApi } from './api/client';
import { AppContext, useApp, type AppServices } from './context';
import { createI18n } from './i18n/i18n';
import type { Lang } from './i18n/dict';
import { createRouter } from './router';
import { createSession } from './session/session';
import { SelarasDb, type StoredSession } from './store/db';
import { createOnline } from './ui/online';
import { LoginPage } from './login/LoginPage';
import { HomePage } from './home/HomePage';
import { SheetPage } from './sheet/SheetPage';
import { TopBar } from './ui/TopBar';
import { ReloginDialog } from './session/ReloginDialog';
import { registerServiceWorker } from './pwa';

export function App(): JSX.Element {
  const db = new SelarasDb();
  // Both reads start at once: opening the app (also offline) waits for one round trip to IndexedDB, not two.
  const sessionRead = db.session.get('current');
  const [lang] = createResource(async () => {
    const stored = await db.settings.get('lang');
    return stored?.value === 'en' ? ('en' as Lang) : ('id' as Lang);
  });
  return (
    <Show when={lang()} fallback={<p class="boot">Selaras…</p>}>
      {(initial) => <Services db={db} lang={initial()} sessionRead={sessionRead} />}
    </Show>
  );
}

function Services(props: { db: SelarasDb; lang: Lang; sessionRead: Promise<StoredSession | undefined> }): JSX.Element {
  const base = location.origin;
  const session = createSession(props.db, base);
  const services: AppServices = {
    base,
    db: props.db,
    session,
    api: createApi(base, session),
    i18n: createI18n(props.lang, (lang) => void props.db.settings.put({ key: 'lang', value: lang })),
    online: createOnline(),
    router: createRouter(),
  };
  document.documentElement.lang = props.lang;
  onMount(() => {
    void session.load(props.sessionRead);
    registerServiceWorker();
  });
  return (
    <AppContext.Provider value={services}>
      <Screens />
    </AppContext.Provider>
  );
}

function Screens(): JSX.Element {
  const { session, router } = useApp();
  // Keyed on the sheet id only: moving to another row of the same sheet keeps the page.
  const sheetId = () => {
    const r = router.route();
    return r.name === 'sheet' ? r.id : undefined;
  };
  return (
    <Switch>
      <Match when={session.state().status === 'loading'}>
        <p class="boot">Selaras…</p>
      </Match>
      <Match when={session.state().status === 'anonymous'}>
        <LoginPage />
      </Match>
      <Match when={true}>
        <div class="shell">
          <TopBar />
          <Show when={session.state().status === 'expired'}>
            <ReloginDialog />
          </Show>
          <Switch>
            <Match when={router.route().name === 'home'}>
              <HomePage />
            </Match>
            <Match when={sheetId()} keyed>
              {(id) => <SheetPage id={id} />}
            </Match>
          </Switch>
        </div>
      </Match>
    </Switch>
  );
}
