// `selaras export LEMBAR... --format xlsx|csv|bnba|recap --out BERKAS`: reads
// sheets from a RUNNING server as a real client (HTTP login, y-websocket sync)
// and writes the file. Same writers as the app's export dialog (src/files).
// Exit codes: 0 written; 1 the server refused or could not be reached; 2 usage error.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { WebSocket } from '../relay/ws';
import { todayIso } from '../../src/domain/dates';
import type { Finding } from '../../src/domain/findings';
import { exportBnba } from '../../src/files/bnba';
import { exportCsv, exportXlsx, type ExportTable } from '../../src/files/export-table';
import { engineCheck } from '../../src/files/import-check';
import { exportRecapCsv, exportRecapXlsx } from '../../src/files/recap';
import { login, openRemoteSheet, RemoteError, type WebSocketClass } from '../../src/files/remote';
import { sheetToExportTable } from '../../src/files/sheet-export';
import { toRecordRows } from '../../src/sheet';

const HELP = `Penggunaan: selaras export LEMBAR... --format FORMAT --out BERKAS [opsi]

Mengekspor lembar dari server Selaras yang sedang berjalan.

  LEMBAR                 id lembar (boleh beberapa untuk --format recap), atau --all
  --format F             xlsx | csv | bnba | recap   (recap: .xlsx, atau .csv bila --out *.csv)
  --out BERKAS           berkas yang ditulis
  --all                  semua lembar yang boleh Anda baca (untuk recap)
  --findings             sertakan hasil pemeriksaan sebagai kolom tambahan (xlsx, csv)
  --delimiter ";"        pemisah CSV (bawaan ",")
  --server URL           bawaan $SELARAS_SERVER atau http://127.0.0.1:8080
  --user NAMA            bawaan $SELARAS_USER
  --password-env VAR     variabel lingkungan berisi kata sandi (bawaan SELARAS_PASSWORD)
  -h, --help             bantuan ini

NIK dan No KK ditulis sebagai teks di .xlsx; sel yang diawali = + - @ dinetralkan.
Kode keluar: 0 berkas ditulis; 1 server menolak atau tidak terjangkau; 2 perintah salah.`;

class UsageError extends Error {}

type Format = 'xlsx' | 'csv' | 'bnba' | 'recap';

interface SheetListing {
  kecamatan: Array<{ code: string; name: string; kelurahan: Array<{ code: string; name: string; sheets: Array<{ id: string }> }> }>;
  opdSheets: Array<{ id: string }>;
}

async function workspace(server: string, token: string): Promise<SheetListing> {
  const res = await fetch(`${server.replace(/\/$/, '')}/api/workspace`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new RemoteError(`/api/workspace: HTTP ${res.status}`);
  return (await res.json()) as SheetListing;
}

export async function run(args: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  let sheets: string[];
  try {
    const parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        out: { type: 'string' },
        all: { type: 'boolean' },
        findings: { type: 'boolean' },
        delimiter: { type: 'string' },
        server: { type: 'string' },
        user: { type: 'string' },
        'password-env': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    values = parsed.values;
    sheets = parsed.positionals;
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    const format = values.format;
    if (format !== 'xlsx' && format !== 'csv' && format !== 'bnba' && format !== 'recap') throw new UsageError('--format harus xlsx, csv, bnba atau recap.');
    if (typeof values.out !== 'string' || !values.out) throw new UsageError('Sebutkan --out BERKAS.');
    if (!sheets.length && !values.all) throw new UsageError('Sebutkan id LEMBAR, atau --all.');
    if (format !== 'recap' && (sheets.length > 1 || values.all)) throw new UsageError(`Format ${format} mengekspor satu lembar; beberapa lembar hanya untuk --format recap.`);
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${HELP}`);
    return 2;
  }
  const format = values.format as Format;
  const server = (values.server as string | undefined) ?? process.env.SELARAS_SERVER ?? 'http://127.0.0.1:8080';
  const user = (values.user as string | undefined) ?? process.env.SELARAS_USER;
  const password = process.env[(values['password-env'] as string | undefined) ?? 'SELARAS_PASSWORD'];
  if (!user || !password) {
    console.error('Sebutkan pengguna (--user atau $SELARAS_USER) dan kata sandi (variabel lingkungan, bawaan SELARAS_PASSWORD).');
    return 2;
  }
  try {
    const token = await login(server, user, password);
    const tree = await workspace(server, token);
    const names = new Map<string, string>();
    for (const k of tree.kecamatan) {
      names.set(k.code, k.name);
      for (const l of k.kelurahan) names.set(l.code, l.name);
    }
    if (values.all) sheets = [...tree.kecamatan.flatMap((k) => k.kelurahan.flatMap((l) => l.sheets.map((s) => s.id))), ...tree.opdSheets.map((s) => s.id)];
    const tables: ExportTable[] = [];
    let findings: Map<string, Finding[]> | undefined;
    for (const id of sheets) {
      const remote = await openRemoteSheet(server, token, id, WebSocket as unknown as WebSocketClass);
      try {
        tables.push(sheetToExportTable(remote.doc, id, {}, (code) => names.get(code)));
        if (values.findings && format !== 'recap' && format !== 'bnba') {
          const result = engineCheck({ today: todayIso() })(toRecordRows(remote.doc, id));
          findings = new Map();
          for (const f of result.findings) findings.set(f.row, [...(findings.get(f.row) ?? []), f]);
        }
      } finally {
        remote.close();
      }
    }
    const out = values.out as string;
    const table = tables[0]!;
    const csvOpts = typeof values.delimiter === 'string' ? { delimiter: values.delimiter } : {};
    const bytes =
      format === 'xlsx'
        ? exportXlsx(table, findings ? { findings } : {})
        : format === 'csv'
          ? exportCsv(table, { ...(findings ? { findings } : {}), csv: csvOpts })
          : format === 'bnba'
            ? exportBnba(table)
            : out.toLowerCase().endsWith('.csv')
              ? exportRecapCsv(tables)
              : exportRecapXlsx(tables);
    writeFileSync(out, bytes);
    const rows = tables.reduce((n, t) => n + t.rows.length, 0);
    console.log(`${out}: ${tables.length} lembar, ${rows.toLocaleString('id-ID')} baris (${format}).`);
    return 0;
  } catch (e) {
    console.error(`Ekspor gagal: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
