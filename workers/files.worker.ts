// File import/export in a Web Worker, reached through Comlink, so parsing and
// checking a 50k-row file never freezes the UI. Start it with
// src/app/files/files-client.ts. API: src/files/service.ts (FilesService):
//   open(bytes, fileName, opts?)             → FileSummary (sheets, header row, labels, roles)
//   chooseSheet(i), proposeMapping(columns)  → summary / ColumnMapping[]
//   preview(mapping, columns, existingRecords, engineConfig?) → ImportPreview (totals, sample, problems)
//   diff(mapping, columns, existingRows)     → ReimportDiff (added / removed / changed per field)
//   takePlan()                               → ImportPlan to apply with applyImport / applyReimport
//   planOutline(maxUpdateBytes), planRows(from, to) → the plan part by part, for applyImportInParts
//   export(format, tables, opts?)            → file bytes (xlsx, csv, bnba, recap-xlsx, recap-csv)
// Every call returns { ok: true, value } or { ok: false, error: { code, message } }.
import * as Comlink from 'comlink';
import { createFilesService } from '../src/files/service';

Comlink.expose(createFilesService());
