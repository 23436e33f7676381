// `selaras import BERKAS (--sheet ID | --new NAMA …) [opsi]`: batch import of a
// CSV/XLSX list into a sheet on a RUNNING server, as a real client (HTTP login,
// y-websocket with durable=1); it exits 0 only after the server confirmed on
// disk (MESSAGE_DURABLE) everything it wrote. `--dry-run` needs no server: it
// reads the file and prints the preview (rows, errors, warnings, duplicates).
// Exit codes: 0 imported (or dry run done); 1 the import was refused or not
// confirmed (nothing or everything went in — never part); 2 usage error or a
// file that cannot be read.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { WebSocket } from '../relay/ws';
import { todayIso } from '../../src/domain/dates';
import { isColumnRole } from '../../src/domain/schema';
import { isFileReadError } from '../../src/files/errors';
import { engineCheck, type ImportPreview } from '../../src/files/import-check';
import { applyImport, RELAY_UPDATE_BUDGET } from '../../src/files/import-apply';
import { ImportSession } from '../../src/files/import-session';
import type { ColumnMapping } from '../../src/files/mapping';
import { createSheet, login, openRemoteSheet, RemoteError, type WebSocketClass } from '../../src/files/remote';
import { applyReimport, type ReimportDecision } from '../../src/files/reimport-apply';
import { existingRowsOf } from '../../src/files/sheet-rows';
import { getColumns, templateColumns, toRecordRows, type ColumnDef } from '../../src/sheet';

const HELP = `Penggunaan: selaras import BERKAS (--sheet ID | --new NAMA) [opsi]

Mengimpor daftar CSV/XLSX ke lembar di server Selaras yang sedang berjalan,
sebagai klien biasa (login, sinkronisasi, konfirmasi tersimpan di disk server).
Semua baris masuk dalam satu transaksi, atau tidak ada sama sekali. Baris
bermasalah tetap masuk bersama temuannya.

Tujuan:
  --sheet ID             lembar yang sudah ada
  --new NAMA             lembar baru; perlu --program dan --period, dan --kelurahan
                         (kode Kemendagri) kecuali untuk pengusul OPD; --template
                         standar|usulan_opd|pengaduan (bawaan dari server)
Server:
  --server URL           bawaan $SELARAS_SERVER atau http://127.0.0.1:8080
  --user NAMA            bawaan $SELARAS_USER
  --password-env VAR     variabel lingkungan berisi kata sandi (bawaan SELARAS_PASSWORD)
Berkas:
  --worksheet NAMA|N     lembar kerja XLSX (bawaan: yang pertama berisi data)
  --delimiter C          pemisah CSV (bawaan: dideteksi: , ; tab)
  --encoding E           pengodean CSV bila bukan UTF-8, mis. windows-1252
  --map "Judul=peran"    tetapkan peran kolom (boleh diulang); peran "-" = lewati
Impor ulang daftar yang dikembalikan:
  --reimport             cocokkan dengan NIK, lalu No KK + nama; tampilkan perubahan
  --accept add,change,remove   yang diterapkan (bawaan: add,change; hapus hanya bila diminta)
Lain:
  --dry-run              hanya baca berkas dan tampilkan pratinjau; tidak perlu server
  --json                 ringkasan dalam JSON
  -h, --help             bantuan ini

Kode keluar: 0 berhasil; 1 impor ditolak atau tidak dikonfirmasi server (tidak ada
yang berubah sebagian); 2 perintah salah atau berkas tidak dapat dibaca.`;

class UsageError extends Error {}

interface Options {
  file: string;
  sheet?: string;
  newName?: string;
  program?: string;
  period?: string;
  kelurahan?: string;
  template?: string;
  server: string;
  user?: string;
  passwordEnv: string;
  worksheet?: string;
  delimiter?: string;
  encoding?: string;
  map: Array<[string, string]>;
  reimport: boolean;
  accept: Set<string>;
  dryRun: boolean;
  json: boolean;
}

