// The login session: access token + refresh token, kept in Dexie so that a
// reload (also offline) stays logged in. An expired session never costs an
// edit: the sheets keep editing into y-indexeddb, the sync layer waits, and a
// new login (same user) hands the sockets a fresh token.
import { createSignal, type Accessor } from 'solid-js';
import { ApiError, authApi, expiryMs, type TokenSource } from '../api/client';
import type { LoginResponse, SessionUser } from '../api/types';
import type { SelarasDb, StoredSession } from '../store/db';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'active'; session: StoredSession }
  /** The refresh token was refused: logged in locally, but nothing syncs until a new login. */
  | { status: 'expired'; session: StoredSession };

export interface Session extends TokenSource {
  state: Accessor<SessionState>;
  user(): SessionUser | undefined;
  /** Bumped whenever a new token is available (sockets reconnect with it). */
  tokenEpoch: Accessor<number>;
  /** Reads the stored session (or takes a read the caller already started). */
  load(read?: Promise<StoredSession | undefined>): Promise<void>;
  login(username: string, password: string): Promise<void>;
  /** Forgets the session on this device (the caller wipes local data). */
  forget(): Promise<void>;
  /** Marks the session expired (e.g. the relay closed with 4401 and refresh failed). */
  markExpired(): void;
}

const EARLY_MS = 30_000;

function toStored(res: LoginResponse): StoredSession {
  return { key: 'current', token: res.accessToken, refreshToken: res.refreshToken, expiresAt: expiryMs(res.accessExpiresAt), user: res.user };
}

export function createSession(db: SelarasDb, base: string): Session {
  const [state, setState] = createSignal<SessionState>({ status: 'loading' });
  const [tokenEpoch, setTokenEpoch] = createSignal(0);
  // One refresh at a time; concurrent callers share it. Per session object, not module state.
  let refreshing: Promise<string> | null = null;
  let forceRefresh = false;

  const current = (): StoredSession | undefined => {
    const s = state();
    return s.status === 'active' || s.status === 'expired' ? s.session : undefined;
  };

  const store = async (session: StoredSession) => {
    await db.session.put(session);
    setState({ status: session.expired ? 'expired' : 'active', session });
  };

  const markExpired = () => {
    const s = current();
    if (!s || s.expired) return;
    void store({ ...s, expired: true });
  };

  const refresh = async (s: StoredSession): Promise<string> => {
    try {
      const res = await authApi.refresh(base, s.refreshToken);
      const next = toStored(res);
      await store(next);
      setTokenEpoch((n) => n + 1);
      return next.token;
    } catch (err) {
      if (err instanceof ApiError && !err.offline && (err.status === 401 || err.status === 403 || err.status === 400)) markExpired();
      throw err;
    }
  };

  return {
    state,
    tokenEpoch,
    user: () => current()?.user,
    async load(read) {
      const s = await (read ?? db.session.get('current'));
      setState(s ? { status: s.expired ? 'expired' : 'active', session: s } : { status: 'anonymous' });
    },
    async login(username, password) {
      const res = await authApi.login(base, username, password);
      await store(toStored(res));
      setTokenEpoch((n) => n + 1);
    },
    async forget() {
      await db.session.delete('current');
      setState({ status: 'anonymous' });
    },
    markExpired,
    tokenRefused() {
      forceRefresh = true;
    },
    async validToken() {
      const s = current();
      if (!s) throw new ApiError('Belum masuk.', 401);
      if (s.expired) throw new ApiError('Sesi berakhir. Masuk lagi.', 401);
      if (!forceRefresh && s.expiresAt - EARLY_MS > Date.now()) return s.token;
      if (!refreshing) {
        forceRefresh = false;
        refreshing = refresh(s).finally(() => {
          refreshing = null;
        });
      }
      return refreshing;
    },
  };
}
