// Revoking rights closes open sync connections: role change, disable, password
// reset, archive (HTTP API), and a change made by another process (the CLI).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SheetView } from '../../server/workspace/tree';
import { CloseCode } from '../../src/sync/wire';
import { api, login, RawSyncClient, startTestServer, type TestServer } from './helpers';

const MEDONO = '33.75.01.1002';
let srv: TestServer;
let admin: string;
let sheetId: string;

async function newOperator(username: string): Promise<{ id: string; token: string }> {
  const res = await api<{ user: { id: string } }>(srv.url, '/api/users', {
    token: admin,
    body: { username, role: 'operator', scope: { kind: 'kelurahan', code: MEDONO }, password: 'kata-sandi-uji' },
  });
  expect(res.status).toBe(201);
  return { id: res.body.user.id, token: (await login(srv.url, username, 'kata-sandi-uji')).accessToken };
}

async function connected(token: string): Promise<RawSyncClient> {
  const c = new RawSyncClient(srv.url, sheetId, token);
  await c.waitSynced();
  return c;
}

beforeAll(async () => {
  srv = await startTestServer();
  admin = (await login(srv.url, 'admin', srv.credentials[0]?.password ?? '')).accessToken;
  const res = await api<SheetView>(srv.url, '/api/sheets', { token: admin, body: { program: 'BPNT', period: '2025', kelurahan: MEDONO } });
  sheetId = res.body.id;
});
afterAll(async () => srv?.stop());

describe('revocation', () => {
  it('changing a role closes the open connections and the old token stops working', async () => {
    const op = await newOperator('op-role');
    const client = await connected(op.token);
    const other = await connected(admin);
    const res = await api(srv.url, `/api/users/${op.id}`, { method: 'PATCH', token: admin, body: { role: 'viewer', scope: 'workspace' } });
    expect(res.status).toBe(200);
    const closed = await client.closed;
    expect(closed.code).toBe(CloseCode.FORBIDDEN);
    expect(closed.reason).toMatch(/Hak akses berubah/);
    // Nobody else is disturbed.
    expect(other.closeInfo).toBeNull();
    other.close();
    const again = new RawSyncClient(srv.url, sheetId, op.token);
    expect((await again.closed).code).toBe(CloseCode.UNAUTHORIZED);
    // Logging in again gives the new, read-only access.
    const fresh = await connected((await login(srv.url, 'op-role', 'kata-sandi-uji')).accessToken);
    fresh.edit((doc) => doc.getMap('meta').set('after-demotion', 'x'));
    expect((await fresh.waitSettled()).access).toBe('read');
    fresh.close();
  });

  it('disabling a user closes their connections and refuses new ones', async () => {
    const op = await newOperator('op-disable');
    const a = await connected(op.token);
    const b = await connected(op.token);
    const res = await api(srv.url, `/api/users/${op.id}`, { method: 'PATCH', token: admin, body: { disabled: true } });
    expect(res.status).toBe(200);
    expect((await a.closed).code).toBe(CloseCode.FORBIDDEN);
    expect((await b.closed).code).toBe(CloseCode.FORBIDDEN);
    expect((await api(srv.url, '/api/login', { body: { username: 'op-disable', password: 'kata-sandi-uji' } })).status).toBe(403);
  });

  it('a password reset closes the connections', async () => {
    const op = await newOperator('op-reset');
    const a = await connected(op.token);
    await api(srv.url, `/api/users/${op.id}/reset-password`, { token: admin, body: {} });
    expect((await a.closed).code).toBe(CloseCode.FORBIDDEN);
  });

  it('a change made by another process (selaras users on the same data folder) closes connections too', async () => {
    const op = await newOperator('op-cli');
    const a = await connected(op.token);
    // What server/cli/users.ts does: write the catalog directly (a second SQLite connection).
    const { openCatalog } = await import('../../server/catalog');
    const { catalogFile } = await import('../../server/config');
    const other = openCatalog(catalogFile(srv.dataDir));
    try {
      other.users.setDisabled(op.id, true);
    } finally {
      other.close();
    }
    const closed = await a.closed;
    expect(closed.code).toBe(CloseCode.FORBIDDEN);
  });

  it('archiving a sheet closes its connections; reconnecting gives read-only access', async () => {
    const op = await newOperator('op-archive');
    const a = await connected(op.token);
    const res = await api<SheetView>(srv.url, `/api/sheets/${sheetId}`, { method: 'PATCH', token: admin, body: { archived: true } });
    expect(res.status).toBe(200);
    expect(res.body.archived).toBe(true);
    expect((await a.closed).reason).toMatch(/diarsipkan/);
    const b = await connected(op.token);
    expect(b.doc.getMap('meta').get('archived')).toBe(true);
    b.edit((doc) => doc.getMap('meta').set('after-archive', 'x'));
    expect((await b.waitSettled()).access).toBe('read');
    b.close();
    const stored = await srv.relay.readDoc(sheetId);
    expect(stored.getMap('meta').get('after-archive')).toBeUndefined();
    stored.destroy();
    await api(srv.url, `/api/sheets/${sheetId}`, { method: 'PATCH', token: admin, body: { archived: false } });
  });
});
