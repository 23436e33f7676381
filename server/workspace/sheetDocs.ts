// Writing to sheet docs from the server side (creating a sheet's doc with its
// columns, renaming, archiving): the seam between the catalog and the relay.
// Every write goes through relay.applyServerUpdate, so it is on disk and
// broadcast to open clients like any client edit.
import * as Y from 'yjs';
import { initSheet, setMeta, setWriter, type ColumnDef, type SheetMeta } from '../../src/sheet/doc';
import { appendRows } from '../../src/sheet/rows';
import type { SheetRecord } from '../catalog/sheets';

export interface SheetDocWriter {
  /** Write a new sheet's meta and columns (and, for demo data, rows: column id → value) as one durable server update. */
  create(sheet: SheetRecord, columns: ColumnDef[], rows?: Array<Record<string, string>>): Promise<void>;
  /** Change meta fields (name, archived) in the stored doc, merging with whatever clients wrote. */
  setMeta(sheetId: string, patch: Partial<SheetMeta>): Promise<void>;
}

/** The part of the relay this needs. */
export interface ServerUpdateSink {
  applyServerUpdate(sheetId: string, update: Uint8Array): Promise<void>;
  readDoc(sheetId: string): Promise<Y.Doc>;
}

const SERVER_WRITER = { user: 'server', name: 'Selaras (server)' };

export function createSheetDocWriter(relay: ServerUpdateSink): SheetDocWriter {
  return {
    async create(sheet, columns, rows) {
      const doc = new Y.Doc();
      try {
        setWriter(doc, SERVER_WRITER);
        initSheet(
          doc,
          {
            name: sheet.name,
            program: sheet.program,
            period: sheet.period,
            kelurahan: sheet.kelurahan ?? '',
            kecamatan: sheet.kecamatan ?? '',
            archived: sheet.archived,
          },
          columns,
        );
        if (rows?.length) appendRows(doc, rows);
        await relay.applyServerUpdate(sheet.id, Y.encodeStateAsUpdate(doc));
      } finally {
        doc.destroy();
      }
    },
    async setMeta(sheetId, patch) {
      // Start from the stored state so the change is causally after what clients wrote.
      const doc = await relay.readDoc(sheetId);
      try {
        const before = Y.encodeStateVector(doc);
        setWriter(doc, SERVER_WRITER);
        setMeta(doc, patch);
        await relay.applyServerUpdate(sheetId, Y.encodeStateAsUpdate(doc, before));
      } finally {
        doc.destroy();
      }
    },
  };
}
