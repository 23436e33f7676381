// The recipient-list schema: which roles a column can play. Pure data, shared by
// the app, the worker, the server and the CLI (no DOM, no Yjs, no I/O here).

export const COLUMN_ROLES = [
  'nik',
  'no_kk',
  'nama',
  'jenis_kelamin',
  'tempat_lahir',
  'tanggal_lahir',
  'alamat',
  'rt',
  'rw',
  'desa_kelurahan',
  'kecamatan',
  'pekerjaan',
  'penghasilan',
  'kondisi_rumah',
  'program',
  'status_dtks',
  'status',
  'alasan',
  'sumber',
  'catatan',
] as const;

export type ColumnRole = (typeof COLUMN_ROLES)[number];

export function isColumnRole(value: string): value is ColumnRole {
  return (COLUMN_ROLES as readonly string[]).includes(value);
}

/** The life cycle of a row in a list (see design brief, workflows 2–4). */
export const ROW_STATUSES = [
  'usulan',
  'valid',
  'perlu validasi ulang',
  'ditetapkan',
  'graduasi',
  'dikeluarkan',
] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

/**
 * One row as the check engine sees it: values by role (already mapped from the
 * sheet's or file's columns), plus where it lives. `key` is unique across every
 * sheet and file the engine holds (e.g. `${sheetId}/${rowId}` or `${file}#${row}`).
 */
export interface RecordRow {
  key: string;
  /** The sheet id or file path the row belongs to. */
  source: string;
  /** 1-based position in its source, for messages and the CLI report. */
  position: number;
  values: Partial<Record<ColumnRole, string>>;
  /**
   * Identity columns whose cell the file reader knows lost digits to Excel (a 16-digit
   * number stored as a number keeps 15): reported as damaged and never matched on,
   * whatever the column's verdict. Absent for rows typed in a sheet.
   */
  lostDigits?: readonly ('nik' | 'no_kk')[];
}
