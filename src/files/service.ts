// The files worker's API (workers/files.worker.ts exposes it through Comlink):
// parse, map, preview and re-import diffs off the UI thread, plus the export
// writers. Calls return a Result instead of throwing, because Comlink passes
// only an error's message across, and the UI needs the code too.
import type { EngineConfig } from '../domain/engine/index';
import type { RecordRow } from '../domain/schema';
import type { ColumnDef } from '../sheet/doc';
import { exportBnba } from './bnba';
import { asFileReadError, type FileErrorCode } from './errors';
import { exportCsv, exportXlsx, type ExportOptions, type ExportTable } from './export-table';
import { engineCheck, type ImportPreview } from './import-check';
import { planOutline, type PlanOutline } from './import-parts';
import type { ImportPlan, ImportRow } from './import-plan';
import { ImportSession, type FileSummary } from './import-session';
import type { ColumnMapping } from './mapping';
import { exportRecapCsv, exportRecapXlsx } from './recap';
import type { ExistingRow, ReimportDiff } from './reimport';
import type { ReadOptions } from './table';

export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: FileErrorCode; message: string } };

export type ExportFormat = 'xlsx' | 'csv' | 'bnba' | 'recap-xlsx' | 'recap-csv';

export interface FilesService {
  /** Parse a file (the bytes are best transferred). Replaces any open session. */
  open(bytes: Uint8Array, fileName: string, opts?: ReadOptions): Result<FileSummary>;
  chooseSheet(index: number): Result<FileSummary>;
  proposeMapping(existing: ColumnDef[]): Result<ColumnMapping[]>;
  /** Plan + engine check over existing + incoming rows. The plan is kept for takePlan(). */
  preview(mapping: ColumnMapping[], existing: ColumnDef[], existingRecords: RecordRow[], config?: Partial<EngineConfig>): Result<ImportPreview>;
  /** Plan + re-import diff against the sheet's rows. The plan is kept for takePlan(). */
  diff(mapping: ColumnMapping[], existing: ColumnDef[], existingRows: ExistingRow[]): Result<ReimportDiff>;
  /** The plan the last preview/diff built, to apply on the thread that owns the Y.Doc. */
  takePlan(): Result<ImportPlan>;
  /** The last plan without its rows, split into parts under `maxUpdateBytes`; fetch the rows with planRows. */
  planOutline(maxUpdateBytes?: number): Result<PlanOutline>;
  /** Rows [from, to) of the last plan: one part at a time, so the page never copies a 50k-row plan at once. */
  planRows(from: number, to: number): Result<ImportRow[]>;
  export(format: ExportFormat, tables: ExportTable[], opts?: ExportOptions): Result<Uint8Array>;
  close(): void;
}

function attempt<T>(f: () => T, context: string): Result<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    const err = asFileReadError(e, 'import-failed', context);
    return { ok: false, error: { code: err.code, message: err.message } };
  }
}

export function createFilesService(): FilesService {
  let session: ImportSession | null = null;
  let plan: ImportPlan | null = null;
  const need = (): ImportSession => {
    if (!session) throw asFileReadError(new Error('belum ada berkas'), 'empty', 'Pilih berkas dulu');
    return session;
  };
  const currentPlan = (): ImportPlan => {
    if (!plan) throw asFileReadError(new Error('belum ada pratinjau'), 'import-failed', 'Buat pratinjau dulu');
    return plan;
  };
  return {
    open(bytes, fileName, opts) {
      session = null;
      plan = null;
      return attempt(() => {
        session = new ImportSession(bytes, fileName, opts);
        return session.summary();
      }, `Berkas "${fileName}" tidak dapat dibaca`);
    },
    chooseSheet: (index) => attempt(() => need().chooseSheet(index), 'Lembar tidak dapat dipilih'),
    proposeMapping: (existing) => attempt(() => need().proposeMapping(existing), 'Kolom tidak dapat dipetakan'),
    preview(mapping, existing, existingRecords, config) {
      return attempt(() => {
        const out = need().preview(mapping, existing, existingRecords, engineCheck(config));
        plan = out.plan;
        return out.preview;
      }, 'Pratinjau gagal');
    },
    diff(mapping, existing, existingRows) {
      return attempt(() => {
        const out = need().diff(mapping, existing, existingRows);
        plan = out.plan;
        return out.diff;
      }, 'Perbandingan gagal');
    },
    takePlan: () => attempt(currentPlan, 'Rencana impor tidak ada'),
    planOutline: (maxUpdateBytes) => attempt(() => planOutline(currentPlan(), maxUpdateBytes), 'Rencana impor tidak ada'),
    planRows: (from, to) =>
      attempt(() => {
        const kept = currentPlan();
        if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from <= to && to <= kept.rows.length)) {
          throw asFileReadError(new Error(`${from}–${to} dari ${kept.rows.length}`), 'import-failed', 'Bagian rencana impor di luar jangkauan');
        }
        return kept.rows.slice(from, to);
      }, 'Baris rencana impor tidak dapat diambil'),
    export(format, tables, opts = {}) {
      return attempt(() => {
        const first = tables[0];
        if (!first && format !== 'recap-xlsx' && format !== 'recap-csv') throw new Error('tidak ada lembar');
        switch (format) {
          case 'xlsx':
            return exportXlsx(first!, opts);
          case 'csv':
            return exportCsv(first!, opts);
          case 'bnba':
            return exportBnba(first!);
          case 'recap-xlsx':
            return exportRecapXlsx(tables);
          case 'recap-csv':
            return exportRecapCsv(tables);
        }
      }, 'Ekspor gagal');
    },
    close() {
      session = null;
      plan = null;
    },
  };
}
