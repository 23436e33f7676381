// The cross-sheet index (GET /api/index): every row of the workspace's other
// sheets, reduced to what the checks need. Cached in Dexie so that a NIK typed
// in the field is still compared with the other kelurahan's lists offline.
import type { IndexEntry } from '../../api/types';
import type { AppServices } from '../../context';
import { normalizeProgram } from '../../../domain/overlap';
import type { RecordRow } from '../../../domain/schema';
import { withTimeout } from '../../ui/timeout';

/** Entries written to the device per task: one big write blocked the page for ~0.5 s at 100k rows. */
const CACHE_SLICE = 2000;

/**
 * How long the first check of a sheet waits for the download: on a slow field
 * connection the device copy is used instead, so rows are checked at all.
 */
const WAIT_MS = 8000;

export async function loadIndex(services: Pick<AppServices, 'api' | 'db'>): Promise<IndexEntry[]> {
  const { api, db } = services;
  // Written to the device copy whenever it arrives: a late download is there for next time.
  // The checks start without waiting for that write; it goes on behind them, in slices.
  const download = api.get<{ entries: IndexEntry[] }>('/api/index').then(({ entries }) => {
    void cacheIndex(services, entries);
    return entries;
  });
  try {
    // withTimeout's race also handles a download that fails after the limit.
    return await withTimeout(download, WAIT_MS, () => new Error('timeout'));
  } catch {
    return db.index.toArray();
  }
}

/** Who may write the device copy: the newest download (its token), until a logout removes it. */
const CACHE_WRITER = 'index-writer';

async function cacheIndex({ db }: Pick<AppServices, 'db'>, entries: IndexEntry[]): Promise<void> {
  // Only the newest writer goes on (two sheets opened one after the other must
  // not leave a mix of two downloads), and never past a logout (forgetIndex):
  // each slice checks its token in the same transaction as its write.
  const me = `${Date.now()}-${Math.random()}`;
  try {
    await db.transaction('rw', db.index, db.settings, async () => {
      await db.settings.put({ key: CACHE_WRITER, value: me });
      await db.index.clear();
    });
    for (let i = 0; i < entries.length; i += CACHE_SLICE) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      const written = await db.transaction('rw', db.index, db.settings, async () => {
        if ((await db.settings.get(CACHE_WRITER))?.value !== me) return false;
        await db.index.bulkPut(entries.slice(i, i + CACHE_SLICE));
        return true;
      });
      if (!written) return;
    }
  } catch {
    // The copy is only for offline checks; the next load writes it again.
  }
}

/** Logout: the device copy goes, and a copy still being written stops (see cacheIndex). */
export async function forgetIndex({ db }: Pick<AppServices, 'db'>): Promise<void> {
  await db.transaction('rw', db.index, db.settings, async () => {
    await db.index.clear();
    await db.settings.delete(CACHE_WRITER);
  });
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
  return normalizeProgram(program) === 'DTKS';
}
