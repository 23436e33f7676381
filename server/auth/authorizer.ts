// The relay asks this, on every WebSocket upgrade, whether a token may open a
// sheet and how: the same accessTo() rule as the HTTP API.
import type { Catalog } from '../catalog';
import { SHEET_ID } from '../catalog/sheets';
import { accessTo } from './access';
import type { AuthService } from './sessions';

export type AuthorizeResult =
  | { ok: true; userId: string; access: 'read' | 'write'; rightsVersion: number }
  | { ok: false; status: 401 | 403 | 404; reason: string };

export function createConnectionAuthorizer(catalog: Catalog, auth: AuthService) {
  return {
    async authorize({ token, sheetId }: { token: string | null | undefined; sheetId: string }): Promise<AuthorizeResult> {
      const who = await auth.authenticate(token);
      if (!who.ok) return { ok: false, status: 401, reason: who.error };
      const sheet = SHEET_ID.test(sheetId) ? catalog.sheets.byId(sheetId) : undefined;
      if (!sheet) return { ok: false, status: 404, reason: 'Lembar tidak ditemukan.' };
      const access = accessTo(who.user, sheet);
      if (access === 'none') return { ok: false, status: 403, reason: 'Anda tidak berhak membuka lembar ini.' };
      // The token's version equals the user's current one (authenticate checked it).
      return { ok: true, userId: who.user.id, access, rightsVersion: who.user.tokenVersion };
    },
  };
}
