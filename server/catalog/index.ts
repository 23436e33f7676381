// The catalog as one handle: its repositories over one SQLite connection.
import { createAreaRepo } from './areas';
import { openDb, type Db } from './db';
import { createRefreshTokenRepo } from './refreshTokens';
import { createSheetRepo } from './sheets';
import { createUserRepo } from './users';

export interface Catalog {
  db: Db;
  areas: ReturnType<typeof createAreaRepo>;
  users: ReturnType<typeof createUserRepo>;
  sheets: ReturnType<typeof createSheetRepo>;
  refreshTokens: ReturnType<typeof createRefreshTokenRepo>;
  /** A real write: throws if the file cannot be written (disk full, read-only, locked). */
  checkWritable(): void;
  close(): void;
}

export function openCatalog(file: string): Catalog {
  const db = openDb(file);
  const health = db.prepare('INSERT INTO health (id, checked_at) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET checked_at = excluded.checked_at');
  return {
    db,
    areas: createAreaRepo(db),
    users: createUserRepo(db),
    sheets: createSheetRepo(db),
    refreshTokens: createRefreshTokenRepo(db),
    checkWritable() {
      health.run(Date.now());
    },
    close() {
      if (db.open) db.close();
    },
  };
}
