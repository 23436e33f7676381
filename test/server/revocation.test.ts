// Revoking rights closes open sync connections: role change, disable, password
// reset, archive (HTTP API), and a change made by another process (the CLI).
// Only a disabled account is closed for good (4403); every other change closes
// with 4401, "renew the token and reconnect", so that edits made meanwhile
// still reach the server if the user keeps access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SheetView } from '../../server/workspace/tree';
import * as Y from 'yjs';
import { CloseCode, isPermanentClose } from '../../src/sync/wire';
import { openCatalog, type Catalog } from '../../server/catalog';
import { catalogFile } from '../../server/config';
import { watchRevocations } from '../../server/auth/revocationWatch';
import { api, login, RawSyncClient, startTestServer, type TestServer } from './helpers';

const MEDONO = '33.75.01.1002';
let srv: TestServer;
let admin: string;
let sheetId: string;

async function newOperator(username: string): Promise<{ id: string; token: string; refreshToken: string }> {
  const res = await api<{ user: { id: string } }>(srv.url, '/api/users', {
    token: admin,
    body: { username, role: 'operator', scope: { kind: 'kelurahan', code: MEDONO }, password: 'kata-sandi-uji' },
  });
  expect(res.status).toBe(201);
  const session = await login(srv.url, username, 'kata-sandi-uji');
  return { id: res.body.user.id, token: session.accessToken, refreshToken: session.refreshToken };
}

/** What the app does on 4401: exchange the refresh token for a new access token. */
async function refreshed(refreshToken: string): Promise<{ status: number; token?: string }> {
  const res = await api<{ accessToken: string }>(srv.url, '/api/refresh', { body: { refreshToken } });
  return res.status === 200 ? { status: 200, token: res.body.accessToken } : { status: res.status };
}

