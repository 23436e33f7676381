// THE ACCESS MATRIX at the WebSocket level, with the real authorizer, relay
// and SQLite: every role × sheet scope × read/write. A raw y-protocols client
// connects with each user's token; "none" must be refused at the upgrade, a
// read-only connection's write must be refused by the server (stored doc
// unchanged), a write connection's edit must be stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SheetView, WorkspaceTree } from '../../server/workspace/tree';
import { CloseCode } from '../../src/sync/wire';
import { api, login, RawSyncClient, startTestServer, type TestServer } from './helpers';

const MEDONO = '33.75.01.1002';
const PODOSUGIH = '33.75.01.1003';
const KAUMAN = '33.75.02.1004';
const BARAT = '33.75.01';

const USERS = {
  koordinator: { role: 'koordinator' },
  supervisor: { role: 'supervisor', scope: { kind: 'kecamatan', code: BARAT } },
  operator: { role: 'operator', scope: { kind: 'kelurahan', code: MEDONO } },
  pengusulA: { role: 'pengusul', scope: { kind: 'opd', name: 'Dinas Perhubungan' } },
  pengusulB: { role: 'pengusul', scope: { kind: 'opd', name: 'Dinas Perdagangan' } },
  viewerWs: { role: 'viewer', scope: 'workspace' },
  viewerKec: { role: 'viewer', scope: `kecamatan:${BARAT}` },
  viewerKel: { role: 'viewer', scope: `kelurahan:${MEDONO}` },
} as const;
type Who = 'admin' | keyof typeof USERS;
type Target = 'ownKel' | 'sameKec' | 'otherKec' | 'opdA' | 'opdB';

// Sheets: ownKel = Medono (the operator's), sameKec = Podosugih (same kecamatan), otherKec = Kauman, opdA/opdB = OPD lists.
const EXPECTED: Record<Who, Record<Target, 'none' | 'read' | 'write'>> = {
  admin: { ownKel: 'write', sameKec: 'write', otherKec: 'write', opdA: 'write', opdB: 'write' },
  koordinator: { ownKel: 'write', sameKec: 'write', otherKec: 'write', opdA: 'write', opdB: 'write' },
  supervisor: { ownKel: 'read', sameKec: 'read', otherKec: 'none', opdA: 'none', opdB: 'none' },
  operator: { ownKel: 'write', sameKec: 'none', otherKec: 'none', opdA: 'none', opdB: 'none' },
  pengusulA: { ownKel: 'none', sameKec: 'none', otherKec: 'none', opdA: 'write', opdB: 'none' },
  pengusulB: { ownKel: 'none', sameKec: 'none', otherKec: 'none', opdA: 'none', opdB: 'write' },
  viewerWs: { ownKel: 'read', sameKec: 'read', otherKec: 'read', opdA: 'read', opdB: 'read' },
  viewerKec: { ownKel: 'read', sameKec: 'read', otherKec: 'none', opdA: 'none', opdB: 'none' },
  viewerKel: { ownKel: 'read', sameKec: 'none', otherKec: 'none', opdA: 'none', opdB: 'none' },
};

let srv: TestServer;
const tokens = {} as Record<Who, string>;
const sheets = {} as Record<Target, string>;

async function createSheet(token: string, body: Record<string, unknown>): Promise<string> {
  const res = await api<SheetView>(srv.url, '/api/sheets', { token, body });
  if (res.status !== 201) throw new Error(`create sheet: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

beforeAll(async () => {
  srv = await startTestServer();
  const admin = await login(srv.url, 'admin', srv.credentials[0]?.password ?? '');
  tokens.admin = admin.accessToken;
  for (const [username, spec] of Object.entries(USERS)) {
    const res = await api(srv.url, '/api/users', { token: admin.accessToken, body: { username: username.toLowerCase(), password: 'kata-sandi-uji', ...spec } });
    if (res.status !== 201) throw new Error(`create ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    tokens[username as Who] = (await login(srv.url, username.toLowerCase(), 'kata-sandi-uji')).accessToken;
  }
  sheets.ownKel = await createSheet(tokens.koordinator, { program: 'BPNT', period: '2025', kelurahan: MEDONO });
  sheets.sameKec = await createSheet(tokens.koordinator, { program: 'BPNT', period: '2025', kelurahan: PODOSUGIH });
  sheets.otherKec = await createSheet(tokens.koordinator, { program: 'PKH', period: '2025', kelurahan: KAUMAN });
  sheets.opdA = await createSheet(tokens.pengusulA, { program: 'BST', period: '2025', name: 'Pengemudi becak' });
  sheets.opdB = await createSheet(tokens.pengusulB, { program: 'BST', period: '2025', name: 'Pedagang pasar' });
});
afterAll(async () => srv?.stop());

