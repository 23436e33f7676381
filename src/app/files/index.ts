// Import/export UI, mounted from the sheet toolbar. Props contracts:
//
//   <ImportDialog doc sheetId otherRecords? engineConfig? reimport? onClose={(result?) => …} />
//     doc          the sheet's Y.Doc (loaded/synced); rows go in with ONE transaction
//                  (origin IMPORT_ORIGIN from src/files/import-apply.ts)
//     sheetId      for RecordRow keys (`${sheetId}/${rowId}`)
//     otherRecords () => RecordRow[] of other sheets (cross-sheet index), for duplicate totals
//     engineConfig the check settings the sheet uses (today, rules, overlap…)
//     reimport     open in "re-import a returned list" mode
//     onClose      result { added, changed, removed } after an import, undefined when cancelled
//   Import into a NEW sheet: create it (POST /api/sheets), open its doc, mount ImportDialog on it;
//   the mapping step creates the columns the file brings.
//
//   <ExportDialog doc sheetId view? findingsOf? onClose />
//     view        () => { rowIds?, columnIds? } — the grid's filtered view ("only what is shown")
//     findingsOf  (rowKey) => Finding[] — enables "findings as extra columns"
//
// Both start their own files worker (workers/files.worker.ts) and stop it on unmount.
export { ImportDialog, type ImportDialogProps, type ImportResult } from './ImportDialog';
export { ExportDialog, type ExportDialogProps } from './ExportDialog';
export { startFilesWorker, type FilesWorker } from './files-client';
