#!/usr/bin/env node
// `npm start`: build the PWA when dist/ is missing or older than its sources,
// then run the server (server/main.ts, through tsx: no separate server build).
// Flags: --port N, --data DIR, --host H, --demo, --no-build (see server/config.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

function buildIfStale() {
  if (!existsSync(join(root, 'index.html'))) {
    console.log('index.html belum ada: aplikasi web tidak dibangun, hanya server/API yang berjalan.');
    return true;
  }
  const built = existsSync(join(root, 'dist', 'index.html')) ? statSync(join(root, 'dist', 'index.html')).mtimeMs : 0;
  const sources = Math.max(
    ...['index.html', 'src', 'workers', 'public', 'vite.config.ts', 'package.json'].map((p) => newest(join(root, p))),
  );
  if (built >= sources) return true;
  console.log(built ? 'Sumber aplikasi berubah: membangun ulang dist/ …' : 'Membangun aplikasi web (dist/) …');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('Gagal membangun aplikasi web (lihat pesan di atas). Server tidak dijalankan.');
    return false;
  }
  return true;
}

const wantsHelp = argv.includes('--help') || argv.includes('-h');
if (!wantsHelp && !argv.includes('--no-build') && !buildIfStale()) process.exit(1);

register();
const { main } = await import('../server/main.ts');
const code = await main(argv);
// Open handles (timers of libraries) must not keep a stopped server alive.
process.exit(code);
