// Logging out wipes this device's copy of every sheet (a shared tablet must not
// keep one officer's lists for the next). Pending changes are counted first so
// the user is warned before anything not yet on the server is deleted.
import { authApi } from '../api/client';
import type { AppServices } from '../context';
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
  await Promise.all([db.sheets.clear(), db.workspace.clear(), db.index.clear(), db.settings.delete('workspace-rules')]);
  await session.forget();
  // Again once the session is gone: a cross-sheet index slice still being written
  // when the wipe began (crossIndex.ts stops at the next slice) is removed too.
  await db.index.clear();
}
