// What an export writes, independent of where it came from: columns and rows of
// strings (a sheet, or the current filtered view of it), plus optional
// findings. The formats — plain .xlsx/.csv, BNBA, recap — are built from this.
import type { Finding } from '../domain/findings';
import type { ColumnRole } from '../domain/schema';
import type { ColumnFormat, SheetMeta } from '../sheet/doc';
import { writeCsv, type CsvWriteOptions } from './csv-write';
import { writeXlsx, type XlsxColumn, type XlsxColumnKind } from './xlsx-write';

export interface ExportColumn {
  id: string;
  label: string;
  role?: ColumnRole;
  format?: ColumnFormat;
  width?: number;
}

export interface ExportRow {
  /** RecordRow.key of the row (`${sheetId}/${rowId}`), to attach findings. */
  key: string;
  values: Record<string, string>;
}

export interface ExportTable {
  meta: SheetMeta;
  columns: ExportColumn[];
  rows: ExportRow[];
}

export interface ExportOptions {
  /** Findings by RecordRow.key; when given, added as extra columns. */
  findings?: Map<string, Finding[]>;
  /** CSV only. */
  csv?: CsvWriteOptions;
}

function kindOf(c: ExportColumn): XlsxColumnKind {
  if (c.role === 'nik' || c.role === 'no_kk' || c.format === 'nik') return 'identity';
  if (c.format === 'rupiah' || c.format === 'number') return 'number';
  return 'text';
}

/** Sheet pixel widths (grid) to Excel character widths. */
function charWidth(c: ExportColumn): number | undefined {
  return c.width ? Math.max(6, Math.min(60, Math.round(c.width / 7))) : undefined;
}

const FINDING_HEADERS = ['Galat', 'Peringatan', 'Catatan pemeriksaan'];

function findingCells(list: Finding[] | undefined): string[] {
  const join = (sev: Finding['severity']) =>
    (list ?? [])
      .filter((f) => f.severity === sev)
      .map((f) => f.message)
      .join('; ');
  return [join('error'), join('warning'), join('info')];
}

function grid(table: ExportTable, opts: ExportOptions): { columns: XlsxColumn[]; rows: string[][] } {
  const columns: XlsxColumn[] = table.columns.map((c) => {
    const col: XlsxColumn = { header: c.label || c.id, kind: kindOf(c) };
    const w = charWidth(c);
    if (w) col.width = Math.max(w, kindOf(c) === 'identity' ? 19 : 0);
    return col;
  });
  if (opts.findings) for (const h of FINDING_HEADERS) columns.push({ header: h, width: 40 });
  const rows = table.rows.map((r) => {
    const out = table.columns.map((c) => r.values[c.id] ?? '');
    if (opts.findings) out.push(...findingCells(opts.findings.get(r.key)));
    return out;
  });
  return { columns, rows };
}

export function exportXlsx(table: ExportTable, opts: ExportOptions = {}): Uint8Array {
  const { columns, rows } = grid(table, opts);
  return writeXlsx([{ name: table.meta.name || 'Lembar', columns, rows }]);
}

export function exportCsv(table: ExportTable, opts: ExportOptions = {}): Uint8Array {
  const { columns, rows } = grid(table, opts);
  return writeCsv(
    columns.map((c) => c.header),
    rows,
    opts.csv,
  );
}
