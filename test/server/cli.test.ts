// `selaras users` and `selaras backup` on a real data folder, including a
// backup taken while clients keep writing.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as backupCli } from '../../server/cli/backup';
import { run as usersCli } from '../../server/cli/users';
import { openSqliteDocStore } from '../../server/store/sqlite-doc-store';
import type { SheetView } from '../../server/workspace/tree';
import { api, login, RawSyncClient, startTestServer, tempDir, type TestServer } from './helpers';

let srv: TestServer;
const dirs: string[] = [];

async function cli(run: (args: string[]) => Promise<number>, args: string[]): Promise<{ code: number; out: string }> {
  const log = console.log;
  const err = console.error;
  let out = '';
  console.log = (...a: unknown[]) => void (out += a.join(' ') + '\n');
  console.error = (...a: unknown[]) => void (out += a.join(' ') + '\n');
  try {
    return { code: await run(args), out };
  } finally {
    console.log = log;
    console.error = err;
  }
}

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  await srv?.stop();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe('selaras users', () => {
  it('adds, lists, changes role, disables, re-enables and resets passwords', async () => {
    const d = ['--data', srv.dataDir];
    const added = await cli(usersCli, ['add', 'rudi', '--role', 'supervisor', '--scope', 'kecamatan:33.75.02', '--name', 'Rudi Hartono', ...d]);
    expect(added.code).toBe(0);
    const password = /ditampilkan sekali\): (\S+)/.exec(added.out)?.[1] ?? '';
    await login(srv.url, 'rudi', password);

    const list = await cli(usersCli, ['list', ...d]);
    expect(list.out).toMatch(/rudi\s+supervisor\s+kecamatan:33\.75\.02\s+aktif\s+Rudi Hartono/);

    expect((await cli(usersCli, ['set-role', 'rudi', '--role', 'operator', '--scope', 'kelurahan:33.75.02.1004', ...d])).code).toBe(0);
    expect(srv.catalog.users.byUsername('rudi')).toMatchObject({ role: 'operator', scope: { kind: 'kelurahan', code: '33.75.02.1004' } });

    expect((await cli(usersCli, ['disable', 'rudi', ...d])).code).toBe(0);
    expect((await api(srv.url, '/api/login', { body: { username: 'rudi', password } })).status).toBe(403);
    expect((await cli(usersCli, ['enable', 'rudi', ...d])).code).toBe(0);

    const reset = await cli(usersCli, ['reset-password', 'rudi', ...d]);
    const fresh = /ditampilkan sekali\): (\S+)/.exec(reset.out)?.[1] ?? '';
    expect(fresh).not.toBe(password);
    await login(srv.url, 'rudi', fresh);
  });

  it('explains mistakes and exits non-zero', async () => {
    const d = ['--data', srv.dataDir];
    expect(await cli(usersCli, ['add', 'rudi', '--role', 'viewer', ...d])).toMatchObject({ code: 1, out: expect.stringMatching(/sudah dipakai/) });
    expect(await cli(usersCli, ['add', 'x1y', '--role', 'lurah', ...d])).toMatchObject({ code: 1, out: expect.stringMatching(/Peran tidak dikenal/) });
    expect(await cli(usersCli, ['disable', 'admin', ...d])).toMatchObject({ code: 1, out: expect.stringMatching(/minimal satu admin/) });
    expect(await cli(usersCli, ['disable', 'siapa', ...d])).toMatchObject({ code: 1, out: expect.stringMatching(/tidak ditemukan/) });
    expect(await cli(usersCli, ['hapus', 'rudi', ...d])).toMatchObject({ code: 2, out: expect.stringMatching(/Perintah tidak dikenal/) });
    const empty = tempDir();
    dirs.push(empty);
    expect(await cli(usersCli, ['list', '--data', empty])).toMatchObject({ code: 1, out: expect.stringMatching(/npm start/) });
  });
});

describe('selaras backup', () => {
  it('takes a consistent copy while a client keeps writing, and restores it', async () => {
    const admin = await login(srv.url, 'admin', srv.credentials[0]?.password ?? '');
    const sheet = (await api<SheetView>(srv.url, '/api/sheets', { token: admin.accessToken, body: { program: 'BPNT', period: '2025', kelurahan: '33.75.03.1002' } })).body;
    const writer = new RawSyncClient(srv.url, sheet.id, admin.accessToken);
    await writer.waitSynced();
    let writing = true;
    let n = 0;
    const loop = (async () => {
      while (writing) {
        writer.edit((doc) => doc.getMap('meta').set(`k${n++}`, 'x'.repeat(200)));
        await writer.waitSettled();
      }
    })();
    try {
      const out = tempDir('selaras-bk-');
      dirs.push(out);
      await new Promise((r) => setTimeout(r, 100));
      const run = await cli(backupCli, ['--data', srv.dataDir, '--out', join(out, 'copy')]);
      expect(run.code).toBe(0);
      expect(existsSync(join(out, 'copy', 'manifest.json'))).toBe(true);
      writing = false;
      await loop;

      // The copy opens, every stored update applies, and it holds a prefix of what was written.
      const restored = tempDir('selaras-restored-');
      dirs.push(restored);
      expect((await cli(backupCli, ['restore', '--from', join(out, 'copy'), '--data', restored])).code).toBe(0);
      const store = openSqliteDocStore(join(restored, 'docs.db'));
      try {
        const doc = new Y.Doc();
        for (const u of (await store.load(sheet.id)).updates) Y.applyUpdate(doc, u);
        const keys = [...doc.getMap('meta').keys()].filter((k) => /^k\d+$/.test(k)).map((k) => Number(k.slice(1)));
        expect(keys.length).toBeGreaterThan(0);
        expect(keys.length).toBeLessThanOrEqual(n);
        expect(Math.max(...keys)).toBe(keys.length - 1);
        expect(doc.getArray('columns').length).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    } finally {
      writing = false;
      writer.close();
    }
  });

  it('refuses a folder that is not a backup, and explains', async () => {
    const nothing = tempDir();
    dirs.push(nothing);
    expect(await cli(backupCli, ['restore', '--from', nothing, '--data', tempDir()])).toMatchObject({ code: 1, out: expect.stringMatching(/bukan folder cadangan/) });
    expect(await cli(backupCli, ['--data', nothing, '--out', join(nothing, 'x')])).toMatchObject({ code: 1, out: expect.stringMatching(/tidak ada/) });
  });
});
