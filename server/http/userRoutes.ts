// Admin-only user management: GET/POST /api/users, PATCH /api/users/:id,
// POST /api/users/:id/reset-password. Any change of rights closes the user's
// open sync connections (they reconnect with a refreshed token, or not at all).
import { canManageUsers } from '../auth/access';
import { addUser, changeUser, resetPassword, setUserDisabled, UserAdminError } from '../auth/userAdmin';
import { toPublicUser, type UserRecord } from '../catalog/users';
import { requireUser } from './authRoutes';
import type { HttpDeps } from './deps';
import { HttpError, readJson, sendJson } from './respond';
import type { RouteContext, Router } from './router';

export function addUserRoutes(router: Router, deps: HttpDeps): void {
  const { catalog } = deps;

  const requireAdmin = async (ctx: RouteContext): Promise<UserRecord> => {
    const user = await requireUser(deps, ctx);
    if (!canManageUsers(user)) throw new HttpError(403, 'Hanya admin yang dapat mengelola pengguna.');
    return user;
  };
  const wrap = async <T>(f: () => Promise<T> | T): Promise<T> => {
    try {
      return await f();
    } catch (err) {
      if (err instanceof UserAdminError) throw new HttpError(err.status, err.message);
      throw err;
    }
  };

  router.get('/api/users', async (ctx) => {
    const admin = await requireAdmin(ctx);
    sendJson(ctx.res, 200, { users: catalog.users.list(admin.workspaceId).map(toPublicUser) });
  });

  router.post('/api/users', async (ctx) => {
    const admin = await requireAdmin(ctx);
    const body = await readJson(ctx.req);
    const { user, password } = await wrap(() => addUser(catalog, admin.workspaceId, { username: body.username, displayName: body.displayName, role: body.role, scope: body.scope, password: body.password }));
    deps.logger.info({ by: admin.id, userId: user.id, role: user.role }, 'user created');
    sendJson(ctx.res, 201, { user: toPublicUser(user), ...(password ? { password } : {}) });
  });

  router.patch('/api/users/:id', async (ctx) => {
    const admin = await requireAdmin(ctx);
    const body = await readJson(ctx.req);
    const id = ctx.params.id ?? '';
    let user = await wrap(() => catalog.users.byId(id));
    if (!user || user.workspaceId !== admin.workspaceId) throw new HttpError(404, 'Pengguna tidak ditemukan.');
    let revoked = false;
    if (body.role !== undefined || body.scope !== undefined || body.displayName !== undefined) {
      const changed = await wrap(() => changeUser(catalog, admin.workspaceId, id, body));
      user = changed.user;
      revoked ||= changed.rightsChanged;
    }
    if (body.disabled !== undefined) {
      if (typeof body.disabled !== 'boolean') throw new HttpError(400, 'disabled harus true atau false.');
      if (body.disabled !== user.disabled) {
        user = await wrap(() => setUserDisabled(catalog, admin.workspaceId, id, body.disabled as boolean));
        revoked = true;
      }
    }
    if (revoked) deps.connections.closeUser(user.id, user.disabled ? 'Akun dinonaktifkan' : 'Hak akses berubah');
    deps.logger.info({ by: admin.id, userId: user.id, role: user.role, disabled: user.disabled, revoked }, 'user changed');
    sendJson(ctx.res, 200, { user: toPublicUser(user) });
  });

  router.post('/api/users/:id/reset-password', async (ctx) => {
    const admin = await requireAdmin(ctx);
    const body = await readJson(ctx.req);
    const { user, password } = await wrap(() => resetPassword(catalog, admin.workspaceId, ctx.params.id ?? '', body.password));
    deps.connections.closeUser(user.id, 'Kata sandi diganti');
    deps.logger.info({ by: admin.id, userId: user.id }, 'password reset');
    sendJson(ctx.res, 200, { user: toPublicUser(user), ...(password ? { password } : {}) });
  });
}
