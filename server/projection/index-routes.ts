// GET /api/index: the cross-sheet index of the user's workspace (see workspace-index.ts).
import { accessTo } from '../auth/access';
import { requireUser } from '../http/authRoutes';
import type { HttpDeps } from '../http/deps';
import { sendJson } from '../http/respond';
import type { Router } from '../http/router';
import type { WorkspaceIndex } from './workspace-index';

export function addIndexRoutes(router: Router, deps: HttpDeps, index: WorkspaceIndex): void {
  router.get('/api/index', async (ctx) => {
    const user = await requireUser(deps, ctx);
    const sheets = deps.catalog.sheets.list(user.workspaceId);
    const byId = new Map(sheets.map((s) => [s.id, s]));
    const entries = await index.entries(
      sheets.map((s) => ({ id: s.id, name: s.name, program: s.program, kelurahan: s.kelurahan })),
      (id) => accessTo(user, byId.get(id)!) !== 'none',
    );
    sendJson(ctx.res, 200, { generatedAt: Date.now(), entries });
  });
}
