// The relay asks this, on every WebSocket upgrade, whether a token may open a
// sheet and how: the same accessTo() rule as the HTTP API.
import type { Catalog } from '../catalog';
import { SHEET_ID } from '../catalog/sheets';
import { accessTo } from './access';
import type { AuthService } from './sessions';
import type { ConnectionAuthorizer } from '../relay/relay';

export function createConnectionAuthorizer(catalog: Catalog, auth: AuthService): ConnectionAuthorizer {
  return {
    async authorize({ token, sheetId }) {
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
