// The cross-sheet index download has a time limit: on a slow connection the
// sheet's checks start with the device copy, and a late download still
// replaces that copy for next time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '../../src/app/api/client';
import type { IndexEntry } from '../../src/app/api/types';
import { loadIndex } from '../../src/app/sheet/checks/crossIndex';
import type { SelarasDb } from '../../src/app/store/db';

const entry = (key: string): IndexEntry => ({ key, sheet: 's', sheetName: 's', kelurahan: '33.75.01.1002', program: 'BPNT', readable: true, values: { nik: key } });

/** Just what loadIndex and its device copy use, kept in Maps. */
function fakeDb(stored: IndexEntry[]) {
  const index = new Map(stored.map((e) => [e.key, e]));
  const settings = new Map<string, unknown>();
  const db = {
    transaction: (_mode: string, _a: unknown, _b: unknown, fn: () => Promise<unknown>) => fn(),
    settings: {
      put: async (s: { key: string; value: unknown }) => void settings.set(s.key, s.value),
      get: async (key: string) => (settings.has(key) ? { key, value: settings.get(key) } : undefined),
      delete: async (key: string) => void settings.delete(key),
    },
    index: {
      clear: async () => index.clear(),
      bulkPut: async (es: IndexEntry[]) => void es.forEach((e) => index.set(e.key, e)),
      toArray: async () => [...index.values()],
    },
  };
  return { db: db as unknown as SelarasDb, keys: () => [...index.keys()].sort() };
}

/** An api whose GET /api/index settles when the test says so. */
function slowApi() {
  let settle: { resolve: (v: { entries: IndexEntry[] }) => void; reject: (e: Error) => void } | undefined;
  const api = {
    get: <T>(path: string) => {
      expect(path).toBe('/api/index');
      return new Promise<T>((resolve, reject) => {
        settle = { resolve: (v) => resolve(v as T), reject };
      });
    },
  } as unknown as Api;
  return { api, settle: () => settle! };
}

describe('loadIndex', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('uses the download when it comes in time, and keeps it on the device', async () => {
    const { db, keys } = fakeDb([entry('old')]);
    const { api, settle } = slowApi();
    const loading = loadIndex({ api, db });
    await vi.advanceTimersByTimeAsync(1000);
    settle().resolve({ entries: [entry('new')] });
    expect((await loading).map((e) => e.key)).toEqual(['new']);
    await vi.runAllTimersAsync();
    expect(keys()).toEqual(['new']);
  });

  it('falls back to the device copy after the limit; the late download still replaces it', async () => {
    const { db, keys } = fakeDb([entry('old')]);
    const { api, settle } = slowApi();
    const loading = loadIndex({ api, db });
    await vi.advanceTimersByTimeAsync(8000);
    expect((await loading).map((e) => e.key)).toEqual(['old']);
    settle().resolve({ entries: [entry('new1'), entry('new2')] });
    await vi.runAllTimersAsync();
    expect(keys()).toEqual(['new1', 'new2']);
  });

  it('a download failing after the limit changes nothing and rejects nowhere', async () => {
    const { db, keys } = fakeDb([entry('old')]);
    const { api, settle } = slowApi();
    const loading = loadIndex({ api, db });
    await vi.advanceTimersByTimeAsync(8000);
    expect((await loading).map((e) => e.key)).toEqual(['old']);
    settle().reject(new Error('network'));
    await vi.runAllTimersAsync();
    expect(keys()).toEqual(['old']);
  });

  it('falls back to the device copy when the download fails', async () => {
    const { db } = fakeDb([entry('old')]);
    const { api, settle } = slowApi();
    const loading = loadIndex({ api, db });
    settle().reject(new Error('offline'));
    expect((await loading).map((e) => e.key)).toEqual(['old']);
  });
});
