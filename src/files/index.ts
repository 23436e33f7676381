// Public surface of src/files: reading, importing, exporting CSV/XLSX. No DOM;
// usable by the files worker, the CLI and the server. Modules touching a
// sheet's Y.Doc: import-apply, reimport-apply, sheet-export, sheet-rows.
// Network (CLI only): remote.ts.
export { readTable, sniffFormat } from './read';
export { FileReadError, isFileReadError, type FileErrorCode } from './errors';
export { cellText, DEFAULT_LIMITS, type Cell, type CellType, type MergedRange, type ReadOptions, type Row, type Table, type TableFormat, type Worksheet } from './table';
export { ImportSession, type FileSummary } from './import-session';
export type { ColumnMapping, MappingAction } from './mapping';
export type { ImportPlan, ImportRow } from './import-plan';
export { engineCheck, previewImport, type ImportPreview, type ImportSummary, type PreviewRow, type CheckRecords } from './import-check';
export { applyImport, applyImportInParts, IMPORT_ORIGIN, type ApplyResult } from './import-apply';
export { planOutline, RELAY_UPDATE_BUDGET, UI_UPDATE_BUDGET, type PlanOutline } from './import-parts';
export { diffReimport, type ReimportDiff, type ExistingRow } from './reimport';
export { applyReimport, defaultDecision, type ReimportDecision } from './reimport-apply';
export { exportCsv, exportXlsx, type ExportTable, type ExportOptions } from './export-table';
export { exportBnba } from './bnba';
export { exportRecapXlsx, exportRecapCsv, recapLines } from './recap';
export { sheetToExportTable, type SheetView } from './sheet-export';
export { createFilesService, type FilesService, type Result } from './service';
