// Closing the doc store settles whatever its worker threads left unanswered:
// a compaction still merging when the store closes fails with "store is closed"
// rather than waiting forever.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { StoreError } from '../../server/store/doc-store';
import { openSqliteDocStore } from '../../server/store/sqlite-doc-store';

const dir = mkdtempSync(join(tmpdir(), 'selaras-store-close-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('doc store close', () => {
  it('rejects a compaction in flight with "store is closed"', async () => {
    const store = openSqliteDocStore(join(dir, 'close.db'));
    const doc = new Y.Doc();
    const appends: Promise<void>[] = [];
    doc.on('update', (u: Uint8Array) => appends.push(store.append('d', u)));
    for (let i = 0; i < 20; i++) doc.getMap('cells').set(`k${i}`, i);
    await Promise.all(appends);
    // The compactor thread is started by this call, so it is still busy when the store closes.
    const compaction = store.compact('d');
    await store.close();
    await expect(compaction).rejects.toThrow(new StoreError('store is closed'));
    await expect(compaction).rejects.toBeInstanceOf(StoreError);
    doc.destroy();
  }, 10_000);
});
