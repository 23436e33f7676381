// Managing users: the rules shared by the admin HTTP API and `selaras users`.
// Every failure is a UserAdminError with an HTTP status and a message in
// Bahasa Indonesia; nothing is written when validation fails.
import type { Catalog } from '../catalog';
import { DuplicateUsernameError, usernameProblem, type UserRecord } from '../catalog/users';
import { isRole, roleScopeError, ROLES, type Role, type Scope } from './access';
import { generatePassword, hashPassword, passwordProblem } from './password';

export class UserAdminError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A scope from API/CLI input: `{kind, code|name}` or the text form
 * 'workspace' | 'kecamatan:33.75.01' | 'kelurahan:33.75.01.1002' | 'opd:Dinas Perhubungan'.
 * Area codes must exist in the workspace.
 */
export function parseScope(catalog: Catalog, workspaceId: string, input: unknown): Scope {
  let kind: unknown;
  let value: unknown;
  if (typeof input === 'string') {
    const i = input.indexOf(':');
    kind = i < 0 ? input : input.slice(0, i);
    value = i < 0 ? undefined : input.slice(i + 1);
  } else if (input && typeof input === 'object') {
    const o = input as Record<string, unknown>;
    kind = o.kind;
    value = o.code ?? o.name;
  } else if (input === undefined || input === null) {
    kind = 'workspace';
  }
  switch (kind) {
    case 'workspace':
      return { kind: 'workspace' };
    case 'kecamatan': {
      const k = typeof value === 'string' ? catalog.areas.kecamatanByCode(value.trim()) : undefined;
      if (!k || k.workspaceId !== workspaceId) throw new UserAdminError(400, `Kecamatan "${String(value ?? '')}" tidak ada di ruang kerja ini.`);
      return { kind: 'kecamatan', code: k.code };
    }
    case 'kelurahan': {
      const k = typeof value === 'string' ? catalog.areas.kelurahanByCode(value.trim()) : undefined;
      if (!k || k.workspaceId !== workspaceId) throw new UserAdminError(400, `Kelurahan "${String(value ?? '')}" tidak ada di ruang kerja ini.`);
      return { kind: 'kelurahan', code: k.code };
    }
    case 'opd': {
      const name = typeof value === 'string' ? value.trim() : '';
      if (!name || name.length > 100) throw new UserAdminError(400, 'Nama OPD wajib diisi (maksimal 100 karakter).');
      return { kind: 'opd', name };
    }
    default:
      throw new UserAdminError(400, 'Cakupan tidak valid: gunakan workspace, kecamatan:<kode>, kelurahan:<kode> atau opd:<nama>.');
  }
}

function parseRole(input: unknown): Role {
  if (!isRole(input)) throw new UserAdminError(400, `Peran tidak dikenal. Pilih salah satu: ${ROLES.join(', ')}.`);
  return input;
}

function checkRoleScope(role: Role, scope: Scope): void {
  const problem = roleScopeError(role, scope);
  if (problem) throw new UserAdminError(400, problem);
}

function mustExist(catalog: Catalog, workspaceId: string, id: string): UserRecord {
  const user = catalog.users.byId(id) ?? catalog.users.byUsername(id);
  if (!user || user.workspaceId !== workspaceId) throw new UserAdminError(404, 'Pengguna tidak ditemukan.');
  return user;
}

/** Refuse a change that would leave the workspace without an active admin. */
function keepOneAdmin(catalog: Catalog, user: UserRecord, stillAdmin: boolean): void {
  if (user.role !== 'admin' || user.disabled || stillAdmin) return;
  const others = catalog.users.list(user.workspaceId).filter((u) => u.role === 'admin' && !u.disabled && u.id !== user.id);
  if (others.length === 0) throw new UserAdminError(409, 'Harus ada minimal satu admin aktif.');
}

export interface AddUserInput {
  username: unknown;
  displayName?: unknown;
  role: unknown;
  scope?: unknown;
  password?: unknown;
}

/** Create a user; returns the generated password when none was given. */
export async function addUser(catalog: Catalog, workspaceId: string, input: AddUserInput): Promise<{ user: UserRecord; password?: string }> {
  const uProblem = usernameProblem(input.username);
  if (uProblem) throw new UserAdminError(400, uProblem);
  const username = String(input.username);
  const role = parseRole(input.role);
  const scope = parseScope(catalog, workspaceId, input.scope);
  checkRoleScope(role, scope);
  const generated = input.password === undefined || input.password === null || input.password === '';
  const password = generated ? generatePassword() : input.password;
  const pProblem = passwordProblem(password);
  if (pProblem) throw new UserAdminError(400, pProblem);
  const displayName = typeof input.displayName === 'string' && input.displayName.trim() ? input.displayName.trim().slice(0, 100) : username;
  if (catalog.users.byUsername(username)) throw new UserAdminError(409, `Nama pengguna "${username}" sudah dipakai.`);
  const passwordHash = await hashPassword(String(password));
  try {
    const user = catalog.users.create({ workspaceId, username, displayName, role, scope, passwordHash });
    return generated ? { user, password: String(password) } : { user };
  } catch (err) {
    if (err instanceof DuplicateUsernameError) throw new UserAdminError(409, err.message);
    throw err;
  }
}

/** Change role and/or scope and/or display name. Returns the user and whether their rights changed. */
export function changeUser(
  catalog: Catalog,
  workspaceId: string,
  id: string,
  patch: { role?: unknown; scope?: unknown; displayName?: unknown },
): { user: UserRecord; rightsChanged: boolean } {
  const user = mustExist(catalog, workspaceId, id);
  const role = patch.role === undefined ? user.role : parseRole(patch.role);
  const scope =
    patch.scope !== undefined
      ? parseScope(catalog, workspaceId, patch.scope)
      : role !== user.role && roleScopeError(role, user.scope) !== null
        ? { kind: 'workspace' as const } // e.g. operator → koordinator: the old kelurahan no longer applies
        : user.scope;
  checkRoleScope(role, scope);
  keepOneAdmin(catalog, user, role === 'admin');
  let displayName: string | undefined;
  if (patch.displayName !== undefined) {
    if (typeof patch.displayName !== 'string' || !patch.displayName.trim()) throw new UserAdminError(400, 'Nama tampilan tidak boleh kosong.');
    displayName = patch.displayName.trim().slice(0, 100);
  }
  const updated = catalog.users.update(user.id, { role, scope, ...(displayName ? { displayName } : {}) }) as UserRecord;
  return { user: updated, rightsChanged: updated.tokenVersion !== user.tokenVersion };
}

export function setUserDisabled(catalog: Catalog, workspaceId: string, id: string, disabled: boolean): UserRecord {
  const user = mustExist(catalog, workspaceId, id);
  if (disabled) keepOneAdmin(catalog, user, false);
  return catalog.users.setDisabled(user.id, disabled) as UserRecord;
}

/** Set a new password (generated when none is given); ends every session of the user. */
export async function resetPassword(catalog: Catalog, workspaceId: string, id: string, password?: unknown): Promise<{ user: UserRecord; password?: string }> {
  const user = mustExist(catalog, workspaceId, id);
  const generated = password === undefined || password === null || password === '';
  const next = generated ? generatePassword() : password;
  const problem = passwordProblem(next);
  if (problem) throw new UserAdminError(400, problem);
  const updated = catalog.users.setPassword(user.id, await hashPassword(String(next))) as UserRecord;
  return generated ? { user: updated, password: String(next) } : { user: updated };
}
