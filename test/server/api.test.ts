// The JSON API beyond login: sheets (create, rename, archive) with their
// permissions, the admin users API, errors as {error} in Bahasa Indonesia,
// /healthz, /metrics, and serving the built PWA.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SheetView } from '../../server/workspace/tree';
import { appendRows } from '../../src/sheet/rows';
import { api, login, RawSyncClient, startTestServer, type TestServer } from './helpers';

const MEDONO = '33.75.01.1002';
const KAUMAN = '33.75.02.1004';
let srv: TestServer;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  srv = await startTestServer({ demo: true });
  for (const u of ['admin', 'koordinator', 'supervisor', 'operator', 'pengusul', 'viewer']) t[u] = (await login(srv.url, u, 'selaras-demo')).accessToken;
  // The built app, as Vite would leave it.
  mkdirSync(join(srv.config.distDir, 'assets'), { recursive: true });
  writeFileSync(join(srv.config.distDir, 'index.html'), '<!doctype html><title>Selaras</title>');
  writeFileSync(join(srv.config.distDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(srv.config.distDir, 'assets', 'index-abc123.js'), 'console.log(1)');
});
afterAll(async () => srv?.stop());

describe('sheets', () => {
  it('an operator creates a sheet in their own kelurahan, from the default template', async () => {
    const res = await api<SheetView>(srv.url, '/api/sheets', { token: t.operator, body: { program: 'BLT', period: '2025', kelurahan: MEDONO } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'BLT 2025 — Medono', kind: 'wilayah', kelurahan: MEDONO, kecamatan: '33.75.01', access: 'write', archived: false });
    ids.blt = res.body.id;
    const doc = await srv.relay.readDoc(res.body.id);
    expect(doc.getArray('columns').length).toBeGreaterThan(10);
    expect(doc.getMap('meta').get('name')).toBe('BLT 2025 — Medono');
    doc.destroy();
  });

  it('refuses sheets outside one’s scope, and bad input, with messages in Bahasa Indonesia', async () => {
    const other = await api(srv.url, '/api/sheets', { token: t.operator, body: { program: 'BLT', period: '2025', kelurahan: KAUMAN } });
    expect(other.status).toBe(403);
    expect(other.body.error).toMatch(/tidak berhak/);
    expect((await api(srv.url, '/api/sheets', { token: t.supervisor, body: { program: 'BLT', period: '2025', kelurahan: MEDONO } })).status).toBe(403);
    expect((await api(srv.url, '/api/sheets', { token: t.viewer, body: { program: 'BLT', period: '2025', kelurahan: MEDONO } })).status).toBe(403);
    const missing = await api(srv.url, '/api/sheets', { token: t.koordinator, body: { period: '2025', kelurahan: MEDONO } });
    expect(missing).toMatchObject({ status: 400, body: { error: 'Program wajib diisi.' } });
    const nowhere = await api(srv.url, '/api/sheets', { token: t.koordinator, body: { program: 'BLT', period: '2025', kelurahan: '99.99.99.9999' } });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.error).toMatch(/tidak ada di ruang kerja/);
    const badCols = await api(srv.url, '/api/sheets', { token: t.koordinator, body: { program: 'BLT', period: '2025', kelurahan: MEDONO, columns: [{ id: 'a@b', label: 'x' }] } });
    expect(badCols.status).toBe(400);
    expect((await api(srv.url, '/api/sheets', { body: { program: 'BLT', period: '2025', kelurahan: MEDONO } })).status).toBe(401);
  });

  it('a pengusul creates an OPD sheet owned by them, with their own columns', async () => {
    const res = await api<SheetView>(srv.url, '/api/sheets', {
      token: t.pengusul,
      body: { program: 'BST', period: '2025', name: 'Usulan angkot', columns: [{ id: 'nik', label: 'NIK', role: 'nik', format: 'nik' }, { id: 'nama', label: 'Nama', role: 'nama' }] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'opd', opd: 'Dinas Perhubungan', kelurahan: null, access: 'write' });
    expect(srv.catalog.sheets.byId(res.body.id)?.ownerId).toBe(srv.catalog.users.byUsername('pengusul')?.id);
    expect((await api(srv.url, `/api/sheets/${res.body.id}`, { token: t.operator })).status).toBe(404);
  });

  it('renaming needs write access; archiving is for koordinator and admin', async () => {
    const renamed = await api<SheetView>(srv.url, `/api/sheets/${ids.blt}`, { method: 'PATCH', token: t.operator, body: { name: 'BLT DD 2025 — Medono' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('BLT DD 2025 — Medono');
    const doc = await srv.relay.readDoc(ids.blt ?? '');
    expect(doc.getMap('meta').get('name')).toBe('BLT DD 2025 — Medono');
    doc.destroy();
    expect((await api(srv.url, `/api/sheets/${ids.blt}`, { method: 'PATCH', token: t.supervisor, body: { name: 'x' } })).status).toBe(403);
    const archive = await api(srv.url, `/api/sheets/${ids.blt}`, { method: 'PATCH', token: t.operator, body: { archived: true } });
    expect(archive.status).toBe(403);
    expect(archive.body.error).toMatch(/koordinator atau admin/);
    const done = await api<SheetView>(srv.url, `/api/sheets/${ids.blt}`, { method: 'PATCH', token: t.koordinator, body: { archived: true } });
    expect(done.body).toMatchObject({ archived: true, access: 'read' });
    const op = await api<SheetView>(srv.url, `/api/sheets/${ids.blt}`, { token: t.operator });
    expect(op.body.access).toBe('read');
    expect((await api(srv.url, `/api/sheets/${ids.blt}`, { method: 'PATCH', token: t.operator, body: { name: 'y' } })).status).toBe(403);
    expect((await api(srv.url, `/api/sheets/${ids.blt}`, { method: 'PATCH', token: t.koordinator, body: {} })).status).toBe(400);
  });
});

describe('cross-sheet index', () => {
  it('gives every row of the workspace; other kelurahan only with identity fields', async () => {
    interface Entry { key: string; sheet: string; sheetName: string; kelurahan: string; program: string; readable: boolean; values: Record<string, string> }
    const res = await api<{ entries: Entry[] }>(srv.url, '/api/index', { token: t.operator });
    expect(res.status).toBe(200);
    const entries = res.body.entries;
    const medono = entries.filter((e) => e.sheetName === 'BPNT 2025 — Medono');
    const kauman = entries.filter((e) => e.sheetName === 'PKH 2025 — Kauman');
    expect(medono.length).toBeGreaterThan(10);
    expect(kauman.length).toBeGreaterThan(10);
    expect(medono.every((e) => e.readable && e.values.alamat !== undefined)).toBe(true);
    expect(kauman.every((e) => !e.readable && e.kelurahan === 'Kauman' && e.program === 'PKH')).toBe(true);
    for (const e of kauman) expect(Object.keys(e.values).every((k) => ['nik', 'no_kk', 'nama', 'tanggal_lahir', 'jenis_kelamin'].includes(k))).toBe(true);
    // The demo's duplicate across kelurahan is findable.
    const niks = new Set(medono.map((e) => e.values.nik));
    expect(kauman.filter((e) => niks.has(e.values.nik))).toHaveLength(1);
    expect((await api(srv.url, '/api/index')).status).toBe(401);

    // An edit made since is in the next answer (the cache follows the store).
    const medonoId = medono[0]?.sheet ?? '';
    const writer = new RawSyncClient(srv.url, medonoId, t.operator ?? '');
    try {
      await writer.waitSynced();
      writer.edit((doc) => appendRows(doc, [{ nik: '3375014101900001', nama: 'Baru Sekali' }]));
      await writer.waitSettled();
    } finally {
      writer.close();
    }
    const again = await api<{ entries: Entry[] }>(srv.url, '/api/index', { token: t.koordinator });
    expect(again.body.entries.some((e) => e.values.nik === '3375014101900001' && e.values.nama === 'Baru Sekali')).toBe(true);
  });
});

describe('workspace home counts', () => {
  it('each sheet the user may open carries its row count, which follows edits', async () => {
    type Tree = { kecamatan: Array<{ kelurahan: Array<{ code: string; sheets: SheetView[] }> }> };
    const sheets = (tree: Tree) => tree.kecamatan.flatMap((k) => k.kelurahan.flatMap((l) => l.sheets));
    const first = await api<Tree>(srv.url, '/api/workspace', { token: t.operator });
    expect(first.status).toBe(200);
    const medono = sheets(first.body).find((s) => s.name === 'BPNT 2025 — Medono');
    expect(medono?.rows).toBeGreaterThan(10);
    const index = await api<{ entries: Array<{ sheet: string }> }>(srv.url, '/api/index', { token: t.operator });
    expect(medono?.rows).toBe(index.body.entries.filter((e) => e.sheet === medono?.id).length);

    const writer = new RawSyncClient(srv.url, medono?.id ?? '', t.operator ?? '');
    try {
      await writer.waitSynced();
      writer.edit((doc) => appendRows(doc, [{ nama: 'Satu' }, { nama: 'Dua' }]));
      await writer.waitSettled();
    } finally {
      writer.close();
    }
    const again = await api<Tree>(srv.url, '/api/workspace', { token: t.operator });
    expect(sheets(again.body).find((s) => s.id === medono?.id)?.rows).toBe((medono?.rows ?? 0) + 2);
  });
});

describe('users (admin only)', () => {
  it('lists, creates with a generated password, changes role and scope, disables', async () => {
    expect((await api(srv.url, '/api/users', { token: t.koordinator })).status).toBe(403);
    const list = await api<{ users: Array<{ username: string; passwordHash?: string }> }>(srv.url, '/api/users', { token: t.admin });
    expect(list.body.users.map((u) => u.username)).toContain('operator2');
    expect(JSON.stringify(list.body)).not.toContain('scrypt');

    const created = await api<{ user: { id: string; role: string }; password: string }>(srv.url, '/api/users', {
      token: t.admin,
      body: { username: 'sari', displayName: 'Sari Wulandari', role: 'supervisor', scope: { kind: 'kecamatan', code: '33.75.03' } },
    });
    expect(created.status).toBe(201);
    expect(created.body.password).toMatch(/^\S{19}$/);
    await login(srv.url, 'sari', created.body.password);

    const changed = await api<{ user: { role: string; scope: unknown } }>(srv.url, `/api/users/${created.body.user.id}`, {
      method: 'PATCH',
      token: t.admin,
      body: { role: 'operator', scope: 'kelurahan:33.75.03.1002' },
    });
    expect(changed.body.user).toMatchObject({ role: 'operator', scope: { kind: 'kelurahan', code: '33.75.03.1002' } });
    const disabled = await api<{ user: { disabled: boolean } }>(srv.url, `/api/users/${created.body.user.id}`, { method: 'PATCH', token: t.admin, body: { disabled: true } });
    expect(disabled.body.user.disabled).toBe(true);
  });

  it('validates input: duplicate names, unknown roles, scopes that do not fit, short passwords, the last admin', async () => {
    const dup = await api(srv.url, '/api/users', { token: t.admin, body: { username: 'operator', role: 'viewer' } });
    expect(dup).toMatchObject({ status: 409, body: { error: 'Nama pengguna "operator" sudah dipakai.' } });
    expect((await api(srv.url, '/api/users', { token: t.admin, body: { username: 'x1y', role: 'raja' } })).body.error).toMatch(/Peran tidak dikenal/);
    expect((await api(srv.url, '/api/users', { token: t.admin, body: { username: 'x1y', role: 'operator', scope: 'kecamatan:33.75.01' } })).body.error).toMatch(/satu kelurahan/);
    expect((await api(srv.url, '/api/users', { token: t.admin, body: { username: 'x1y', role: 'operator', scope: 'kelurahan:11.01.01.2001' } })).body.error).toMatch(/tidak ada di ruang kerja/);
    expect((await api(srv.url, '/api/users', { token: t.admin, body: { username: 'x1y', role: 'viewer', password: 'pendek' } })).body.error).toMatch(/minimal 8/);
    expect((await api(srv.url, '/api/users', { token: t.admin, body: { username: 'A B', role: 'viewer' } })).status).toBe(400);
    const adminId = srv.catalog.users.byUsername('admin')?.id;
    const last = await api(srv.url, `/api/users/${adminId}`, { method: 'PATCH', token: t.admin, body: { disabled: true } });
    expect(last).toMatchObject({ status: 409, body: { error: 'Harus ada minimal satu admin aktif.' } });
    expect((await api(srv.url, `/api/users/${adminId}`, { method: 'PATCH', token: t.admin, body: { role: 'viewer' } })).status).toBe(409);
    expect((await api(srv.url, '/api/users/u_nope', { method: 'PATCH', token: t.admin, body: { disabled: true } })).status).toBe(404);
  });
});

describe('operations and static files', () => {
  it('/healthz reports both stores', async () => {
    const res = await api(srv.url, '/healthz');
    expect(res).toMatchObject({ status: 200, body: { status: 'ok', checks: { catalog: 'ok', docs: 'ok' } } });
  });

  it('/healthz is 503 when a store cannot be written', async () => {
    const broken = await startTestServer();
    try {
      broken.catalog.db.close();
      const res = await api<{ status: string; checks: Record<string, string> }>(broken.url, '/healthz');
      expect(res.status).toBe(503);
      expect(res.body.checks.catalog).toMatch(/^gagal/);
      expect(res.body.checks.docs).toBe('ok');
    } finally {
      await broken.stop();
    }
  });

  it('an oversized request body is 413', async () => {
    const res = await api(srv.url, '/api/login', { body: { username: 'admin', password: 'x'.repeat(300_000) } });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatch(/terlalu besar/);
  });

  it('/metrics has the relay families and HTTP counters by route pattern', async () => {
    await api(srv.url, `/api/sheets/${ids.blt}`, { token: t.admin });
    const res = await fetch(srv.url + '/metrics');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    const text = await res.text();
    expect(text).toMatch(/selaras_http_requests_total\{[^}]*route="\/api\/sheets\/:id"[^}]*\} \d+/);
    expect(text).not.toContain(ids.blt);
    expect(text).toMatch(/# TYPE \S+ (gauge|counter|histogram)/);
  });

  it('unknown API paths and methods are JSON errors', async () => {
    expect(await api(srv.url, '/api/nothing')).toMatchObject({ status: 404, body: { error: 'Alamat API tidak dikenal.' } });
    expect((await api(srv.url, '/api/login')).status).toBe(405);
  });

  it('serves the PWA: hashed assets immutable, index.html and sw.js revalidated, SPA fallback, no traversal', async () => {
    const asset = await fetch(srv.url + '/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    const sw = await fetch(srv.url + '/sw.js');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const deep = await fetch(srv.url + '/lembar/s_abc');
    expect(deep.status).toBe(200);
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    expect(await deep.text()).toContain('<title>Selaras</title>');
    const etag = deep.headers.get('etag') ?? '';
    expect((await fetch(srv.url + '/', { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(srv.url + '/assets/missing-123.js')).status).toBe(404);
    expect((await fetch(srv.url + '/%2e%2e/%2e%2e/etc/passwd')).status).not.toBe(500);
    const traversal = await fetch(srv.url + '/..%2f..%2fcatalog.db');
    expect(await traversal.text()).not.toContain('SQLite');
  });
});
