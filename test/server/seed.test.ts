// First start: Kota Pekalongan's 4 kecamatan and 27 kelurahan from
// idn-area-data, one admin with a generated password shown once; a restart
// keeps everything; --demo adds one user per role and sample sheets.
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { getRowValues } from '../../src/sheet/cells';
import { rowIds } from '../../src/sheet/rows';
import { getColumns, getMeta } from '../../src/sheet/doc';
import type { WorkspaceTree } from '../../server/workspace/tree';
import { api, login, startTestServer, tempDir, type TestServer } from './helpers';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop().catch(() => undefined);
});

function rowsOf(doc: Y.Doc): Array<Record<string, string>> {
  return rowIds(doc).map((id) => getRowValues(doc, id));
}

describe('first start', () => {
  it('creates Kota Pekalongan with 4 kecamatan and 27 kelurahan, and an admin printed once', async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir, keepData: true });
    const tree = (await api<WorkspaceTree>(first.url, '/api/workspace', { token: (await login(first.url, 'admin', first.credentials[0]?.password ?? '')).accessToken })).body;
    expect(tree.workspace).toMatchObject({ name: 'Kota Pekalongan', regencyCode: '33.75' });
    expect(tree.kecamatan.map((k) => k.name)).toEqual(['Pekalongan Barat', 'Pekalongan Timur', 'Pekalongan Utara', 'Pekalongan Selatan']);
    expect(tree.kecamatan.flatMap((k) => k.kelurahan)).toHaveLength(27);
    expect(tree.kecamatan[0]?.kelurahan.map((k) => k.name)).toContain('Medono');
    expect(tree.kecamatan[1]?.kelurahan.find((k) => k.code === '33.75.02.1004')?.name).toBe('Kauman');
    expect(first.credentials).toHaveLength(1);
    const password = first.credentials[0]?.password ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    // Only a hash is stored.
    const stored = first.catalog.users.byUsername('admin')?.passwordHash ?? '';
    expect(stored.startsWith('scrypt$')).toBe(true);
    expect(stored).not.toContain(password);
    await first.close();

    const second = await startTestServer({ dataDir });
    servers.push(second);
    expect(second.credentials).toHaveLength(0);
    expect(second.catalog.areas.kelurahan(second.catalog.areas.workspaces()[0]?.id ?? '')).toHaveLength(27);
    await login(second.url, 'admin', password);
  });
});

describe('another kab/kota (SELARAS_REGENCY)', () => {
  it('creates Kota Bengkulu with its 9 kecamatan and 67 kelurahan', async () => {
    const srv = await startTestServer({ regencyCode: '17.71' });
    servers.push(srv);
    const ws = srv.catalog.areas.workspaces()[0];
    expect(ws).toMatchObject({ name: 'Kota Bengkulu', regencyCode: '17.71' });
    expect(srv.catalog.areas.kecamatan(ws?.id ?? '')).toHaveLength(9);
    expect(srv.catalog.areas.kelurahan(ws?.id ?? '')).toHaveLength(67);
  });
});

describe('--demo', () => {
  it('creates one user per role and sample sheets with realistic rows and deliberate problems', async () => {
    const srv = await startTestServer({ demo: true });
    servers.push(srv);
    expect(srv.credentials.map((c) => c.username).sort()).toEqual(['admin', 'koordinator', 'operator', 'operator2', 'pengusul', 'supervisor', 'viewer']);
    for (const c of srv.credentials) await login(srv.url, c.username, c.password);

    const ws = srv.catalog.areas.workspaces()[0]?.id ?? '';
    const sheets = srv.catalog.sheets.list(ws);
    expect(sheets.map((s) => s.name).sort()).toEqual(['BPNT 2025 — Medono', 'BPNT 2025 — Podosugih', 'PKH 2025 — Kauman', 'Usulan pengemudi becak 2025 — Dinas Perhubungan']);
    const byName = new Map(sheets.map((s) => [s.name, s]));
    const medonoDoc = await srv.relay.readDoc(byName.get('BPNT 2025 — Medono')?.id ?? '');
    const kaumanDoc = await srv.relay.readDoc(byName.get('PKH 2025 — Kauman')?.id ?? '');
    expect(getMeta(medonoDoc)).toMatchObject({ name: 'BPNT 2025 — Medono', kelurahan: '33.75.01.1002', kecamatan: '33.75.01' });
    expect(getColumns(medonoDoc).map((c) => c.id)).toContain('nik');
    const medono = rowsOf(medonoDoc);
    const kauman = rowsOf(kaumanDoc);
    expect(medono.length).toBeGreaterThanOrEqual(20);

    // Valid rows: 16-digit NIK whose region, birth date and sex agree with the row.
    const valid = medono.filter((r) => /^\d{16}$/.test(r.nik ?? ''));
    expect(valid.length).toBe(medono.length - 1);
    for (const r of valid) {
      const nik = r.nik ?? '';
      expect(nik.slice(0, 4)).toBe('3375');
      const [dd, mm, yyyy] = (r.tanggal_lahir ?? '').split('-');
      const day = Number(nik.slice(6, 8)) - (r.jenis_kelamin === 'P' ? 40 : 0);
      expect(day).toBe(Number(dd));
      expect(nik.slice(8, 10)).toBe(mm);
      expect(nik.slice(10, 12)).toBe(yyyy?.slice(2));
    }
    // The deliberate problems.
    expect(medono.some((r) => /E\+15$/.test(r.nik ?? ''))).toBe(true);
    expect(medono.some((r) => Number(r.penghasilan) > 2_500_000)).toBe(true);
    const medonoNiks = new Set(medono.map((r) => r.nik));
    expect(kauman.filter((r) => medonoNiks.has(r.nik))).toHaveLength(1);
    medonoDoc.destroy();
    kaumanDoc.destroy();

    // The OPD sheet belongs to the pengusul; the operator sees only Medono.
    const operator = await login(srv.url, 'operator', 'selaras-demo');
    const tree = (await api<WorkspaceTree>(srv.url, '/api/workspace', { token: operator.accessToken })).body;
    const visible = tree.kecamatan.flatMap((k) => k.kelurahan.flatMap((l) => l.sheets.map((s) => `${s.name}:${s.access}`)));
    expect([...visible, ...tree.opdSheets.map((s) => s.name)]).toEqual(['BPNT 2025 — Medono:write']);
    const pengusul = await login(srv.url, 'pengusul', 'selaras-demo');
    const opd = (await api<WorkspaceTree>(srv.url, '/api/workspace', { token: pengusul.accessToken })).body.opdSheets;
    expect(opd.map((s) => `${s.name}:${s.access}`)).toEqual(['Usulan pengemudi becak 2025 — Dinas Perhubungan:write']);
  });
});
