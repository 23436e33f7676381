// GET /api/workspace/rules: the workspace's eligibility settings (everyone who
// can log in reads them: every device checks rows with them);
// PUT /api/workspace/rules: admin and koordinator change them.
import { canSetRules } from '../auth/access';
import { parseRuleSettings, settingsOf, type RuleSettingsView } from '../../src/domain/ruleSettings';
import { requireUser } from './authRoutes';
import type { HttpDeps } from './deps';
import { HttpError, readJson, sendJson } from './respond';
import type { Router } from './router';

export function addSettingsRoutes(router: Router, deps: HttpDeps): void {
  const { catalog } = deps;

  const view = (workspaceId: string, canEdit: boolean): RuleSettingsView => {
    const stored = catalog.areas.ruleSettings(workspaceId);
    let settings = settingsOf();
    if (stored.json !== null) {
      // Stored settings were validated on the way in; an unreadable row (edited by hand) falls back to the defaults, loudly.
      const parsed = parseRuleSettings(safeJson(stored.json));
      if (parsed.ok) settings = parsed.settings;
      else deps.logger.error({ workspaceId, error: parsed.error }, 'stored rule settings unreadable; using defaults');
    }
    return { settings, defaults: settingsOf(), updatedBy: stored.updatedBy, updatedAt: stored.updatedAt, canEdit };
  };

  router.get('/api/workspace/rules', async (ctx) => {
    const user = await requireUser(deps, ctx);
    sendJson(ctx.res, 200, view(user.workspaceId, canSetRules(user)));
  });

  router.put('/api/workspace/rules', async (ctx) => {
    const user = await requireUser(deps, ctx);
    if (!canSetRules(user)) throw new HttpError(403, 'Hanya koordinator atau admin yang dapat mengubah aturan kelayakan.');
    const parsed = parseRuleSettings(await readJson(ctx.req));
    if (!parsed.ok) throw new HttpError(400, parsed.error);
    catalog.areas.setRuleSettings(user.workspaceId, JSON.stringify(parsed.settings), user.displayName || user.username);
    deps.logger.info({ userId: user.id, settings: parsed.settings }, 'rule settings changed');
    sendJson(ctx.res, 200, view(user.workspaceId, true));
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