async function storedProbe(sheetId: string, key: string): Promise<unknown> {
  const doc = await srv.relay.readDoc(sheetId);
  try {
    return doc.getMap('meta').get(key);
  } finally {
    doc.destroy();
  }
}

describe('access matrix over WebSocket', () => {
  for (const who of Object.keys(EXPECTED) as Who[]) {
    it(`${who}`, async () => {
      for (const target of Object.keys(EXPECTED[who]) as Target[]) {
        const expected = EXPECTED[who][target];
        const where = `${who} → ${target}`;
        const client = new RawSyncClient(srv.url, sheets[target], tokens[who]);
        try {
          if (expected === 'none') {
            const closed = await client.closed;
            expect(closed.code, where).toBe(CloseCode.FORBIDDEN);
            expect(closed.reason, where).toMatch(/tidak berhak/);
            expect(client.synced, where).toBe(false);
            continue;
          }
          await client.waitSynced();
          // The sheet's content arrived (columns written by the server at creation).
          expect(client.doc.getArray('columns').length, where).toBeGreaterThan(0);
          const probe = `probe-${who}`;
          client.edit((doc) => doc.getMap('meta').set(probe, 'x'));
          const ack = await client.waitSettled();
          expect(ack.access, where).toBe(expected);
          expect(client.closeInfo, where).toBeNull();
          expect(await storedProbe(sheets[target], probe), where).toBe(expected === 'write' ? 'x' : undefined);
        } finally {
          client.close();
        }
      }
    });
  }

  it('the HTTP API agrees with the matrix (GET /api/sheets/:id and the workspace tree)', async () => {
    for (const who of Object.keys(EXPECTED) as Who[]) {
      const tree = (await api<WorkspaceTree>(srv.url, '/api/workspace', { token: tokens[who] })).body;
      const listed = new Map<string, string>();
      for (const kec of tree.kecamatan) for (const kel of kec.kelurahan) for (const s of kel.sheets) listed.set(s.id, s.access);
      for (const s of tree.opdSheets) listed.set(s.id, s.access);
      for (const target of Object.keys(EXPECTED[who]) as Target[]) {
        const expected = EXPECTED[who][target];
        const res = await api<SheetView>(srv.url, `/api/sheets/${sheets[target]}`, { token: tokens[who] });
        if (expected === 'none') {
          expect(res.status, `${who} → ${target}`).toBe(404);
          expect(listed.has(sheets[target]), `${who} → ${target}`).toBe(false);
        } else {
          expect(res.body.access, `${who} → ${target}`).toBe(expected);
          expect(listed.get(sheets[target]), `${who} → ${target}`).toBe(expected);
        }
      }
    }
  });

  it('a read-only connection that sends real content is refused and the stored doc is unchanged', async () => {
    const before = await srv.relay.readDoc(sheets.ownKel);
    const rowsBefore = before.getMap('rows').size;
    before.destroy();
    const client = new RawSyncClient(srv.url, sheets.ownKel, tokens.supervisor);
    try {
      await client.waitSynced();
      client.edit((doc) => {
        doc.getMap('rows').set('r-injected', doc.getMap('rows').get('nope') ?? 'x');
        doc.getArray('order').push(['r-injected']);
      });
      client.edit((doc) => doc.getArray('columns').delete(0, 1));
      const ack = await client.waitSettled();
      expect(ack.access).toBe('read');
      const after = await srv.relay.readDoc(sheets.ownKel);
      expect(after.getMap('rows').size).toBe(rowsBefore);
      expect(after.getArray('order').toArray()).not.toContain('r-injected');
      expect(after.getArray('columns').length).toBeGreaterThan(0);
      expect(after.getArray('columns').length).toBe(client.doc.getArray('columns').length + 1);
      after.destroy();
      // A writer connecting afterwards sees none of it.
      const writer = new RawSyncClient(srv.url, sheets.ownKel, tokens.operator);
      await writer.waitSynced();
      expect(writer.doc.getArray('order').toArray()).not.toContain('r-injected');
      writer.close();
    } finally {
      client.close();
    }
  });

  it('a bad token is 4401, an unknown sheet 4404, another kelurahan 4403', async () => {
    const bad = new RawSyncClient(srv.url, sheets.ownKel, 'not-a-token');
    expect((await bad.closed).code).toBe(CloseCode.UNAUTHORIZED);
    const unknown = new RawSyncClient(srv.url, 's_doesnotexist', tokens.admin);
    expect((await unknown.closed).code).toBe(CloseCode.NOT_FOUND);
    const other = new RawSyncClient(srv.url, sheets.otherKec, tokens.operator);
    const closed = await other.closed;
    expect(closed.code).toBe(CloseCode.FORBIDDEN);
    expect(other.synced).toBe(false);
  });
});
