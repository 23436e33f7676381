// Login, refresh, logout, rate limits, and bad tokens, over real HTTP.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../server/auth/userAdmin';
import { api, login, startTestServer, type TestServer } from './helpers';

let srv: TestServer;
let adminPassword: string;

beforeAll(async () => {
  srv = await startTestServer({
    loginLimits: { perUsername: { max: 3, windowMs: 60_000 }, perIp: { max: 25, windowMs: 60_000 } },
  });
  adminPassword = srv.credentials.find((c) => c.username === 'admin')?.password ?? '';
  const ws = srv.catalog.areas.workspaces()[0]?.id ?? '';
  await addUser(srv.catalog, ws, { username: 'operator', role: 'operator', scope: 'kelurahan:33.75.01.1002', password: 'rahasia-operator' });
  await addUser(srv.catalog, ws, { username: 'ditahan', role: 'viewer', password: 'rahasia-ditahan' });
  await addUser(srv.catalog, ws, { username: 'lupa', role: 'viewer', password: 'rahasia-lupa' });
});
afterAll(async () => srv?.stop());

describe('login', () => {
  it('returns an access token, a refresh token and the user', async () => {
    const res = await api(srv.url, '/api/login', { body: { username: 'admin', password: adminPassword } });
    expect(res.status).toBe(200);
    const body = res.body as { accessToken: string; refreshToken: string; accessExpiresAt: number; user: { role: string } };
    expect(body.accessToken.split('.')).toHaveLength(3);
    expect(body.refreshToken.length).toBeGreaterThan(30);
    expect(body.accessExpiresAt).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(body.user.role).toBe('admin');
    const me = await api(srv.url, '/api/me', { token: body.accessToken });
    expect(me.status).toBe(200);
    expect((me.body.workspace as { name: string }).name).toBe('Kota Pekalongan');
  });

  it('usernames are case-insensitive', async () => {
    const s = await login(srv.url, 'OPERATOR', 'rahasia-operator');
    expect(s.user.username).toBe('operator');
  });

  it('a wrong password and an unknown user get the same 401 in Bahasa Indonesia', async () => {
    const wrong = await api(srv.url, '/api/login', { body: { username: 'operator', password: 'salah-salah' } });
    const unknown = await api(srv.url, '/api/login', { body: { username: 'tidakada', password: 'salah-salah' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'Nama pengguna atau kata sandi salah.' });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('missing fields and non-JSON bodies are 400/415', async () => {
    expect((await api(srv.url, '/api/login', { body: { username: 'admin' } })).status).toBe(400);
    const res = await fetch(srv.url + '/api/login', { method: 'POST', body: 'username=admin' });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: string }).error).toMatch(/JSON/);
    const broken = await fetch(srv.url + '/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' });
    expect(broken.status).toBe(400);
  });

  it('a disabled account cannot log in', async () => {
    const user = srv.catalog.users.byUsername('ditahan');
    srv.catalog.users.setDisabled(user?.id ?? '', true);
    const res = await api(srv.url, '/api/login', { body: { username: 'ditahan', password: 'rahasia-ditahan' } });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatch(/dinonaktifkan/);
  });

  it('rate-limits wrong passwords per username with 429 and Retry-After', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await api(srv.url, '/api/login', { body: { username: 'lupa', password: `salah-${i}-xxxx` } })).status).toBe(401);
    }
    // Even the right password is refused now: the account is being guessed at.
    const limited = await api(srv.url, '/api/login', { body: { username: 'lupa', password: 'rahasia-lupa' } });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatch(/Terlalu banyak percobaan masuk/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other accounts are not affected.
    expect((await api(srv.url, '/api/login', { body: { username: 'operator', password: 'rahasia-operator' } })).status).toBe(200);
  });

  it('rate-limits attempts per IP', async () => {
    const ipLimited = await startTestServer({ loginLimits: { perUsername: { max: 100, windowMs: 60_000 }, perIp: { max: 4, windowMs: 60_000 } } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) {
        codes.push((await api(ipLimited.url, '/api/login', { body: { username: `orang${i}`, password: 'apa-saja-xx' } })).status);
      }
      expect(codes).toEqual([401, 401, 401, 401, 429, 429]);
    } finally {
      await ipLimited.stop();
    }
  });
});

