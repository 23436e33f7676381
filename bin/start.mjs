#!/usr/bin/env node
// `npm start`: build the PWA when dist/ is missing or older than its sources,
// then run the server (server/main.ts, through tsx: no separate server build).
// Flags: --port N, --data DIR, --host H, --demo, --no-build (see server/config.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);

/** Newest modification time (ms) of the files under `path` (0 if absent). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    max = Math.max(max, newest(join(path, entry)));
  }
  return max;
}

const STAMP = join(root, 'dist', '.built-at');
// Shared with the browser tests' build helper, so two builds never write dist/ at once.
const BUILD_LOCK = join(tmpdir(), 'selaras-vite-build.lock');
const INPUTS = ['index.html', 'src', 'workers', 'public', 'vite.config.ts', 'package.json'];

/** When the current dist/ was built from (the build's start time), 0 if there is none. */
function builtAt() {
  if (!existsSync(join(root, 'dist', 'index.html'))) return 0;
  if (existsSync(STAMP)) {
    const t = Date.parse(readFileSync(STAMP, 'utf8').trim());
    if (Number.isFinite(t)) return Math.min(t, statSync(STAMP).mtimeMs);
  }
  return statSync(join(root, 'dist', 'index.html')).mtimeMs;
}

const isFresh = () => builtAt() > Math.max(...INPUTS.map((p) => newest(join(root, p))));

function takeLock() {
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      return;
    } catch {
      // A lock left by a killed build is stale after 3 minutes.
      if (existsSync(BUILD_LOCK) && Date.now() - statSync(BUILD_LOCK).mtimeMs > 180_000) rmSync(BUILD_LOCK, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
}

function buildIfStale() {
  if (!existsSync(join(root, 'index.html'))) {
    console.log('index.html belum ada: aplikasi web tidak dibangun, hanya server/API yang berjalan.');
    return;
  }
  if (isFresh()) return;
  takeLock();
  try {
    if (isFresh()) return;
    console.log(builtAt() ? 'Sumber aplikasi berubah: membangun ulang dist/ …' : 'Membangun aplikasi web (dist/) …');
    const startedAt = new Date();
    const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
      // Sync and the API matter more than a fresh UI: tablets keep syncing.
      console.error(
        existsSync(join(root, 'dist', 'index.html'))
          ? 'Gagal membangun aplikasi web (lihat pesan di atas). Server tetap berjalan dengan hasil build sebelumnya.'
          : 'Gagal membangun aplikasi web (lihat pesan di atas). Server tetap berjalan tanpa aplikasi web (API dan sinkronisasi aktif).',
      );
      return;
    }
    writeFileSync(STAMP, startedAt.toISOString());
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

const wantsHelp = argv.includes('--help') || argv.includes('-h');
if (!wantsHelp && !argv.includes('--no-build')) buildIfStale();

register();
const { main } = await import('../server/main.ts');
const code = await main(argv);
// Open handles (timers of libraries) must not keep a stopped server alive.
process.exit(code);