/** What server/cli/users.ts does: write the catalog directly, through a second SQLite connection. */
async function fromAnotherProcess(change: (catalog: Catalog) => void): Promise<void> {
  const other = openCatalog(catalogFile(srv.dataDir));
  try {
    change(other);
  } finally {
    other.close();
  }
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
  it('changing a role closes with "renew the token"; the renewed token reconnects with the new access', async () => {
    const op = await newOperator('op-role');
    const client = await connected(op.token);
    const other = await connected(admin);
    const res = await api(srv.url, `/api/users/${op.id}`, { method: 'PATCH', token: admin, body: { role: 'viewer', scope: 'workspace' } });
    expect(res.status).toBe(200);
    const closed = await client.closed;
    expect(closed.code).toBe(CloseCode.UNAUTHORIZED);
    expect(isPermanentClose(closed.code)).toBe(false);
    expect(closed.reason).toMatch(/Hak akses berubah/);
    // Nobody else is disturbed.
    expect(other.closeInfo).toBeNull();
    other.close();
    // The old access token no longer opens the sheet…
    const again = new RawSyncClient(srv.url, sheetId, op.token);
    expect((await again.closed).code).toBe(CloseCode.UNAUTHORIZED);
    // …a renewed one does, with the new, read-only access.
    const renewed = await refreshed(op.refreshToken);
    expect(renewed.status).toBe(200);
    const fresh = await connected(renewed.token!);
    fresh.edit((doc) => doc.getMap('meta').set('after-demotion', 'x'));
    expect((await fresh.waitSettled()).access).toBe('read');
    // The same change noticed again (the catalog watch polls too) closes only
    // connections opened with the old rights, never the renewed one.
    srv.connections.closeUser(op.id, 'Hak akses berubah');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fresh.closeInfo).toBeNull();
    fresh.close();
  });

  it('an edit made while the connection was closed for a role change reaches the server after the token is renewed', async () => {
    const op = await newOperator('op-promote');
    const a = await connected(op.token);
    // Same kelurahan, another role that may still write.
    const res = await api(srv.url, `/api/users/${op.id}`, { method: 'PATCH', token: admin, body: { role: 'koordinator', scope: 'workspace' } });
    expect(res.status).toBe(200);
    expect((await a.closed).code).toBe(CloseCode.UNAUTHORIZED);
    a.doc.getMap('meta').set('typed-while-closed', 'tetap tersimpan');
    const renewed = await refreshed(op.refreshToken);
    // The reconnect carries the device's copy: its sync step 2 holds the edit.
    const b = new RawSyncClient(srv.url, sheetId, renewed.token!);
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    await b.waitSynced();
    const ack = await b.waitSettled();
    expect(ack.access).toBe('write');
    b.close();
    const stored = await srv.relay.readDoc(sheetId);
    expect(stored.getMap('meta').get('typed-while-closed')).toBe('tetap tersimpan');
    stored.destroy();
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
    // Not permanent: the app renews its token, which a reset refuses, so the
    // user is asked to log in again (and then syncs what they typed).
    expect((await a.closed).code).toBe(CloseCode.UNAUTHORIZED);
    expect((await refreshed(op.refreshToken)).status).toBe(401);
  });

  it('a change made by another process (selaras users on the same data folder) closes connections too', async () => {
    const op = await newOperator('op-cli');
    const a = await connected(op.token);
    // No wait for a poll first: a user the watch has not seen yet counts too.
    await fromAnotherProcess((catalog) => catalog.users.setDisabled(op.id, true));
    const closed = await a.closed;
    expect(closed.code).toBe(CloseCode.FORBIDDEN);
  });

  it('the catalog watch reports a user created and disabled between two polls', async () => {
    // Deterministic version of the race the tests above may or may not hit: the
    // watch has never seen this user, yet must still report them.
    const catalog = openCatalog(catalogFile(srv.dataDir));
    const reported: string[] = [];
    const watch = watchRevocations(catalog.db, (userId) => reported.push(userId), 60_000);
    try {
      const workspaceId = catalog.users.byUsername('admin')!.workspaceId;
      const user = catalog.users.create({
        workspaceId,
        username: 'op-new-disabled',
        displayName: 'op-new-disabled',
        role: 'operator',
        scope: { kind: 'kelurahan', code: MEDONO },
        passwordHash: 'tidak-dipakai',
      });
      catalog.users.setDisabled(user.id, true);
      watch.check();
      expect(reported).toEqual([user.id]);
      // Seen now: the next poll reports nothing new.
      watch.check();
      expect(reported).toEqual([user.id]);
    } finally {
      watch.stop();
      catalog.close();
    }
  });

  it('a role change made by another process closes with "renew the token"', async () => {
    const op = await newOperator('op-cli-role');
    const a = await connected(op.token);
    await fromAnotherProcess((catalog) => catalog.users.update(op.id, { role: 'viewer', scope: { kind: 'workspace' } }));
    expect((await a.closed).code).toBe(CloseCode.UNAUTHORIZED);
  });

  it('archiving a sheet closes with "renew the token"; reconnecting gives read-only access; reopening gives write again', async () => {
    const op = await newOperator('op-archive');
    const a = await connected(op.token);
    const res = await api<SheetView>(srv.url, `/api/sheets/${sheetId}`, { method: 'PATCH', token: admin, body: { archived: true } });
    expect(res.status).toBe(200);
    expect(res.body.archived).toBe(true);
    const closed = await a.closed;
    expect(closed.code).toBe(CloseCode.UNAUTHORIZED);
    expect(closed.reason).toMatch(/diarsipkan/);
    const b = await connected(op.token);
    expect(b.doc.getMap('meta').get('archived')).toBe(true);
    b.edit((doc) => doc.getMap('meta').set('after-archive', 'x'));
    expect((await b.waitSettled()).access).toBe('read');
    const stored = await srv.relay.readDoc(sheetId);
    expect(stored.getMap('meta').get('after-archive')).toBeUndefined();
    stored.destroy();
    await api(srv.url, `/api/sheets/${sheetId}`, { method: 'PATCH', token: admin, body: { archived: false } });
    const reopened = await b.closed;
    expect(reopened.code).toBe(CloseCode.UNAUTHORIZED);
    expect(reopened.reason).toMatch(/dibuka kembali/);
    const c = await connected(op.token);
    c.edit((doc) => doc.getMap('meta').set('after-reopen', 'x'));
    expect((await c.waitSettled()).access).toBe('write');
    c.close();
  });
});
