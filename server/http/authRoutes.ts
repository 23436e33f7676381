// POST /api/login, /api/refresh, /api/logout; GET /api/me; POST /api/me/password.
import type { HttpDeps } from './deps';
import { bearerToken, HttpError, readJson, sendJson, sendNoContent } from './respond';
import type { RouteContext, Router } from './router';
import type { UserRecord } from '../catalog/users';
import { toPublicUser } from '../catalog/users';
import { ROLE_LABELS } from '../auth/access';

/** The signed-in user, or a 401 HttpError. */
export async function requireUser(deps: HttpDeps, ctx: RouteContext): Promise<UserRecord> {
  const who = await deps.auth.authenticate(bearerToken(ctx.req));
  if (!who.ok) throw new HttpError(401, who.error, { 'www-authenticate': 'Bearer' });
  return who.user;
}

export function clientIp(ctx: RouteContext, trustProxy = false): string {
  if (trustProxy) {
    const forwarded = ctx.req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return ctx.req.socket.remoteAddress ?? 'unknown';
}

export function addAuthRoutes(router: Router, deps: HttpDeps): void {
  router.post('/api/login', async (ctx) => {
    const body = await readJson(ctx.req);
    const result = await deps.auth.login(body.username, body.password, clientIp(ctx, deps.trustProxy));
    if (!result.ok) {
      deps.logger.info({ username: typeof body.username === 'string' ? body.username : undefined, ip: clientIp(ctx, deps.trustProxy), status: result.status }, 'login refused');
      throw new HttpError(result.status, result.error, result.retryAfterSeconds ? { 'retry-after': String(result.retryAfterSeconds) } : {});
    }
    deps.logger.info({ userId: result.session.user.id, ip: clientIp(ctx, deps.trustProxy) }, 'login');
    sendJson(ctx.res, 200, result.session);
  });

  router.post('/api/refresh', async (ctx) => {
    const body = await readJson(ctx.req);
    const result = await deps.auth.refresh(body.refreshToken);
    if (!result.ok) throw new HttpError(result.status, result.error);
    sendJson(ctx.res, 200, result.session);
  });

  router.post('/api/logout', async (ctx) => {
    const body = await readJson(ctx.req);
    deps.auth.logout(body.refreshToken);
    sendNoContent(ctx.res);
  });

  router.post('/api/me/password', async (ctx) => {
    const user = await requireUser(deps, ctx);
    const body = await readJson(ctx.req);
    const result = await deps.auth.changeOwnPassword(user, body.currentPassword, body.newPassword);
    if (!result.ok) throw new HttpError(result.status, result.error);
    // Other devices of this user must log in again; this one continues with the new session.
    deps.connections.closeUser(user.id, 'Kata sandi diganti');
    deps.logger.info({ userId: user.id }, 'own password changed');
    sendJson(ctx.res, 200, result.session);
  });

  router.get('/api/me', async (ctx) => {
    const user = await requireUser(deps, ctx);
    const ws = deps.catalog.areas.workspace(user.workspaceId);
    sendJson(ctx.res, 200, { user: { ...toPublicUser(user), roleLabel: ROLE_LABELS[user.role] }, workspace: ws ?? null });
  });
}