describe('refresh and logout', () => {
  it('a refresh token renews the session once (rotation)', async () => {
    const s = await login(srv.url, 'operator', 'rahasia-operator');
    const renewed = await api(srv.url, '/api/refresh', { body: { refreshToken: s.refreshToken } });
    expect(renewed.status).toBe(200);
    const body = renewed.body as { accessToken: string; refreshToken: string };
    expect(body.refreshToken).not.toBe(s.refreshToken);
    expect((await api(srv.url, '/api/me', { token: body.accessToken })).status).toBe(200);
    const reused = await api(srv.url, '/api/refresh', { body: { refreshToken: s.refreshToken } });
    expect(reused.status).toBe(401);
    expect(reused.body.error).toMatch(/Sesi sudah berakhir/);
  });

  it('logout ends the refresh token', async () => {
    const s = await login(srv.url, 'operator', 'rahasia-operator');
    expect((await api(srv.url, '/api/logout', { body: { refreshToken: s.refreshToken } })).status).toBe(204);
    expect((await api(srv.url, '/api/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(401);
  });

  it('a password reset ends every earlier session', async () => {
    const s = await login(srv.url, 'operator', 'rahasia-operator');
    const admin = await login(srv.url, 'admin', adminPassword);
    const reset = await api(srv.url, `/api/users/${s.user.id}/reset-password`, { token: admin.accessToken, body: { password: 'rahasia-baru-1' } });
    expect(reset.status).toBe(200);
    expect((await api(srv.url, '/api/me', { token: s.accessToken })).status).toBe(401);
    expect((await api(srv.url, '/api/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(401);
    expect((await api(srv.url, '/api/login', { body: { username: 'operator', password: 'rahasia-operator' } })).status).toBe(401);
    await login(srv.url, 'operator', 'rahasia-baru-1');
  });
});

describe('changing one’s own password', () => {
  it('needs the current password, returns a fresh session, and ends the others', async () => {
    await addUser(srv.catalog, srv.catalog.areas.workspaces()[0]?.id ?? '', { username: 'ganti', role: 'viewer', password: 'sandi-lama-123' });
    const other = await login(srv.url, 'ganti', 'sandi-lama-123');
    const mine = await login(srv.url, 'ganti', 'sandi-lama-123');
    const wrong = await api(srv.url, '/api/me/password', { token: mine.accessToken, body: { currentPassword: 'salah-salah', newPassword: 'sandi-baru-456' } });
    expect(wrong).toMatchObject({ status: 403, body: { error: 'Kata sandi saat ini salah.' } });
    expect((await api(srv.url, '/api/me/password', { token: mine.accessToken, body: { currentPassword: 'sandi-lama-123', newPassword: 'pendek' } })).status).toBe(400);
    const ok = await api<{ accessToken: string }>(srv.url, '/api/me/password', { token: mine.accessToken, body: { currentPassword: 'sandi-lama-123', newPassword: 'sandi-baru-456' } });
    expect(ok.status).toBe(200);
    expect((await api(srv.url, '/api/me', { token: ok.body.accessToken })).status).toBe(200);
    expect((await api(srv.url, '/api/me', { token: other.accessToken })).status).toBe(401);
    expect((await api(srv.url, '/api/refresh', { body: { refreshToken: other.refreshToken } })).status).toBe(401);
    await login(srv.url, 'ganti', 'sandi-baru-456');
  });
});

describe('bad access tokens', () => {
  const claimsFor = (id: string, ver: number) => ({ role: 'admin', scope: 'workspace', ver, ws: 'w_3375', sub: id });

  async function sign(secret: string, claims: ReturnType<typeof claimsFor>, exp: number): Promise<string> {
    return new SignJWT({ role: claims.role, scope: claims.scope, ver: claims.ver, ws: claims.ws })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuer('selaras')
      .setAudience('selaras')
      .setIssuedAt(exp - 3600)
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(secret));
  }

  it('no token, an expired token, a tampered token and a foreign signature are all 401', async () => {
    const admin = srv.catalog.users.byUsername('admin');
    const claims = claimsFor(admin?.id ?? '', admin?.tokenVersion ?? 0);
    const now = Math.floor(Date.now() / 1000);
    const good = await sign(srv.secret, claims, now + 600);
    expect((await api(srv.url, '/api/me', { token: good })).status).toBe(200);

    const none = await api(srv.url, '/api/me');
    expect(none.status).toBe(401);
    expect(none.body.error).toMatch(/masuk/);

    const expired = await api(srv.url, '/api/me', { token: await sign(srv.secret, claims, now - 60) });
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatch(/kedaluwarsa/);

    const [h, p, sig] = good.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...payload, sub: 'u_someone_else' })).toString('base64url');
    expect((await api(srv.url, '/api/me', { token: `${h}.${forged}.${sig}` })).status).toBe(401);
    const flipped = sig.slice(0, -2) + (sig.endsWith('AA') ? 'BB' : 'AA');
    expect((await api(srv.url, '/api/me', { token: `${h}.${p}.${flipped}` })).status).toBe(401);
    expect((await api(srv.url, '/api/me', { token: await sign('x'.repeat(40), claims, now + 600) })).status).toBe(401);
    // alg=none is never accepted.
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${p}.`;
    expect((await api(srv.url, '/api/me', { token: unsigned })).status).toBe(401);
  });

  it('a token of an older version (rights changed since) is refused', async () => {
    const admin = srv.catalog.users.byUsername('admin');
    const stale = await sign(srv.secret, claimsFor(admin?.id ?? '', (admin?.tokenVersion ?? 1) - 1), Math.floor(Date.now() / 1000) + 600);
    const res = await api(srv.url, '/api/me', { token: stale });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatch(/Hak akses Anda telah berubah/);
  });
});