function parse(args: string[]): Options | 'help' {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      sheet: { type: 'string' },
      new: { type: 'string' },
      program: { type: 'string' },
      period: { type: 'string' },
      kelurahan: { type: 'string' },
      template: { type: 'string' },
      server: { type: 'string' },
      user: { type: 'string' },
      'password-env': { type: 'string' },
      worksheet: { type: 'string' },
      delimiter: { type: 'string' },
      encoding: { type: 'string' },
      map: { type: 'string', multiple: true },
      reimport: { type: 'boolean' },
      accept: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError('Sebutkan BERKAS yang diimpor.');
  if (extra.length) throw new UsageError(`Argumen tidak dikenal: ${extra.join(' ')}`);
  const dryRun = !!values['dry-run'];
  if (!dryRun && !values.sheet === !values.new) throw new UsageError('Pilih tepat satu tujuan: --sheet ID atau --new NAMA.');
  if (values.new && (!values.program || !values.period)) throw new UsageError('--new memerlukan --program dan --period.');
  if (values.reimport && values.new) throw new UsageError('--reimport hanya untuk lembar yang sudah ada (--sheet).');
  const map: Array<[string, string]> = (values.map ?? []).map((m) => {
    const eq = m.lastIndexOf('=');
    const label = m.slice(0, eq).trim();
    const role = m.slice(eq + 1).trim();
    if (eq <= 0 || (role !== '-' && !isColumnRole(role))) throw new UsageError(`--map "${m}": tulis "Judul kolom=peran" dengan peran yang dikenal, atau "-" untuk melewati.`);
    return [label, role];
  });
  const accept = new Set((values.accept ?? 'add,change').split(',').map((s) => s.trim()));
  for (const a of accept) if (!['add', 'change', 'remove'].includes(a)) throw new UsageError(`--accept: "${a}" tidak dikenal (add, change, remove).`);
  const opts: Options = {
    file,
    server: values.server ?? process.env.SELARAS_SERVER ?? 'http://127.0.0.1:8080',
    passwordEnv: values['password-env'] ?? 'SELARAS_PASSWORD',
    map,
    reimport: !!values.reimport,
    accept,
    dryRun,
    json: !!values.json,
  };
  const optional = { sheet: values.sheet, newName: values.new, program: values.program, period: values.period, kelurahan: values.kelurahan, template: values.template, user: values.user ?? process.env.SELARAS_USER, worksheet: values.worksheet, delimiter: values.delimiter, encoding: values.encoding };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) (opts as unknown as Record<string, unknown>)[k] = v;
  return opts;
}

/** The proposed mapping with the --map corrections applied. */
function mappingFor(session: ImportSession, columns: ColumnDef[], overrides: Array<[string, string]>): ColumnMapping[] {
  const mapping = session.proposeMapping(columns);
  for (const [label, role] of overrides) {
    const m = mapping.find((x) => x.label.toLowerCase() === label.toLowerCase());
    if (!m) throw new UsageError(`--map: kolom "${label}" tidak ada di berkas. Kolom: ${mapping.map((x) => `"${x.label}"`).join(', ')}.`);
    if (role === '-') {
      m.action = 'skip';
      continue;
    }
    if (!isColumnRole(role)) continue;
    m.role = role;
    const target = columns.find((c) => c.role === role);
    if (target) {
      m.action = 'existing';
      m.columnId = target.id;
    } else if (m.action !== 'existing') {
      m.action = 'new';
      m.columnId = columns.some((c) => c.id === role) ? `${role}_impor` : role;
    }
  }
  return mapping;
}

function printPreview(p: ImportPreview, fileLabel: string): void {
  const s = p.summary;
  const n = (x: number) => x.toLocaleString('id-ID');
  console.log(`${fileLabel}: ${n(s.rows)} baris`);
  console.log(`  galat: ${n(s.errors)} (${n(s.rowsWithErrors)} baris)   peringatan: ${n(s.warnings)} (${n(s.rowsWithWarnings)} baris)`);
  console.log(`  duplikat dalam berkas: ${n(s.duplicatesInFile)} baris   duplikat dengan lembar: ${n(s.duplicatesWithExisting)} baris`);
  for (const r of p.problems.slice(0, 10)) {
    console.log(`  baris ${r.position}: ${r.findings.filter((f) => f.severity === 'error').map((f) => f.message).join(' ')}`);
  }
  if (p.problems.length > 10) console.log(`  … dan ${n(s.rowsWithErrors - 10)} baris bergalat lainnya`);
}

