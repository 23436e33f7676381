// Users in the catalog. Every change that affects rights bumps token_version,
// which makes all access tokens issued before it invalid.
import { randomBytes } from 'node:crypto';
import type { Principal, Role, Scope } from '../auth/access';
import type { Db } from './db';

export interface UserRecord extends Principal {
  username: string;
  displayName: string;
  passwordHash: string;
  tokenVersion: number;
  createdAt: number;
  updatedAt: number;
}

/** What the API shows of a user (never the hash). */
export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  disabled: boolean;
}

export interface NewUser {
  workspaceId: string;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  passwordHash: string;
}

interface UserRow {
  id: string;
  workspace_id: string;
  username: string;
  display_name: string;
  role: string;
  scope_kind: string;
  scope_value: string | null;
  password_hash: string;
  token_version: number;
  disabled: number;
  created_at: number;
  updated_at: number;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;

export function usernameProblem(username: unknown): string | null {
  if (typeof username !== 'string' || !username) return 'Nama pengguna wajib diisi.';
  if (!USERNAME.test(username)) {
    return 'Nama pengguna 3–32 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf/angka.';
  }
  return null;
}

export function toPublicUser(u: UserRecord): PublicUser {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, scope: u.scope, disabled: u.disabled };
}

function scopeFromRow(kind: string, value: string | null): Scope {
  if (kind === 'kecamatan' || kind === 'kelurahan') return { kind, code: value ?? '' };
  if (kind === 'opd') return { kind, name: value ?? '' };
  return { kind: 'workspace' };
}

function scopeToRow(scope: Scope): [string, string | null] {
  switch (scope.kind) {
    case 'workspace':
      return ['workspace', null];
    case 'kecamatan':
    case 'kelurahan':
      return [scope.kind, scope.code];
    case 'opd':
      return ['opd', scope.name];
  }
}

function fromRow(r: UserRow): UserRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as Role,
    scope: scopeFromRow(r.scope_kind, r.scope_value),
    passwordHash: r.password_hash,
    tokenVersion: r.token_version,
    disabled: r.disabled !== 0,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export class DuplicateUsernameError extends Error {
  constructor(username: string) {
    super(`Nama pengguna "${username}" sudah dipakai.`);
  }
}

export function createUserRepo(db: Db) {
  const byIdStmt = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const byNameStmt = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
  const listStmt = db.prepare<[string], UserRow>('SELECT * FROM users WHERE workspace_id = ? ORDER BY username');
  const dropRefresh = db.prepare<[string]>('DELETE FROM refresh_tokens WHERE user_id = ?');

  const byId = (id: string): UserRecord | undefined => {
    const row = byIdStmt.get(id);
    return row ? fromRow(row) : undefined;
  };

  return {
    byId,
    byUsername(username: string): UserRecord | undefined {
      const row = byNameStmt.get(username.toLowerCase());
      return row ? fromRow(row) : undefined;
    },
    list(workspaceId: string): UserRecord[] {
      return listStmt.all(workspaceId).map(fromRow);
    },
    count(): number {
      return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
    },
    create(u: NewUser): UserRecord {
      const username = u.username.toLowerCase();
      if (byNameStmt.get(username)) throw new DuplicateUsernameError(username);
      const id = 'u_' + randomBytes(9).toString('base64url');
      const now = Date.now();
      const [kind, value] = scopeToRow(u.scope);
      db.prepare(
        `INSERT INTO users (id, workspace_id, username, display_name, role, scope_kind, scope_value, password_hash, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, u.workspaceId, username, u.displayName, u.role, kind, value, u.passwordHash, now, now);
      return byId(id) as UserRecord;
    },
    /** Change role/scope/display name; bumps the token version when rights change. */
    update(id: string, patch: { role?: Role; scope?: Scope; displayName?: string }): UserRecord | undefined {
      const current = byId(id);
      if (!current) return undefined;
      const role = patch.role ?? current.role;
      const scope = patch.scope ?? current.scope;
      const rightsChanged = role !== current.role || JSON.stringify(scope) !== JSON.stringify(current.scope);
      const [kind, value] = scopeToRow(scope);
      db.prepare(
        `UPDATE users SET role = ?, scope_kind = ?, scope_value = ?, display_name = ?,
           token_version = token_version + ?, updated_at = ? WHERE id = ?`,
      ).run(role, kind, value, patch.displayName ?? current.displayName, rightsChanged ? 1 : 0, Date.now(), id);
      return byId(id);
    },
    /** Disable or re-enable; either way every session of the user ends. */
    setDisabled(id: string, disabled: boolean): UserRecord | undefined {
      db.transaction(() => {
        db.prepare('UPDATE users SET disabled = ?, token_version = token_version + 1, updated_at = ? WHERE id = ?').run(
          disabled ? 1 : 0,
          Date.now(),
          id,
        );
        dropRefresh.run(id);
      })();
      return byId(id);
    },
    /** New password; every session of the user ends. */
    setPassword(id: string, passwordHash: string): UserRecord | undefined {
      db.transaction(() => {
        db.prepare('UPDATE users SET password_hash = ?, token_version = token_version + 1, updated_at = ? WHERE id = ?').run(
          passwordHash,
          Date.now(),
          id,
        );
        dropRefresh.run(id);
      })();
      return byId(id);
    },
  };
}

export type UserRepo = ReturnType<typeof createUserRepo>;
