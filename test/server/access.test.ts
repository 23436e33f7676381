// The access rule as a pure function: every role × sheet scope.
import { describe, expect, it } from 'vitest';
import { accessTo, canArchive, canCreateSheet, roleScopeError, type Principal, type Role, type Scope, type SheetScope } from '../../server/auth/access';

const WS = 'w_3375';
const MEDONO = '33.75.01.1002';
const PODOSUGIH = '33.75.01.1003';
const KAUMAN = '33.75.02.1004';
const BARAT = '33.75.01';

const sheet = (over: Partial<SheetScope>): SheetScope => ({
  workspaceId: WS,
  kind: 'wilayah',
  kecamatan: BARAT,
  kelurahan: MEDONO,
  ownerId: null,
  archived: false,
  ...over,
});

const SHEETS = {
  ownKel: sheet({}),
  sameKec: sheet({ kelurahan: PODOSUGIH }),
  otherKec: sheet({ kecamatan: '33.75.02', kelurahan: KAUMAN }),
  opdOwn: sheet({ kind: 'opd', kecamatan: null, kelurahan: null, ownerId: 'u_me' }),
  opdOther: sheet({ kind: 'opd', kecamatan: null, kelurahan: null, ownerId: 'u_other' }),
};

const user = (role: Role, scope: Scope): Principal => ({ id: 'u_me', workspaceId: WS, role, scope, disabled: false });

const USERS: Record<string, Principal> = {
  admin: user('admin', { kind: 'workspace' }),
  koordinator: user('koordinator', { kind: 'workspace' }),
  supervisor: user('supervisor', { kind: 'kecamatan', code: BARAT }),
  operator: user('operator', { kind: 'kelurahan', code: MEDONO }),
  pengusul: user('pengusul', { kind: 'opd', name: 'Dinas Perhubungan' }),
  viewerWorkspace: user('viewer', { kind: 'workspace' }),
  viewerKecamatan: user('viewer', { kind: 'kecamatan', code: BARAT }),
  viewerKelurahan: user('viewer', { kind: 'kelurahan', code: MEDONO }),
};

// user → [ownKel, sameKec, otherKec, opdOwn, opdOther]
const EXPECTED: Record<string, string[]> = {
  admin: ['write', 'write', 'write', 'write', 'write'],
  koordinator: ['write', 'write', 'write', 'write', 'write'],
  supervisor: ['read', 'read', 'none', 'none', 'none'],
  operator: ['write', 'none', 'none', 'none', 'none'],
  pengusul: ['none', 'none', 'none', 'write', 'none'],
  viewerWorkspace: ['read', 'read', 'read', 'read', 'read'],
  viewerKecamatan: ['read', 'read', 'none', 'none', 'none'],
  viewerKelurahan: ['read', 'none', 'none', 'none', 'none'],
};

describe('accessTo', () => {
  for (const [name, u] of Object.entries(USERS)) {
    it(`${name}: own kelurahan, same kecamatan, other kecamatan, own OPD, other OPD`, () => {
      expect(Object.values(SHEETS).map((s) => accessTo(u, s))).toEqual(EXPECTED[name]);
    });
  }

  it('archived sheets are read-only for everyone who could write', () => {
    for (const [name, u] of Object.entries(USERS)) {
      const got = Object.values(SHEETS).map((s) => accessTo(u, { ...s, archived: true }));
      expect(got, name).toEqual((EXPECTED[name] ?? []).map((a) => (a === 'write' ? 'read' : a)));
    }
  });

  it('a disabled user or another workspace gets nothing', () => {
    for (const u of Object.values(USERS)) {
      expect(accessTo({ ...u, disabled: true }, SHEETS.ownKel)).toBe('none');
      expect(accessTo(u, { ...SHEETS.ownKel, workspaceId: 'w_other' })).toBe('none');
    }
  });

  it('creating and archiving follow the roles', () => {
    expect(canCreateSheet(USERS.operator as Principal, { kind: 'wilayah', kelurahan: MEDONO })).toBe(true);
    expect(canCreateSheet(USERS.operator as Principal, { kind: 'wilayah', kelurahan: KAUMAN })).toBe(false);
    expect(canCreateSheet(USERS.supervisor as Principal, { kind: 'wilayah', kelurahan: MEDONO })).toBe(false);
    expect(canCreateSheet(USERS.pengusul as Principal, { kind: 'opd' })).toBe(true);
    expect(canCreateSheet(USERS.pengusul as Principal, { kind: 'wilayah', kelurahan: MEDONO })).toBe(false);
    expect(canArchive(USERS.koordinator as Principal, SHEETS.ownKel)).toBe(true);
    expect(canArchive(USERS.operator as Principal, SHEETS.ownKel)).toBe(false);
  });

  it('role and scope must fit', () => {
    expect(roleScopeError('operator', { kind: 'kelurahan', code: MEDONO })).toBeNull();
    expect(roleScopeError('operator', { kind: 'kecamatan', code: BARAT })).toMatch(/kelurahan/);
    expect(roleScopeError('supervisor', { kind: 'workspace' })).toMatch(/kecamatan/);
    expect(roleScopeError('pengusul', { kind: 'workspace' })).toMatch(/OPD/);
    expect(roleScopeError('viewer', { kind: 'opd', name: 'x' })).not.toBeNull();
  });
});
