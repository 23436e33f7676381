// Logging in, renewing and ending sessions, and turning a presented access
// token into the current user. Rights are always read fresh from the catalog;
// a token whose version is older than the user's is refused (revoked).
import type { Catalog } from '../catalog';
import { toPublicUser, type PublicUser, type UserRecord } from '../catalog/users';
import type { LoginLimits } from '../config';
import { scopeToString } from './access';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './password';
import { createRateLimiter } from './rateLimit';
import { createTokenSigner, hashRefreshToken, newRefreshToken } from './tokens';

export interface Session {
  accessToken: string;
  /** Epoch ms. */
  accessExpiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
  user: PublicUser;
}

export type Failure = { ok: false; status: 400 | 401 | 403 | 429; error: string; retryAfterSeconds?: number };
export type SessionResult = { ok: true; session: Session } | Failure;
export type AuthResult = { ok: true; user: UserRecord } | { ok: false; status: 401; error: string; reason: string };

export interface AuthOptions {
  secret: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  loginLimits: LoginLimits;
  now?: () => number;
}

const WRONG = 'Nama pengguna atau kata sandi salah.';

function tooMany(ms: number): Failure {
  const minutes = Math.ceil(ms / 60_000);
  return {
    ok: false,
    status: 429,
    error: `Terlalu banyak percobaan masuk. Coba lagi dalam ${minutes} menit.`,
    retryAfterSeconds: Math.ceil(ms / 1000),
  };
}

export function createAuthService(catalog: Catalog, options: AuthOptions) {
  const now = options.now ?? Date.now;
  const signer = createTokenSigner(options.secret, options.accessTtlSeconds, now);
  const perUsername = createRateLimiter({ ...options.loginLimits.perUsername, now });
  const perIp = createRateLimiter({ ...options.loginLimits.perIp, now });
  const decoy = decoyHash();

  async function issue(user: UserRecord): Promise<Session> {
    const { token, expiresAt } = await signer.sign({
      sub: user.id,
      role: user.role,
      scope: scopeToString(user.scope),
      ver: user.tokenVersion,
      ws: user.workspaceId,
    });
    const refreshToken = newRefreshToken();
    const refreshExpiresAt = now() + options.refreshTtlSeconds * 1000;
    catalog.refreshTokens.insert(hashRefreshToken(refreshToken), user.id, refreshExpiresAt);
    return { accessToken: token, accessExpiresAt: expiresAt, refreshToken, refreshExpiresAt, user: toPublicUser(user) };
  }

  return {
    async login(username: unknown, password: unknown, ip: string): Promise<SessionResult> {
      if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
        return { ok: false, status: 400, error: 'Isi nama pengguna dan kata sandi.' };
      }
      const userKey = username.trim().toLowerCase();
      const wait = Math.max(perIp.retryAfter(ip), perUsername.retryAfter(userKey));
      if (wait > 0) return tooMany(wait);
      perIp.record(ip);
      const user = catalog.users.byUsername(userKey);
      const good = await verifyPassword(password, user?.passwordHash ?? (await decoy));
      if (!user || !good) {
        perUsername.record(userKey);
        return { ok: false, status: 401, error: WRONG };
      }
      perUsername.reset(userKey);
      if (user.disabled) return { ok: false, status: 403, error: 'Akun ini dinonaktifkan. Hubungi admin Dinas Sosial.' };
      catalog.refreshTokens.deleteExpired(now());
      return { ok: true, session: await issue(user) };
    },

    /** Exchange a refresh token for a new session (the old refresh token is used up). */
    async refresh(refreshToken: unknown): Promise<SessionResult> {
      if (typeof refreshToken !== 'string' || !refreshToken) return { ok: false, status: 400, error: 'refreshToken wajib diisi.' };
      const found = catalog.refreshTokens.take(hashRefreshToken(refreshToken));
      const expired = { ok: false as const, status: 401 as const, error: 'Sesi sudah berakhir. Silakan masuk lagi.' };
      if (!found || found.expiresAt <= now()) return expired;
      const user = catalog.users.byId(found.userId);
      if (!user || user.disabled) return expired;
      return { ok: true, session: await issue(user) };
    },

    /** A user changes their own password: every other session ends, this one continues with the returned session. */
    async changeOwnPassword(user: UserRecord, current: unknown, next: unknown): Promise<SessionResult> {
      if (typeof current !== 'string' || !(await verifyPassword(current, user.passwordHash))) {
        return { ok: false, status: 403, error: 'Kata sandi saat ini salah.' };
      }
      const problem = passwordProblem(next);
      if (problem) return { ok: false, status: 400, error: problem };
      if (next === current) return { ok: false, status: 400, error: 'Kata sandi baru harus berbeda dari yang lama.' };
      const updated = catalog.users.setPassword(user.id, await hashPassword(String(next)));
      if (!updated) return { ok: false, status: 401, error: 'Sesi sudah berakhir. Silakan masuk lagi.' };
      return { ok: true, session: await issue(updated) };
    },

    logout(refreshToken: unknown): void {
      if (typeof refreshToken === 'string' && refreshToken) catalog.refreshTokens.take(hashRefreshToken(refreshToken));
    },

    /** The user behind an access token, if the token is valid, unexpired and not revoked. */
    async authenticate(token: string | undefined | null): Promise<AuthResult> {
      if (!token) return { ok: false, status: 401, error: 'Silakan masuk terlebih dahulu.', reason: 'missing token' };
      const verified = await signer.verify(token);
      if (!verified.ok) {
        return verified.reason === 'expired'
          ? { ok: false, status: 401, error: 'Sesi kedaluwarsa. Perbarui token atau masuk lagi.', reason: 'token expired' }
          : { ok: false, status: 401, error: 'Token tidak sah. Silakan masuk lagi.', reason: 'invalid token' };
      }
      const user = catalog.users.byId(verified.claims.sub);
      if (!user || user.disabled || user.tokenVersion !== verified.claims.ver) {
        return { ok: false, status: 401, error: 'Hak akses Anda telah berubah. Silakan masuk lagi.', reason: 'token revoked' };
      }
      return { ok: true, user };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
