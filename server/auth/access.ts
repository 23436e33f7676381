// Who may do what: the ONE place where a user's role and scope (user attributes,
// as in Grist's access rules) turn into access to a sheet. Pure: no I/O, no
// clock. The WebSocket authorizer and every HTTP route call these functions.

export const ROLES = ['admin', 'koordinator', 'supervisor', 'operator', 'pengusul', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  koordinator: 'Koordinator Dinsos',
  supervisor: 'Supervisor kecamatan',
  operator: 'Operator kelurahan',
  pengusul: 'Pengusul OPD',
  viewer: 'Pemantau (hanya baca)',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Where a user works: the whole workspace, one kecamatan, one kelurahan, or one OPD (agency). */
export type Scope =
  | { kind: 'workspace' }
  | { kind: 'kecamatan'; code: string }
  | { kind: 'kelurahan'; code: string }
  | { kind: 'opd'; name: string };

export type Access = 'none' | 'read' | 'write';

/** The attributes of a user that access depends on. */
export interface Principal {
  id: string;
  workspaceId: string;
  role: Role;
  scope: Scope;
  disabled: boolean;
}

/**
 * The attributes of a sheet that access depends on. A 'wilayah' sheet belongs to
 * one kelurahan (and so to its kecamatan); an 'opd' sheet is an agency's
 * sectoral list, owned by the pengusul who created it.
 */
export interface SheetScope {
  workspaceId: string;
  kind: 'wilayah' | 'opd';
  kecamatan: string | null;
  kelurahan: string | null;
  ownerId: string | null;
  archived: boolean;
}

/** The access `user` has to `sheet`. An archived sheet is read-only for everyone. */
export function accessTo(user: Principal, sheet: SheetScope): Access {
  const base = baseAccess(user, sheet);
  return base === 'write' && sheet.archived ? 'read' : base;
}

function baseAccess(user: Principal, sheet: SheetScope): Access {
  if (user.disabled || user.workspaceId !== sheet.workspaceId) return 'none';
  const { scope } = user;
  switch (user.role) {
    case 'admin':
    case 'koordinator':
      return 'write';
    case 'supervisor':
      return scope.kind === 'kecamatan' && sheet.kind === 'wilayah' && sheet.kecamatan === scope.code ? 'read' : 'none';
    case 'operator':
      return scope.kind === 'kelurahan' && sheet.kind === 'wilayah' && sheet.kelurahan === scope.code ? 'write' : 'none';
    case 'pengusul':
      return sheet.kind === 'opd' && sheet.ownerId === user.id ? 'write' : 'none';
    case 'viewer':
      return inArea(scope, sheet) ? 'read' : 'none';
  }
}

function inArea(scope: Scope, sheet: SheetScope): boolean {
  switch (scope.kind) {
    case 'workspace':
      return true;
    case 'kecamatan':
      return sheet.kind === 'wilayah' && sheet.kecamatan === scope.code;
    case 'kelurahan':
      return sheet.kind === 'wilayah' && sheet.kelurahan === scope.code;
    case 'opd':
      return false;
  }
}

/** What a new sheet would be: a kelurahan's list, or an OPD's own list. */
export type SheetTarget = { kind: 'wilayah'; kelurahan: string } | { kind: 'opd' };

/** Whether `user` may create a sheet of this kind (OPD sheets are always owned by their creator). */
export function canCreateSheet(user: Principal, target: SheetTarget): boolean {
  if (user.disabled) return false;
  switch (user.role) {
    case 'admin':
    case 'koordinator':
      return target.kind === 'wilayah';
    case 'operator':
      return target.kind === 'wilayah' && user.scope.kind === 'kelurahan' && user.scope.code === target.kelurahan;
    case 'pengusul':
      return target.kind === 'opd';
    case 'supervisor':
    case 'viewer':
      return false;
  }
}

/** Renaming needs write access; archiving (locking a list) and un-archiving are for admin and koordinator. */
export function canRename(user: Principal, sheet: SheetScope): boolean {
  return accessTo(user, sheet) === 'write';
}

export function canArchive(user: Principal, sheet: SheetScope): boolean {
  return !user.disabled && user.workspaceId === sheet.workspaceId && (user.role === 'admin' || user.role === 'koordinator');
}

/** Only admins manage users. */
export function canManageUsers(user: Principal): boolean {
  return !user.disabled && user.role === 'admin';
}

/** The scope kinds each role accepts. */
export const ROLE_SCOPES: Record<Role, ReadonlyArray<Scope['kind']>> = {
  admin: ['workspace'],
  koordinator: ['workspace'],
  supervisor: ['kecamatan'],
  operator: ['kelurahan'],
  pengusul: ['opd'],
  viewer: ['workspace', 'kecamatan', 'kelurahan'],
};

/** Null when `scope` fits `role`, else a message (Bahasa Indonesia) saying what is expected. */
export function roleScopeError(role: Role, scope: Scope): string | null {
  if (ROLE_SCOPES[role].includes(scope.kind)) return null;
  switch (role) {
    case 'admin':
    case 'koordinator':
      return `Peran ${ROLE_LABELS[role]} berlaku untuk seluruh ruang kerja; jangan isi kecamatan/kelurahan/OPD.`;
    case 'supervisor':
      return 'Supervisor kecamatan harus diberi satu kecamatan.';
    case 'operator':
      return 'Operator kelurahan harus diberi satu kelurahan.';
    case 'pengusul':
      return 'Pengusul OPD harus diberi nama OPD.';
    case 'viewer':
      return 'Pemantau diberi seluruh ruang kerja, satu kecamatan, atau satu kelurahan.';
  }
}

/** A compact text form of a scope, used in tokens and logs: 'workspace', 'kecamatan:33.75.01', 'opd:Dinas Perhubungan'. */
export function scopeToString(scope: Scope): string {
  switch (scope.kind) {
    case 'workspace':
      return 'workspace';
    case 'kecamatan':
    case 'kelurahan':
      return `${scope.kind}:${scope.code}`;
    case 'opd':
      return `opd:${scope.name}`;
  }
}

/** The workspace's eligibility settings (UMK, rules on/off) are the Dinsos's: admin and koordinator. */
export function canSetRules(user: Principal): boolean {
  return !user.disabled && (user.role === 'admin' || user.role === 'koordinator');
}
