// Rights can also change outside this process (`selaras users disable …` on
// the same data folder). This watch notices a bumped token version in the
// catalog and closes that user's open sync connections, as the HTTP API does
// at once for its own changes.
import type { Db } from '../catalog/db';

export function watchRevocations(db: Db, closeUser: (userId: string) => void, intervalMs = 2000): { stop(): void; check(): void } {
  const versions = new Map<string, number>();
  const read = db.prepare<[], { id: string; token_version: number }>('SELECT id, token_version FROM users');
  for (const r of read.all()) versions.set(r.id, r.token_version);
  const check = () => {
    for (const r of read.all()) {
      const known = versions.get(r.id);
      versions.set(r.id, r.token_version);
      // A user first seen now (created since the last poll) counts as changed too:
      // they may have been disabled before this poll. closeUser closes only
      // connections opened with other rights, so an extra call is harmless.
      if (known !== r.token_version) closeUser(r.id);
    }
  };
  const timer = setInterval(() => {
    try {
      check();
    } catch {
      // The catalog may be closing; the next tick (or shutdown) settles it.
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), check };
}
