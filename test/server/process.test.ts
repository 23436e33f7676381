// The real thing: `node bin/start.mjs` as a child process on a free port and a
// temp data folder; health, login, a backup while it runs, a restore that is
// refused while it runs, SIGTERM → exit 0, and the restored folder serving the
// same data.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as backupCli } from '../../server/cli/backup';
import { run as usersCli } from '../../server/cli/users';
import { pidFile } from '../../server/config';
import { api, login, tempDir, waitFor } from './helpers';

const ROOT = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Child {
  proc: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

async function startChild(dataDir: string, extra: string[] = []): Promise<Child> {
  const proc = spawn(process.execPath, [join(ROOT, 'bin/start.mjs'), '--no-build', '--port', '0', '--host', '127.0.0.1', '--data', dataDir, ...extra], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', SELARAS_SECRET: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(proc);
  let output = '';
  proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  await waitFor(() => /Selaras berjalan di (http:\/\/\S+)/.test(output) || proc.exitCode !== null, 'server start', 90_000);
  const url = /Selaras berjalan di (http:\/\/\S+)/.exec(output)?.[1];
  if (!url) throw new Error(`server did not start:\n${output}`);
  return { proc, url, output: () => output, exited };
}

async function quietly<T>(f: () => Promise<T>): Promise<{ result: T; out: string }> {
  const log = console.log;
  const err = console.error;
  let out = '';
  console.log = (...a: unknown[]) => void (out += a.join(' ') + '\n');
  console.error = (...a: unknown[]) => void (out += a.join(' ') + '\n');
  try {
    return { result: await f(), out };
  } finally {
    console.log = log;
    console.error = err;
  }
}

describe('npm start as a child process', () => {
  // Two cold starts of a child process (tsx compiles the server each time): generous on a loaded machine.
  it('starts, seeds, serves, backs up while running, refuses a restore while running, and stops cleanly on SIGTERM', { timeout: 240_000 }, async () => {
    const dataDir = tempDir('selaras-proc-');
    dirs.push(dataDir);
    const child = await startChild(dataDir);
    const health = await api(child.url, '/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', checks: { catalog: 'ok', docs: 'ok' } });
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(true);
    expect(existsSync(join(dataDir, 'catalog.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'docs.db'))).toBe(true);

    // The admin password is printed once, in the banner.
    const password = /^\s+admin\s+(\S+)\s+\(admin\)/m.exec(child.output())?.[1];
    expect(password).toBeTruthy();
    const admin = await login(child.url, 'admin', password ?? '');
    const created = await api<{ id: string }>(child.url, '/api/sheets', {
      token: admin.accessToken,
      body: { program: 'BPNT', period: '2025', kelurahan: '33.75.01.1002' },
    });
    expect(created.status).toBe(201);

    // Logs are JSON lines (pino).
    const listening = child.output().split('\n').find((l) => l.includes('"listening"'));
    expect(JSON.parse(listening ?? '{}')).toMatchObject({ msg: 'listening', level: 30 });

    // A user added with the CLI on the running server's folder can log in at once.
    const added = await quietly(() => usersCli(['add', 'dewi', '--role', 'operator', '--scope', 'kelurahan:33.75.01.1002', '--password', 'sandi-dewi-123', '--data', dataDir]));
    expect(added.result).toBe(0);
    await login(child.url, 'dewi', 'sandi-dewi-123');

    // Backup while running.
    const out = tempDir('selaras-backup-');
    dirs.push(out);
    const backupRun = await quietly(() => backupCli(['--data', dataDir, '--out', out]));
    expect(backupRun.result).toBe(0);
    const backupDir = /Cadangan dibuat: (.+)/.exec(backupRun.out)?.[1]?.trim() ?? '';
    expect(existsSync(join(backupDir, 'catalog.db'))).toBe(true);

    // Restore into the running server's folder is refused, with the reason.
    const refused = await quietly(() => backupCli(['restore', '--from', backupDir, '--data', dataDir]));
    expect(refused.result).toBe(1);
    expect(refused.out).toMatch(/sedang berjalan/);
    expect(refused.out).toMatch(/Hentikan server dulu/);

    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    expect(child.output()).toMatch(/"stopped"/);
    expect(existsSync(pidFile(dataDir))).toBe(false);

    // Restore into a fresh folder and serve it: same users, same sheet.
    const restored = tempDir('selaras-restored-');
    dirs.push(restored);
    expect((await quietly(() => backupCli(['restore', '--from', backupDir, '--data', restored]))).result).toBe(0);
    const second = await startChild(restored);
    try {
      expect(second.output()).not.toMatch(/Akun baru/);
      const again = await login(second.url, 'admin', password ?? '');
      const sheet = await api<{ name: string }>(second.url, `/api/sheets/${created.body.id}`, { token: again.accessToken });
      expect(sheet.status).toBe(200);
      expect(sheet.body.name).toMatch(/BPNT 2025/);
      await login(second.url, 'dewi', 'sandi-dewi-123');
    } finally {
      second.proc.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
  });

  it('refuses a second server on the same data folder, and a bad port, with a clear message', { timeout: 240_000 }, async () => {
    const dataDir = tempDir('selaras-proc2-');
    dirs.push(dataDir);
    const first = await startChild(dataDir);
    try {
      const proc = spawn(process.execPath, [join(ROOT, 'bin/start.mjs'), '--no-build', '--port', '0', '--data', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
      expect(code).toBe(1);
      expect(out).toMatch(/sedang dipakai server Selaras lain/);
    } finally {
      first.proc.kill('SIGTERM');
      expect(await first.exited).toBe(0);
    }
    const bad = spawn(process.execPath, [join(ROOT, 'bin/start.mjs'), '--no-build', '--port', 'delapan', '--data', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    bad.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    expect(await new Promise<number | null>((resolve) => bad.once('exit', resolve))).toBe(2);
    expect(out).toMatch(/Port tidak valid/);
  });
});
