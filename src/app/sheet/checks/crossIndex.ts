// The cross-sheet index (GET /api/index): every row of the workspace's other
// sheets, reduced to what the checks need. Cached in Dexie so that a NIK typed
// in the field is still compared with the other kelurahan's lists offline.
import type { IndexEntry } from '../../api/types';
import type { AppServices } from '../../context';
import type { RecordRow } from '../../../domain/schema';

export async function loadIndex({ api, db }: AppServices): Promise<IndexEntry[]> {
  try {
    const res = await api.get<{ entries: IndexEntry[] }>('/api/index');
    await db.transaction('rw', db.index, async () => {
      await db.index.clear();
      await db.index.bulkPut(res.entries);
    });
    return res.entries;
  } catch {
    return db.index.toArray();
  }
}

/** Entries of the other sheets as engine rows (source = their sheet id). */
export function indexRows(entries: IndexEntry[], exceptSheet: string): RecordRow[] {
  // A row without a programme of its own is in its sheet's (as toRecordRow does for this sheet).
  const withProgram = (e: IndexEntry) => (e.values.program || !e.program ? e.values : { ...e.values, program: e.program });
  return entries.filter((e) => e.sheet !== exceptSheet).map((e, i) => ({ key: e.key, source: e.sheet, position: i + 1, values: withProgram(e) }));
}

/**
 * Sheets that are reference lists (a DTKS/DTSEN extract kept as a sheet with
 * that programme): the engine classifies every other row as DTKS or Non-DTKS
 * against them instead of reporting them as duplicates.
 */
export function referenceSheets(entries: IndexEntry[], self?: { id: string; program: string }): string[] {
  const ids = new Set<string>();
  for (const e of entries) if (isReferenceProgram(e.program)) ids.add(e.sheet);
  if (self && isReferenceProgram(self.program)) ids.add(self.id);
  return [...ids].sort();
}

export function isReferenceProgram(program: string): boolean {
  return /^(DTKS|DTSEN|DATATERPADU|DATATUNGGAL)/.test(program.toUpperCase().replace(/[^A-Z]/g, ''));
}
