// `selaras backup --data DIR --out DIR`: a consistent copy of the data folder
// while the server runs, through SQLite's online backup API (catalog.db and
// docs.db), plus the token secret and a manifest. Each copy is checked with
// PRAGMA integrity_check before the command reports success.
//
// `selaras backup restore --from BACKUP --data DIR`: puts a backup in place.
// Refuses while a server uses DIR; files already in DIR are moved aside into
// DIR/sebelum-pemulihan-<time>/, never deleted.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync, chmodSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { catalogFile, docsFile, runningServerPid, SECRET_FILE } from '../config';

const USAGE = `Penggunaan:
  selaras backup [--data FOLDER] --out TUJUAN
      Cadangkan folder data (boleh saat server berjalan). TUJUAN: folder baru, atau
      folder yang sudah ada (cadangan dibuat di dalamnya sebagai selaras-cadangan-<waktu>).
  selaras backup restore --from CADANGAN [--data FOLDER]
      Pulihkan cadangan ke folder data. Hentikan server dulu. Berkas lama dipindahkan
      ke FOLDER/sebelum-pemulihan-<waktu>/, tidak dihapus.
FOLDER bawaan: SELARAS_DATA atau ./data`;

const DB_FILES = ['catalog.db', 'docs.db'] as const;

function stamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

class BackupError extends Error {}

function integrity(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new BackupError(`${basename(file)} rusak: ${String(result)}`);
  } finally {
    db.close();
  }
}

async function backupDb(source: string, target: string): Promise<void> {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target);
  } finally {
    db.close();
  }
  // A backup is one self-contained file per database: no -wal/-shm beside it.
  const copy = new Database(target);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  integrity(target);
}

export async function backup(dataDir: string, out: string): Promise<string> {
  for (const f of [catalogFile(dataDir), docsFile(dataDir)]) {
    if (!existsSync(f)) throw new BackupError(`${f} tidak ada. Apakah --data menunjuk ke folder data Selaras?`);
  }
  let target = out;
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new BackupError(`${out} sudah ada dan bukan folder.`);
    target = join(out, `selaras-cadangan-${stamp()}`);
    if (existsSync(target)) throw new BackupError(`${target} sudah ada.`);
  }
  mkdirSync(target, { recursive: true });
  await backupDb(catalogFile(dataDir), join(target, 'catalog.db'));
  await backupDb(docsFile(dataDir), join(target, 'docs.db'));
  const secret = join(dataDir, SECRET_FILE);
  if (existsSync(secret)) {
    copyFileSync(secret, join(target, SECRET_FILE));
    chmodSync(join(target, SECRET_FILE), 0o600);
  }
  const counts = new Database(join(target, 'catalog.db'), { readonly: true });
  const users = (counts.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  const sheets = (counts.prepare('SELECT count(*) AS n FROM sheets').get() as { n: number }).n;
  counts.close();
  const manifest = { format: 'selaras-backup-1', createdAt: new Date().toISOString(), from: dataDir, files: [...DB_FILES, SECRET_FILE], users, sheets };
  writeFileSync(join(target, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return target;
}

export function restore(from: string, dataDir: string): { movedAside: string | null } {
  const pid = runningServerPid(dataDir);
  if (pid) {
    throw new BackupError(
      `Server Selaras sedang berjalan dengan folder data ${dataDir} (pid ${pid}). ` +
        'Memulihkan sekarang akan menimpa data yang sedang dipakai dan perubahan terbaru bisa hilang. ' +
        'Hentikan server dulu (Ctrl+C, atau kirim SIGTERM), lalu jalankan perintah ini lagi.',
    );
  }
  if (!existsSync(join(from, 'manifest.json'))) throw new BackupError(`${from} bukan folder cadangan Selaras (manifest.json tidak ada).`);
  const manifest = JSON.parse(readFileSync(join(from, 'manifest.json'), 'utf8')) as { format?: string };
  if (manifest.format !== 'selaras-backup-1') throw new BackupError(`Format cadangan tidak dikenal: ${String(manifest.format)}.`);
  for (const f of DB_FILES) {
    if (!existsSync(join(from, f))) throw new BackupError(`Cadangan tidak lengkap: ${f} tidak ada.`);
    integrity(join(from, f));
  }
  mkdirSync(dataDir, { recursive: true });
  // Move the current files (with their WAL and shared-memory files) aside first.
  const current = readdirSync(dataDir).filter((f) => /^(catalog|docs)\.db(-wal|-shm)?$/.test(f) || f === SECRET_FILE);
  let movedAside: string | null = null;
  if (current.length) {
    movedAside = join(dataDir, `sebelum-pemulihan-${stamp()}`);
    mkdirSync(movedAside);
    for (const f of current) renameSync(join(dataDir, f), join(movedAside, f));
  }
  for (const f of DB_FILES) copyFileSync(join(from, f), join(dataDir, f));
  if (existsSync(join(from, SECRET_FILE))) {
    copyFileSync(join(from, SECRET_FILE), join(dataDir, SECRET_FILE));
    chmodSync(join(dataDir, SECRET_FILE), 0o600);
  }
  return { movedAside };
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { data: { type: 'string' }, out: { type: 'string' }, from: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const dataDir = resolve(values.data ?? process.env.SELARAS_DATA ?? 'data');
  try {
    if (positionals[0] === 'restore') {
      if (!values.from) throw new BackupError('Sebutkan --from FOLDER_CADANGAN.');
      const { movedAside } = restore(resolve(values.from), dataDir);
      console.log(`Cadangan ${values.from} dipulihkan ke ${dataDir}.`);
      if (movedAside) console.log(`Data sebelumnya dipindahkan ke ${movedAside}.`);
      console.log('Jalankan server lagi: npm start');
      return 0;
    }
    if (positionals.length) throw new BackupError(`Perintah tidak dikenal: backup ${positionals.join(' ')}\n\n${USAGE}`);
    if (!values.out) throw new BackupError(`Sebutkan --out TUJUAN.\n\n${USAGE}`);
    const target = await backup(dataDir, resolve(values.out));
    console.log(`Cadangan dibuat: ${target}`);
    return 0;
  } catch (err) {
    if (err instanceof BackupError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}
