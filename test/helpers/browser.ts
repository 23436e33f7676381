// Real-Chromium test helpers: build the PWA once (reused while fresh), start the
// real server on a free port with demo data, launch Debian's chromium through
// playwright-core, and log in through the UI.
//
//   const app = await startApp();            // build if stale + server on a tmp data dir
//   const browser = await launchChromium();
//   const page = await loginAs(browser, app, DEMO.operator);
//   …
//   await browser.close(); await app.stop();
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll } from 'vitest';
import { WebSocket } from '../../server/relay/ws';
import { MESSAGE_DURABLE, MESSAGE_SYNC, SYNC_STEP2, SYNC_UPDATE, decodeDurable, encodeSyncStep1, type DurableAck } from '../../src/sync/wire';
import { getRowValues, rowIds } from '../../src/sheet';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Demo users created by `--demo` (see server demo seeding). */
export const DEMO = {
  koordinator: { username: 'koordinator', password: 'selaras-demo' },
  supervisor: { username: 'supervisor', password: 'selaras-demo' },
  operator: { username: 'operator', password: 'selaras-demo' },
  operator2: { username: 'operator2', password: 'selaras-demo' },
  pengusul: { username: 'pengusul', password: 'selaras-demo' },
  viewer: { username: 'viewer', password: 'selaras-demo' },
} as const;
export type DemoUser = { username: string; password: string };

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

// ─── build ───────────────────────────────────────────────────────────────────

