// The cross-sheet index: the identity fields of every row of every sheet in a
// workspace, derived from the stored docs, so a device can check a typed NIK
// against other programs and kelurahan — offline too, once downloaded — without
// loading every sheet. Rebuilt per sheet only when that sheet's stored doc changed.
import type * as Y from 'yjs';
import type { ColumnRole, RecordRow } from '../../src/domain/schema';
import { getMeta, toRecordRows } from '../../src/sheet';

/** What a device receives per row. */
export interface IndexEntry {
  key: string;
  sheet: string;
  sheetName: string;
  kelurahan: string | null;
  program: string;
  /** False when the user may not read that sheet: only the identity fields needed to match are sent, and the UI shows only where the match is. */
  readable: boolean;
  values: RecordRow['values'];
}

/**
 * Fields a device needs to find a match. For sheets the user may not read, only
 * these leave the server; the UI then shows "a match exists in <sheet>" without them.
 */
export const IDENTITY_ROLES: readonly ColumnRole[] = ['nik', 'no_kk', 'nama', 'tanggal_lahir', 'jenis_kelamin', 'program'];

export interface IndexedSheet {
  id: string;
  name: string;
  program: string;
  kelurahan: string | null;
}

export interface IndexSources {
  /** A copy of a sheet's durable doc. */
  readDoc(sheetId: string): Promise<Y.Doc>;
  /** A value that changes whenever a sheet's stored doc changes. */
  versions(): Promise<Map<string, string>>;
}

interface CachedSheet {
  version: string;
  rows: Array<{ key: string; values: RecordRow['values']; program: string }>;
}

export interface WorkspaceIndex {
  /** Entries of the given sheets, each marked readable or not by `canRead`. */
  entries(sheets: IndexedSheet[], canRead: (sheetId: string) => boolean): Promise<IndexEntry[]>;
}

function identityOnly(values: RecordRow['values']): RecordRow['values'] {
  const out: RecordRow['values'] = {};
  for (const role of IDENTITY_ROLES) if (values[role] !== undefined) out[role] = values[role];
  return out;
}

export function createWorkspaceIndex(sources: IndexSources): WorkspaceIndex {
  const cache = new Map<string, CachedSheet>();

  async function rowsOf(sheet: IndexedSheet, version: string): Promise<CachedSheet['rows']> {
    const hit = cache.get(sheet.id);
    if (hit && hit.version === version) return hit.rows;
    const doc = await sources.readDoc(sheet.id);
    try {
      const program = getMeta(doc).program || sheet.program;
      const rows = toRecordRows(doc, sheet.id).map((r) => ({ key: r.key, values: r.values, program: r.values.program ?? program }));
      cache.set(sheet.id, { version, rows });
      return rows;
    } finally {
      doc.destroy();
    }
  }

  return {
    async entries(sheets, canRead) {
      const versions = await sources.versions();
      const out: IndexEntry[] = [];
      for (const sheet of sheets) {
        const version = versions.get(sheet.id);
        if (version === undefined) continue; // nothing stored yet
        const readable = canRead(sheet.id);
        for (const row of await rowsOf(sheet, version)) {
          const values = { ...row.values, program: row.program };
          out.push({
            key: row.key,
            sheet: sheet.id,
            sheetName: sheet.name,
            kelurahan: sheet.kelurahan,
            program: row.program,
            readable,
            values: readable ? values : identityOnly(values),
          });
        }
      }
      return out;
    },
  };
}
