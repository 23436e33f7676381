// The columns a new recipient list starts with (the app may send its own).
import type { ColumnDef } from '../../src/sheet/doc';
import { isColumnRole } from '../../src/domain/schema';

export const DEFAULT_COLUMNS: ColumnDef[] = [
  { id: 'nik', label: 'NIK', role: 'nik', format: 'nik', width: 170 },
  { id: 'no_kk', label: 'No KK', role: 'no_kk', format: 'nik', width: 170 },
  { id: 'nama', label: 'Nama', role: 'nama', width: 200 },
  { id: 'jenis_kelamin', label: 'L/P', role: 'jenis_kelamin', width: 50 },
  { id: 'tempat_lahir', label: 'Tempat lahir', role: 'tempat_lahir', width: 120 },
  { id: 'tanggal_lahir', label: 'Tanggal lahir', role: 'tanggal_lahir', format: 'date', width: 110 },
  { id: 'alamat', label: 'Alamat', role: 'alamat', width: 220 },
  { id: 'rt', label: 'RT', role: 'rt', width: 50 },
  { id: 'rw', label: 'RW', role: 'rw', width: 50 },
  { id: 'pekerjaan', label: 'Pekerjaan', role: 'pekerjaan', width: 140 },
  { id: 'penghasilan', label: 'Penghasilan/bulan', role: 'penghasilan', format: 'rupiah', width: 140 },
  { id: 'status_dtks', label: 'DTKS', role: 'status_dtks', width: 90 },
  { id: 'status', label: 'Status', role: 'status', width: 130 },
  { id: 'catatan', label: 'Catatan', role: 'catatan', width: 200 },
];

const FORMATS = new Set(['text', 'nik', 'date', 'rupiah', 'number']);

/** Columns sent by a client, checked; a message (Bahasa Indonesia) when unusable. */
export function parseColumns(input: unknown): ColumnDef[] | string {
  if (!Array.isArray(input) || input.length === 0 || input.length > 200) return 'Kolom harus berupa daftar berisi 1–200 kolom.';
  const seen = new Set<string>();
  const out: ColumnDef[] = [];
  for (const raw of input) {
    if (!raw || typeof raw !== 'object') return 'Setiap kolom harus berupa objek {id, label}.';
    const c = raw as Record<string, unknown>;
    if (typeof c.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(c.id)) return 'Id kolom hanya boleh huruf, angka, _ dan - (maksimal 64).';
    if (seen.has(c.id)) return `Id kolom ganda: ${c.id}.`;
    seen.add(c.id);
    if (typeof c.label !== 'string' || !c.label.trim()) return `Kolom ${c.id} belum diberi judul.`;
    const def: ColumnDef = { id: c.id, label: c.label.trim().slice(0, 100) };
    if (c.role !== undefined) {
      if (typeof c.role !== 'string' || !isColumnRole(c.role)) return `Peran kolom tidak dikenal: ${String(c.role)}.`;
      def.role = c.role;
    }
    if (c.format !== undefined) {
      if (typeof c.format !== 'string' || !FORMATS.has(c.format)) return `Format kolom tidak dikenal: ${String(c.format)}.`;
      def.format = c.format as ColumnDef['format'];
    }
    if (typeof c.width === 'number' && c.width >= 20 && c.width <= 2000) def.width = Math.round(c.width);
    out.push(def);
  }
  return out;
}
