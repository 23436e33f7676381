// What every screen may reach: the device database, the session, the API,
// language, network state and navigation. Created once in App, passed by context.
import { createContext, useContext, type Accessor } from 'solid-js';
import type { Api } from './api/client';
import type { I18n } from './i18n/i18n';
import type { Router } from './router';
import type { Session } from './session/session';
import type { SelarasDb } from './store/db';

export interface AppServices {
  /** Origin of the server (same origin as the app). */
  base: string;
  db: SelarasDb;
  session: Session;
  api: Api;
  i18n: I18n;
  online: Accessor<boolean>;
  router: Router;
}

export const AppContext = createContext<AppServices>();

export function useApp(): AppServices {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('AppContext is missing');
  return ctx;
}
