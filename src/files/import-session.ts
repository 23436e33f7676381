// One import from file bytes to a plan and a preview. Used as is by the CLI and
// held by the files worker (one session per worker instance, no module state).
import type { RecordRow } from '../domain/schema';
import type { ColumnDef } from '../sheet/doc';
import { readTable } from './read';
import { findHeader, type HeaderGuess } from './header';
import { buildImportPlan, type ImportPlan } from './import-plan';
import { engineCheck, previewImport, type CheckRecords, type ImportPreview } from './import-check';
import { proposeMapping, type ColumnMapping } from './mapping';
import { diffReimport, type ExistingRow, type ReimportDiff } from './reimport';
import { asFileReadError, fileError } from './errors';
import { cellText, type ReadOptions, type Table } from './table';
import type { ColumnRole } from '../domain/schema';

export interface FileSummary {
  fileName: string;
  format: Table['format'];
  delimiter?: string;
  sheets: Array<{ name: string; rows: number }>;
  /** Index of the worksheet in use. */
  sheet: number;
  /** File row number of the header row (1-based), 0 when none. */
  headerRow: number;
  /** Data rows below the header (blank rows excluded). */
  dataRows: number;
  labels: string[];
  roles: (ColumnRole | null)[];
  /** The first data rows' cell texts, per column, for the mapping step. */
  samples: string[][];
}

export class ImportSession {
  private readonly table: Table;
  private sheetIndex = 0;
  private header: HeaderGuess;

  constructor(
    bytes: Uint8Array,
    readonly fileName: string,
    opts: ReadOptions = {},
  ) {
    this.table = readTable(bytes, fileName, opts);
    // Start on the first worksheet that has data.
    const first = this.table.sheets.findIndex((s) => s.rows.length > 0);
    this.sheetIndex = first < 0 ? 0 : first;
    this.header = guard(() => findHeader(this.sheet()));
  }

  private sheet() {
    const s = this.table.sheets[this.sheetIndex];
    if (!s) throw fileError('no-sheet', 'Lembar kerja tidak ada.');
    return s;
  }

  chooseSheet(index: number): FileSummary {
    const s = this.table.sheets[index];
    if (!s) throw fileError('no-sheet', `Lembar nomor ${index + 1} tidak ada di berkas ini.`);
    if (s.rows.length === 0) throw fileError('no-rows', `Lembar "${s.name}" kosong.`);
    this.sheetIndex = index;
    this.header = findHeader(s);
    return this.summary();
  }

  summary(): FileSummary {
    const s = this.sheet();
    const out: FileSummary = {
      fileName: this.fileName,
      format: this.table.format,
      sheets: this.table.sheets.map((w) => ({ name: w.name, rows: w.rows.length })),
      sheet: this.sheetIndex,
      headerRow: s.rows[this.header.headerIndex]?.n ?? 0,
      dataRows: Math.max(0, s.rows.length - this.header.dataIndex),
      labels: this.header.labels,
      roles: this.header.roles,
      samples: s.rows.slice(this.header.dataIndex, this.header.dataIndex + 3).map((r) => this.header.labels.map((_, c) => cellText(r.cells[c]))),
    };
    if (this.table.delimiter) out.delimiter = this.table.delimiter;
    return out;
  }

  proposeMapping(existing: ColumnDef[]): ColumnMapping[] {
    return proposeMapping(this.header.labels, this.header.roles, existing);
  }

  plan(mapping: ColumnMapping[], existing: ColumnDef[]): ImportPlan {
    return guard(() => buildImportPlan(this.sheet(), this.header, mapping, existing, {
      date1904: this.table.date1904,
      fromCsv: this.table.format === 'csv',
    }));
  }

  preview(mapping: ColumnMapping[], existing: ColumnDef[], existingRecords: RecordRow[], check: CheckRecords = engineCheck()): { plan: ImportPlan; preview: ImportPreview } {
    const plan = this.plan(mapping, existing);
    return { plan, preview: guard(() => previewImport(plan, existingRecords, check)) };
  }

  diff(mapping: ColumnMapping[], existing: ColumnDef[], existingRows: ExistingRow[]): { plan: ImportPlan; diff: ReimportDiff } {
    const plan = this.plan(mapping, existing);
    const roles: Record<string, ColumnRole> = {};
    for (const c of existing) if (c.role) roles[c.id] = c.role;
    return { plan, diff: guard(() => diffReimport(existingRows, roles, plan)) };
  }
}

/** Whatever fails while preparing an import reaches the officer as a clear refusal, never a crash. */
function guard<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw asFileReadError(e, 'import-failed', 'Berkas tidak dapat disiapkan untuk diimpor; tidak ada yang diubah');
  }
}
