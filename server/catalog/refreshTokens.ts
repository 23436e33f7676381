// Refresh tokens, stored by hash only. Each is used once: refreshing rotates it.
import type { Db } from './db';

export function createRefreshTokenRepo(db: Db) {
  return {
    insert(hash: string, userId: string, expiresAt: number): void {
      db.prepare('INSERT INTO refresh_tokens (hash, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)').run(hash, userId, expiresAt, Date.now());
    },
    /** Remove and return the token's owner and expiry (undefined if unknown). */
    take(hash: string): { userId: string; expiresAt: number } | undefined {
      const row = db
        .prepare<[string], { user_id: string; expires_at: number }>('DELETE FROM refresh_tokens WHERE hash = ? RETURNING user_id, expires_at')
        .get(hash);
      return row ? { userId: row.user_id, expiresAt: row.expires_at } : undefined;
    },
    deleteExpired(now: number): number {
      return db.prepare('DELETE FROM refresh_tokens WHERE expires_at <= ?').run(now).changes;
    },
  };
}

export type RefreshTokenRepo = ReturnType<typeof createRefreshTokenRepo>;
