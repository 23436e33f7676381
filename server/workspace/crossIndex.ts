// The cross-sheet index (GET /api/index): every row of every sheet of the
// workspace, reduced to values by column role, so the app's check engine can
// find duplicates and overlapping programs across kelurahan even offline.
// Rows of sheets the user may not read carry only the identity fields the
// matching needs (NIK, No KK, name, birth date, sex) and `readable: false`: the
// officer learns that a match exists and where, not the household's details.
import type * as Y from 'yjs';
import { accessTo, type Principal } from '../auth/access';
import type { Catalog } from '../catalog';
import type { SheetRecord } from '../catalog/sheets';
import type { ColumnRole, RecordRow } from '../../src/domain/schema';
import { toRecordRows } from '../../src/sheet/records';
import { rowCount } from '../../src/sheet/rows';

export interface IndexEntry {
  key: string;
  sheet: string;
  sheetName: string;
  kelurahan: string;
  program: string;
  readable: boolean;
  values: RecordRow['values'];
}

const IDENTITY: readonly ColumnRole[] = ['nik', 'no_kk', 'nama', 'tanggal_lahir', 'jenis_kelamin'];

interface Cached<T> {
  version: string;
  value: Promise<T>;
}

export interface CrossIndexOptions {
  readDoc(sheetId: string): Promise<Y.Doc>;
  /** Sheet id → a value that changes whenever the stored doc changes (entries, bytes, last write). */
  versions(): Promise<Map<string, string>>;
}

export function createCrossIndex(catalog: Catalog, options: CrossIndexOptions) {
  // A sheet's doc is read again only when its stored doc changed. Row counts
  // (the workspace home) have a cache of their own: counting needs only the row
  // id list, not the records the index builds.
  const rowCache = new Map<string, Cached<RecordRow[]>>();
  const countCache = new Map<string, Cached<number>>();

  function fromDoc<T>(cache: Map<string, Cached<T>>, sheetId: string, version: string, read: (doc: Y.Doc) => T): Promise<T> {
    const hit = cache.get(sheetId);
    if (hit && hit.version === version) return hit.value;
    const value = options.readDoc(sheetId).then((doc) => {
      try {
        return read(doc);
      } finally {
        doc.destroy();
      }
    });
    cache.set(sheetId, { version, value });
    value.catch(() => {
      if (cache.get(sheetId)?.value === value) cache.delete(sheetId);
    });
    return value;
  }

  const rowsOf = (sheet: SheetRecord, version: string): Promise<RecordRow[]> =>
    fromDoc(rowCache, sheet.id, version, (doc) => toRecordRows(doc, sheet.id));

  const countOf = (sheet: SheetRecord, version: string): Promise<number> => {
    // The index's rows of this very version hold the count already.
    const rows = rowCache.get(sheet.id);
    if (rows && rows.version === version) return rows.value.then((r) => r.length);
    return fromDoc(countCache, sheet.id, version, rowCount);
  };

  return {
    /**
     * Rows per sheet the user may open (for the workspace home), counted from
     * the row id list: a sheet's doc is read only when it changed since the last answer.
     */
    async rowCounts(user: Principal): Promise<Map<string, number>> {
      const versions = await options.versions();
      const out = new Map<string, number>();
      for (const sheet of catalog.sheets.list(user.workspaceId)) {
        if (accessTo(user, sheet) === 'none') continue;
        out.set(sheet.id, await countOf(sheet, versions.get(sheet.id) ?? ''));
      }
      return out;
    },

    async entriesFor(user: Principal): Promise<IndexEntry[]> {
      const out: IndexEntry[] = [];
      const kelurahanNames = new Map(catalog.areas.kelurahan(user.workspaceId).map((k) => [k.code, k.name]));
      const versions = await options.versions();
      for (const sheet of catalog.sheets.list(user.workspaceId)) {
        const readable = accessTo(user, sheet) !== 'none';
        for (const row of await rowsOf(sheet, versions.get(sheet.id) ?? '')) {
          const values: RecordRow['values'] = {};
          for (const [role, value] of Object.entries(row.values) as Array<[ColumnRole, string]>) {
            if (readable || IDENTITY.includes(role)) values[role] = value;
          }
          out.push({
            key: row.key,
            sheet: sheet.id,
            sheetName: sheet.name,
            kelurahan: sheet.kelurahan ? (kelurahanNames.get(sheet.kelurahan) ?? sheet.kelurahan) : (sheet.opd ?? ''),
            program: sheet.program,
            readable,
            values,
          });
        }
      }
      return out;
    },
  };
}

export type CrossIndex = ReturnType<typeof createCrossIndex>;
