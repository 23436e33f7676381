// Column templates for new sheets. Labels are what officers write on their own
// spreadsheets; ids are the roles, so they are stable and readable.
import type { ColumnDef, ColumnFormat } from './doc';
import type { ColumnRole } from '../domain/schema';

const col = (role: ColumnRole, label: string, width: number, format: ColumnFormat = 'text'): ColumnDef => ({
  id: role,
  role,
  label,
  width,
  format,
});

const STANDARD: ColumnDef[] = [
  col('nik', 'NIK', 170, 'nik'),
  col('no_kk', 'No KK', 170, 'nik'),
  col('nama', 'Nama', 200),
  col('jenis_kelamin', 'L/P', 50),
  col('tempat_lahir', 'Tempat Lahir', 130),
  col('tanggal_lahir', 'Tgl Lahir', 110, 'date'),
  col('alamat', 'Alamat', 220),
  col('rt', 'RT', 50),
  col('rw', 'RW', 50),
  col('desa_kelurahan', 'Desa/Kel', 130),
  col('kecamatan', 'Kecamatan', 130),
  col('pekerjaan', 'Pekerjaan', 130),
  col('penghasilan', 'Penghasilan', 120, 'rupiah'),
  col('kondisi_rumah', 'Kondisi Rumah', 130),
  col('program', 'Program', 100),
  col('status_dtks', 'Status DTKS', 110),
  col('status', 'Status', 140),
  col('alasan', 'Alasan', 180),
  col('sumber', 'Sumber', 120),
  col('catatan', 'Catatan', 200),
];

const pick = (roles: ColumnRole[]) => roles.map((r) => STANDARD.find((c) => c.role === r)!);

export const SHEET_TEMPLATES = {
  /** Every standard column: a kelurahan's list for one program. */
  standar: { label: 'Daftar penerima (lengkap)', columns: STANDARD },
  /** An OPD's sectoral proposal (becak, angkot, pedagang pasar…). */
  usulan_opd: {
    label: 'Usulan OPD (sektoral)',
    columns: pick(['nik', 'no_kk', 'nama', 'jenis_kelamin', 'tanggal_lahir', 'alamat', 'rt', 'rw', 'desa_kelurahan', 'kecamatan', 'pekerjaan', 'penghasilan', 'sumber', 'catatan']),
  },
  /** Complaints (posko pengaduan): each row followed to a decision. */
  pengaduan: {
    label: 'Pengaduan',
    columns: pick(['nik', 'nama', 'alamat', 'rt', 'rw', 'desa_kelurahan', 'program', 'status', 'alasan', 'sumber', 'catatan']),
  },
} as const satisfies Record<string, { label: string; columns: ColumnDef[] }>;

export type SheetTemplateId = keyof typeof SHEET_TEMPLATES;

export function templateColumns(id: SheetTemplateId): ColumnDef[] {
  return SHEET_TEMPLATES[id].columns.map((c) => ({ ...c }));
}