async function runImport(o: Options): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(o.file));
  } catch (e) {
    console.error(`Berkas ${o.file} tidak dapat dibuka: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const readOpts = {
    ...(o.worksheet !== undefined ? { sheet: /^\d+$/.test(o.worksheet) ? Number(o.worksheet) - 1 : o.worksheet } : {}),
    ...(o.delimiter ? { delimiter: o.delimiter } : {}),
    ...(o.encoding ? { encoding: o.encoding } : {}),
  };
  const session = new ImportSession(bytes, basename(o.file), readOpts);
  const config = { today: todayIso() };

  if (o.dryRun) {
    const columns = o.sheet ? [] : templateColumns('standar');
    const { preview } = session.preview(mappingFor(session, columns, o.map), columns, [], engineCheck(config));
    if (o.json) console.log(JSON.stringify({ file: o.file, dryRun: true, summary: preview.summary, header: session.summary().labels }));
    else printPreview(preview, o.file);
    return 0;
  }

  if (!o.user) throw new UsageError('Sebutkan pengguna: --user NAMA atau $SELARAS_USER.');
  const password = process.env[o.passwordEnv];
  if (!password) throw new UsageError(`Kata sandi tidak ada di variabel lingkungan ${o.passwordEnv}.`);
  const token = await login(o.server, o.user, password);
  let sheetId = o.sheet ?? '';
  if (o.newName) {
    const created = await createSheet(o.server, token, {
      name: o.newName,
      program: o.program ?? '',
      period: o.period ?? '',
      ...(o.kelurahan ? { kelurahan: o.kelurahan } : {}),
      ...(o.template ? { template: o.template } : {}),
    });
    sheetId = created.id;
    if (!o.json) console.log(`Lembar baru dibuat: ${created.name} (${sheetId})`);
  }
  const remote = await openRemoteSheet(o.server, token, sheetId, WebSocket as unknown as WebSocketClass);
  try {
    if (remote.access !== 'write') {
      console.error(`Anda hanya dapat membaca lembar ${sheetId}; tidak ada yang diimpor.`);
      return 1;
    }
    const doc = remote.doc;
    const columns = getColumns(doc);
    const mapping = mappingFor(session, columns, o.map);
    let report: Record<string, unknown>;
    if (o.reimport) {
      const { plan, diff } = session.diff(mapping, columns, existingRowsOf(doc));
      const decision: ReimportDecision = {
        add: o.accept.has('add') ? diff.added.map((r) => r.key) : [],
        remove: o.accept.has('remove') ? diff.removed.map((r) => r.id) : [],
        change: o.accept.has('change') ? diff.changed.map((c) => ({ rowId: c.rowId, cols: c.changes.map((x) => x.col) })) : [],
      };
      const res = applyReimport(doc, plan, diff, decision, undefined, { maxUpdateBytes: RELAY_UPDATE_BUDGET });
      report = { sheet: sheetId, reimport: true, added: res.added, removed: res.removed, cellsChanged: res.cellsChanged, unchanged: diff.unchanged, kept: diff.kept.length, notApplied: { added: diff.added.length - res.added, removed: diff.removed.length - res.removed } };
      if (!o.json) {
        console.log(`Impor ulang: ${diff.changed.length} baris berubah, ${diff.added.length} baru, ${diff.removed.length} tidak ada lagi di berkas, ${diff.unchanged} sama.`);
        console.log(`Diterapkan: ${res.added} baris ditambah, ${res.cellsChanged} sel diubah, ${res.removed} baris dihapus.`);
        for (const k of diff.kept.slice(0, 10)) console.log(`  baris ${k.position}: ${k.reason}`);
      }
    } else {
      const { plan, preview } = session.preview(mapping, columns, toRecordRows(doc, sheetId), engineCheck(config));
      if (!o.json) printPreview(preview, o.file);
      const res = applyImport(doc, plan, { maxUpdateBytes: RELAY_UPDATE_BUDGET });
      report = { sheet: sheetId, added: res.rowIds.length, columnsAdded: res.columnsAdded, summary: preview.summary };
    }
    await remote.whenDurable(120_000);
    if (o.json) console.log(JSON.stringify({ ...report, durable: true }));
    else console.log(`Tersimpan di server (dikonfirmasi di disk): lembar ${sheetId}.`);
    return 0;
  } finally {
    remote.close();
  }
}

export async function run(args: string[]): Promise<number> {
  let opts: Options | 'help';
  try {
    opts = parse(args);
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${HELP}`);
    return 2;
  }
  if (opts === 'help') {
    console.log(HELP);
    return 0;
  }
  try {
    return await runImport(opts);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(e.message);
      return 2;
    }
    if (isFileReadError(e)) {
      console.error(`${e.message}\nTidak ada yang diimpor.`);
      return e.code === 'import-failed' ? 1 : 2;
    }
    if (e instanceof RemoteError) {
      console.error(`${e.message}\nTidak dapat dipastikan tersimpan; periksa lembar di aplikasi.`);
      return 1;
    }
    console.error(`Impor gagal: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
