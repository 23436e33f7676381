// Logging out wipes this device's copy of every sheet (a shared tablet must not
// keep one officer's lists for the next). Pending changes are counted first so
// the user is warned before anything not yet on the server is deleted.
import { authApi } from '../api/client';
import type { AppServices } from '../context';
import { forgetRules } from '../settings/rules';
import { forgetIndex } from '../sheet/checks/crossIndex';
import { sheetDbName } from '../store/db';

export async function pendingOnDevice(services: AppServices): Promise<number> {
  const sheets = await services.db.sheets.toArray();
  return sheets.reduce((sum, s) => sum + (s.pending > 0 ? s.pending : 0), 0);
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

export async function logoutAndWipe(services: AppServices): Promise<void> {
  const { db, session, base } = services;
  const stored = await db.session.get('current');
  if (stored && !stored.expired) {
    // Best effort: revoking the refresh token needs the network; the local wipe does not.
    await authApi.logout(base, stored.token, stored.refreshToken).catch(() => undefined);
  }
  const sheets = await db.sheets.toArray();
  await Promise.all(sheets.map((s) => deleteDatabase(sheetDbName(s.id))));
  await Promise.all([db.sheets.clear(), db.workspace.clear(), forgetIndex(services), forgetRules(services)]);
  await session.forget();
}
