// The catalog: workspaces, areas (kecamatan, kelurahan), users, sheets and
// refresh tokens, in its own SQLite file (the relay keeps sheet contents in
// docs.db). Schema changes are numbered migrations keyed on PRAGMA user_version.
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** Schema version n is MIGRATIONS[0..n-1] applied in order (exported for the migration test's old fixtures). */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE workspaces (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    regency_code TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE kecamatan (
    code TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    name TEXT NOT NULL
  );
  CREATE TABLE kelurahan (
    code TEXT PRIMARY KEY,
    kecamatan_code TEXT NOT NULL REFERENCES kecamatan(code),
    name TEXT NOT NULL
  );
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    scope_kind TEXT NOT NULL,
    scope_value TEXT,
    password_hash TEXT NOT NULL,
    token_version INTEGER NOT NULL DEFAULT 1,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE sheets (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    name TEXT NOT NULL,
    program TEXT NOT NULL,
    period TEXT NOT NULL,
    kind TEXT NOT NULL,
    kecamatan_code TEXT,
    kelurahan_code TEXT,
    opd TEXT,
    owner_id TEXT,
    archived INTEGER NOT NULL DEFAULT 0,
    created_by TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX sheets_by_kelurahan ON sheets(workspace_id, kelurahan_code);
  CREATE TABLE refresh_tokens (
    hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX refresh_by_user ON refresh_tokens(user_id);
  CREATE TABLE health (id INTEGER PRIMARY KEY, checked_at INTEGER NOT NULL);
  `,
  // 2: the workspace's eligibility settings (src/domain/ruleSettings.ts), JSON; NULL = defaults.
  `
  ALTER TABLE workspaces ADD COLUMN rules_json TEXT;
  ALTER TABLE workspaces ADD COLUMN rules_updated_by TEXT;
  ALTER TABLE workspaces ADD COLUMN rules_updated_at INTEGER;
  `,
];

export function openDb(file: string, options: { readonly?: boolean } = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    // FULL: a committed user change or password reset survives power loss.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  }
  return db;
}

function migrate(db: Db): void {
  // IMMEDIATE: the version is read under the write lock, so a server and a CLI
  // command opening an old catalog at once do not both run the same migration.
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) {
      throw new Error(`Katalog ini dibuat oleh versi Selaras yang lebih baru (skema ${current}); perbarui Selaras.`);
    }
    for (let v = current; v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v] ?? '');
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}
