// Recap per kelurahan: for each kecamatan × desa/kelurahan × program, the count
// of rows by status and by DTKS classification, with a grand total. Built from
// any number of sheets (a coordinator recaps the whole city at once).
import { ROW_STATUSES } from '../domain/schema';
import { roleIndex } from './bnba';
import type { ExportTable } from './export-table';
import { writeCsv } from './csv-write';
import { writeXlsx, type XlsxColumn } from './xlsx-write';

export interface RecapLine {
  kecamatan: string;
  kelurahan: string;
  program: string;
  total: number;
  byStatus: Record<string, number>;
  dtks: number;
  nonDtks: number;
}

const OTHER = 'lainnya/kosong';
const STATUS_COLUMNS = [...ROW_STATUSES, OTHER];

function statusOf(raw: string): string {
  const s = raw.trim().toLowerCase();
  return (ROW_STATUSES as readonly string[]).includes(s) ? s : OTHER;
}

/** 'DTKS' / 'Non-DTKS' / anything else (not counted in either). */
function dtksOf(raw: string): 'dtks' | 'non' | null {
  const s = raw.trim().toLowerCase().replace(/[\s_-]+/g, '');
  if (s === 'dtks' || s === 'ya' || s === 'terdaftar') return 'dtks';
  if (s === 'nondtks' || s === 'bukandtks' || s === 'tidak') return 'non';
  return null;
}

export function recapLines(tables: ExportTable[]): RecapLine[] {
  const lines = new Map<string, RecapLine>();
  for (const t of tables) {
    const byRole = roleIndex(t);
    const get = (v: Record<string, string>, role: Parameters<typeof byRole.get>[0]) => {
      const id = byRole.get(role);
      return id ? (v[id] ?? '').trim() : '';
    };
    for (const r of t.rows) {
      const kecamatan = get(r.values, 'kecamatan') || t.meta.kecamatan || '(tanpa kecamatan)';
      const kelurahan = get(r.values, 'desa_kelurahan') || t.meta.kelurahan || '(tanpa kelurahan)';
      const program = (get(r.values, 'program') || t.meta.program || '(tanpa program)').toUpperCase();
      const key = `${kecamatan.toLowerCase()}|${kelurahan.toLowerCase()}|${program}`;
      let line = lines.get(key);
      if (!line) {
        line = { kecamatan, kelurahan, program, total: 0, byStatus: Object.fromEntries(STATUS_COLUMNS.map((s) => [s, 0])), dtks: 0, nonDtks: 0 };
        lines.set(key, line);
      }
      line.total++;
      const st = statusOf(get(r.values, 'status'));
      line.byStatus[st] = (line.byStatus[st] ?? 0) + 1;
      const d = dtksOf(get(r.values, 'status_dtks'));
      if (d === 'dtks') line.dtks++;
      else if (d === 'non') line.nonDtks++;
    }
  }
  const cmp = (a: string, b: string) => a.localeCompare(b, 'id');
  return [...lines.values()].sort((a, b) => cmp(a.kecamatan, b.kecamatan) || cmp(a.kelurahan, b.kelurahan) || cmp(a.program, b.program));
}

const HEADERS = ['KECAMATAN', 'DESA/KELURAHAN', 'PROGRAM', 'JUMLAH', ...STATUS_COLUMNS.map((s) => s.toUpperCase()), 'DTKS', 'NON-DTKS'];

function recapGrid(lines: RecapLine[]): string[][] {
  const rows = lines.map((l) => [l.kecamatan, l.kelurahan, l.program, String(l.total), ...STATUS_COLUMNS.map((s) => String(l.byStatus[s] ?? 0)), String(l.dtks), String(l.nonDtks)]);
  const sum = (f: (l: RecapLine) => number) => String(lines.reduce((n, l) => n + f(l), 0));
  rows.push(['TOTAL', '', '', sum((l) => l.total), ...STATUS_COLUMNS.map((s) => sum((l) => l.byStatus[s] ?? 0)), sum((l) => l.dtks), sum((l) => l.nonDtks)]);
  return rows;
}

export function exportRecapXlsx(tables: ExportTable[], title = 'REKAP PENERIMA PER KELURAHAN'): Uint8Array {
  const columns: XlsxColumn[] = HEADERS.map((h, i) => ({ header: h, kind: i >= 3 ? 'number' : 'text', width: i < 2 ? 22 : i === 2 ? 12 : 11 }));
  return writeXlsx([{ name: 'Rekap', title: [title, `Jumlah lembar: ${tables.length}`], columns, rows: recapGrid(recapLines(tables)) }]);
}

export function exportRecapCsv(tables: ExportTable[]): Uint8Array {
  return writeCsv(HEADERS, recapGrid(recapLines(tables)));
}
