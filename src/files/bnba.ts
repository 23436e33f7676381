// BNBA (by name by address): the list format submitted for payment — a title
// block, one numbered row per recipient with identity and address, and a
// signature block. Rows that have left the program (status dikeluarkan or
// graduasi) are not submitted.
import type { ColumnRole } from '../domain/schema';
import type { ExportTable } from './export-table';
import { writeXlsx, type XlsxColumn } from './xlsx-write';

const BNBA_COLUMNS: Array<{ header: string; role: ColumnRole | 'no'; width: number }> = [
  { header: 'NO', role: 'no', width: 6 },
  { header: 'NIK', role: 'nik', width: 20 },
  { header: 'NO KK', role: 'no_kk', width: 20 },
  { header: 'NAMA PENERIMA', role: 'nama', width: 30 },
  { header: 'L/P', role: 'jenis_kelamin', width: 5 },
  { header: 'TEMPAT LAHIR', role: 'tempat_lahir', width: 16 },
  { header: 'TANGGAL LAHIR', role: 'tanggal_lahir', width: 14 },
  { header: 'ALAMAT', role: 'alamat', width: 34 },
  { header: 'RT', role: 'rt', width: 5 },
  { header: 'RW', role: 'rw', width: 5 },
  { header: 'DESA/KELURAHAN', role: 'desa_kelurahan', width: 18 },
  { header: 'KECAMATAN', role: 'kecamatan', width: 18 },
  { header: 'PROGRAM', role: 'program', width: 12 },
  { header: 'STATUS DTKS', role: 'status_dtks', width: 13 },
  { header: 'KETERANGAN', role: 'catatan', width: 30 },
];

const NOT_SUBMITTED = new Set(['dikeluarkan', 'graduasi']);

export function isSubmitted(status: string | undefined): boolean {
  return !NOT_SUBMITTED.has((status ?? '').trim().toLowerCase());
}

/** Column id per role in the table (first column playing it). */
export function roleIndex(table: ExportTable): Map<ColumnRole, string> {
  const out = new Map<ColumnRole, string>();
  for (const c of table.columns) if (c.role && !out.has(c.role)) out.set(c.role, c.id);
  return out;
}

export function bnbaRows(table: ExportTable): string[][] {
  const byRole = roleIndex(table);
  const get = (values: Record<string, string>, role: ColumnRole): string => {
    const id = byRole.get(role);
    return id ? values[id] ?? '' : '';
  };
  const rows: string[][] = [];
  for (const r of table.rows) {
    if (!isSubmitted(get(r.values, 'status'))) continue;
    rows.push(
      BNBA_COLUMNS.map((c) => {
        if (c.role === 'no') return String(rows.length + 1);
        if (c.role === 'program') return get(r.values, 'program') || table.meta.program;
        if (c.role === 'desa_kelurahan') return get(r.values, 'desa_kelurahan') || table.meta.kelurahan;
        if (c.role === 'kecamatan') return get(r.values, 'kecamatan') || table.meta.kecamatan;
        return get(r.values, c.role);
      }),
    );
  }
  return rows;
}

export function exportBnba(table: ExportTable, opts: { date?: string } = {}): Uint8Array {
  const m = table.meta;
  const rows = bnbaRows(table);
  const title = [
    `DAFTAR PENERIMA BANTUAN ${(m.program || 'SOSIAL').toUpperCase()} — BY NAME BY ADDRESS (BNBA)`,
    [m.kelurahan && `Desa/Kelurahan: ${m.kelurahan}`, m.kecamatan && `Kecamatan: ${m.kecamatan}`, m.period && `Periode: ${m.period}`]
      .filter(Boolean)
      .join('   '),
    `Lembar: ${m.name}   Jumlah penerima: ${rows.length}`,
  ];
  const columns: XlsxColumn[] = BNBA_COLUMNS.map((c) => ({
    header: c.header,
    width: c.width,
    kind: c.role === 'nik' || c.role === 'no_kk' ? 'identity' : 'text',
  }));
  // Signatures: the officer on the left, the lurah/kepala desa on the right.
  const right = BNBA_COLUMNS.length - 4;
  const line = (left: string, rightText: string): string[] => {
    const cells = Array<string>(right + 1).fill('');
    cells[1] = left;
    cells[right] = rightText;
    return cells;
  };
  const footer: string[][] = [
    line('Petugas/Pendamping,', opts.date ? `Mengetahui, ${opts.date}` : 'Mengetahui,'),
    line('', 'Lurah/Kepala Desa'),
    [],
    [],
    line('(................................)', '(................................)'),
  ];
  return writeXlsx([{ name: 'BNBA', title, columns, rows, footer }]);
}