const BUILD_INPUTS = ['src', 'workers', 'public', 'index.html', 'vite.config.ts', 'package.json'];
const BUILD_LOCK = join(tmpdir(), 'selaras-vite-build.lock');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function distIsFresh(): boolean {
  const stamp = join(ROOT, 'dist', '.built-at');
  if (!existsSync(stamp) || !existsSync(join(ROOT, 'dist', 'index.html'))) return false;
  const builtAt = statSync(stamp).mtimeMs;
  return BUILD_INPUTS.every((p) => newestMtime(join(ROOT, p)) < builtAt);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `vite build` unless dist/ is newer than every input. Test files run in
 * parallel workers, so a lock directory makes the others wait for one build.
 */
export async function ensureBuilt(): Promise<void> {
  if (distIsFresh()) return;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      // A lock left by a killed run is stale after 3 minutes.
      if (existsSync(BUILD_LOCK) && Date.now() - statSync(BUILD_LOCK).mtimeMs > 180_000) rmSync(BUILD_LOCK, { recursive: true, force: true });
      await sleep(500);
    }
  }
  try {
    if (distIsFresh()) return;
    const startedAt = new Date();
    // NODE_ENV=production: under Vitest it is 'test', and Vite then resolves the
    // 'development' export condition (Solid's dev build, several times slower),
    // so a dist/ built by a test run would be what the next benchmark measures.
    const res = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (res.status !== 0) throw new Error(`vite build failed:\n${res.stdout}\n${res.stderr}`);
    const stamp = join(ROOT, 'dist', '.built-at');
    writeFileSync(stamp, startedAt.toISOString());
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

// ─── server ──────────────────────────────────────────────────────────────────

export interface RunningApp {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  /** Server output so far (for failure messages). */
  log: () => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Builds (if stale) and starts `node bin/start.mjs --demo` on a fresh data dir. */
export async function startApp(opts: { demo?: boolean; build?: boolean } = {}): Promise<RunningApp> {
  if (opts.build !== false) await ensureBuilt();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'selaras-browser-'));
  const args = [join(ROOT, 'bin/start.mjs'), '--port', String(port), '--data', dataDir, '--host', '127.0.0.1', '--no-build'];
  if (opts.demo !== false) args.push('--demo');
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server did not become healthy:\n${output}`);
    }
    await sleep(100);
  }
  return { url, port, dataDir, process: child, log: () => output, stop };
}

// ─── browser ─────────────────────────────────────────────────────────────────

/**
 * For one describe block: the app (demo data) and one Chromium, started before
 * its tests and stopped after them. Read them through the getters inside tests.
 */
export function useAppAndBrowser(): { app: () => RunningApp; browser: () => Browser } {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  return { app: () => app!, browser: () => browser! };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A 10-inch tablet in landscape is the smallest screen the app is made for. */
export const TABLET = { width: 1280, height: 800 };

export async function newContext(browser: Browser, opts: { locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: TABLET, locale: opts.locale ?? 'id-ID', serviceWorkers: 'allow' });
}

/** Logs in through the login screen and waits for the workspace home. */
export async function loginPage(page: Page, app: RunningApp, user: DemoUser): Promise<void> {
  await page.goto(app.url + '/');
  await page.getByTestId('login-username').fill(user.username);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home').waitFor();
}

/** New context + page, logged in as `user`. */
export async function loginAs(browser: Browser, app: RunningApp, user: DemoUser): Promise<Page> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await loginPage(page, app, user);
  return page;
}

/** Token for API calls from the test itself. */
export async function apiLogin(app: RunningApp, user: DemoUser): Promise<string> {
  const res = await fetch(`${app.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (!res.ok) throw new Error(`login ${user.username} failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { accessToken: string };
  return body.accessToken;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

// ─── the sheet page ─────────────────────────────────────────────────────────

export interface SheetInfo {
  id: string;
  name: string;
}

/** Sheets the user sees, by name (GET /api/workspace). */
export async function sheetsByName(app: RunningApp, user: DemoUser): Promise<Map<string, SheetInfo>> {
  const token = await apiLogin(app, user);
  const res = await fetch(`${app.url}/api/workspace`, { headers: { authorization: `Bearer ${token}` } });
  const tree = (await res.json()) as {
    kecamatan: Array<{ kelurahan: Array<{ sheets: SheetInfo[] }> }>;
    opdSheets: SheetInfo[];
  };
  const all = [...tree.kecamatan.flatMap((k) => k.kelurahan.flatMap((l) => l.sheets)), ...tree.opdSheets];
  return new Map(all.map((s) => [s.name, { id: s.id, name: s.name }]));
}

/** Opens a sheet by id and waits until its grid shows rows. */
export async function openSheet(page: Page, sheetId: string): Promise<void> {
  await page.evaluate((id) => (location.hash = `#/sheet/${id}`), sheetId);
  await page.getByTestId('sheet-page').waitFor();
  await page.locator('[role="row"][aria-rowindex="2"]').first().waitFor();
}

/** A data cell by 0-based displayed row and column (the grid's ARIA indices are 1-based, header row 1). */
export function cell(page: Page, row: number, col: number) {
  return page.locator(`[role="row"][aria-rowindex="${row + 2}"] [role="gridcell"][aria-colindex="${col + 2}"]`);
}

/** Selects a cell, types a value over it and commits with Enter, like a spreadsheet user. */
export async function typeInCell(page: Page, row: number, col: number, value: string): Promise<void> {
  await cell(page, row, col).click();
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

/** Waits for the sheet's durability badge to say everything is on the server. */
export async function waitSaved(page: Page): Promise<void> {
  await page.locator('[data-testid="durability"][data-pending="0"]').waitFor();
}

// ─── the wire, without a browser ─────────────────────────────────────────────

/**
 * A bare y-websocket protocol client with its own Y.Doc: for checking what the
 * relay does with frames whatever a UI would do, and for seeding big sheets.
 * It applies what the server sends and records MESSAGE_DURABLE acks; it sends
 * only what the caller sends.
 */
export function rawClient(app: RunningApp, sheetId: string, token: string) {
  const ws = new WebSocket(`ws://127.0.0.1:${app.port}/sync/${sheetId}?token=${encodeURIComponent(token)}&durable=1`);
  const doc = new Y.Doc();
  const acks: DurableAck[] = [];
  let step2s = 0;
  ws.on('message', (data: Buffer) => {
    const d = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(d);
    if (type === MESSAGE_DURABLE) acks.push(decodeDurable(d));
    if (type === MESSAGE_SYNC) {
      const sub = decoding.readVarUint(d);
      const payload = decoding.readVarUint8Array(d);
      if (sub === SYNC_STEP2 || sub === SYNC_UPDATE) {
        Y.applyUpdate(doc, payload, 'server');
        if (sub === SYNC_STEP2) step2s++;
      }
    }
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, doc, acks, opened, step2s: () => step2s };
}

/** Every row's values (column id → text) as the server holds the sheet now. */
export async function serverRows(app: RunningApp, sheetId: string, user: DemoUser): Promise<Array<Record<string, string>>> {
  const client = rawClient(app, sheetId, await apiLogin(app, user));
  try {
    await client.opened;
    client.ws.send(encodeSyncStep1(Y.encodeStateVector(client.doc)));
    const deadline = Date.now() + 15_000;
    while (client.step2s() === 0) {
      if (Date.now() > deadline) throw new Error('no sync step 2 from the server');
      await sleep(20);
    }
    return rowIds(client.doc).map((id) => getRowValues(client.doc, id));
  } finally {
    client.ws.close();
  }
}
