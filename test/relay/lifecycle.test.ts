// Store and room lifecycle: compaction never loses a concurrent write, idle
// sheets are unloaded and reload completely, server-side writes are durable
// and broadcast, close() flushes.

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteDocStore } from '../../server/store/sqlite-doc-store';
import { startRelay, type RunningRelay } from './fixtures/start-relay';
import type { RelayLimits } from '../../server/relay/limits';
import { makeTempDir, sleep, stockClient, waitFor, waitSynced } from './support';

function loadDoc(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
}

describe('doc store', () => {
  const tmp = makeTempDir('selaras-store-');
  afterEach(() => undefined);

  it('compaction keeps appends issued before, during and after it', async () => {
    const store = openSqliteDocStore(join(tmp.dir, 'compact.db'));
    const source = new Y.Doc();
    const appends: Promise<void>[] = [];
    let first: Uint8Array | null = null;
    source.on('update', (u: Uint8Array) => {
      first ??= u;
      appends.push(store.append('d', u));
    });
    const cells = source.getMap('cells');
    const compactions: Promise<unknown>[] = [];
    for (let i = 0; i < 600; i++) {
      cells.set(`k${i}`, i);
      if (i % 7 === 0) cells.delete(`k${i - 3}`);
      if (i % 50 === 25) compactions.push(store.compact('d'));
      // Let some group commits happen between appends.
      if (i % 40 === 0) await new Promise((r) => setImmediate(r));
    }
    await Promise.all(appends);
    await Promise.all(compactions);
    const mid = loadDoc((await store.load('d')).updates);
    expect(mid.getMap('cells').toJSON()).toEqual(cells.toJSON());
    // (Compactions merge on their own thread, so the last one may have taken every row; write a few more.)
    for (let i = 0; i < 5; i++) cells.set(`after${i}`, i);
    await Promise.all(appends);
    const result = await store.compact('d');
    expect(result.merged).toBeGreaterThan(1);
    expect(store.entryCount('d')).toBe(1);
    const after = loadDoc((await store.load('d')).updates);
    expect(after.getMap('cells').toJSON()).toEqual(cells.toJSON());
    expect(store.healthCheck()).toBe(true);
    expect((await store.listDocs()).map((d) => d.docId)).toEqual(['d']);
    await store.close();
    expect(store.healthCheck()).toBe(false);
    await expect(store.append('d', first!)).rejects.toThrow(/closed/);
    tmp.remove();
  });
});

describe('relay lifecycle', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.reverse()) await c();
    cleanups.length = 0;
  });

  async function setUp(limits: Partial<RelayLimits>): Promise<{ relay: RunningRelay; dir: string }> {
    const tmp = makeTempDir();
    cleanups.push(() => tmp.remove());
    const relay = await startRelay(tmp.dir, { limits });
    cleanups.push(() => relay.stop());
    return { relay, dir: tmp.dir };
  }

  it('compacts while clients write, losing nothing', async () => {
    const { relay } = await setUp({ compactAfterEntries: 25 });
    const a = stockClient(relay.url, 'c1', 'w:ana');
    const b = stockClient(relay.url, 'c1', 'w:budi');
    cleanups.push(() => {
      a.provider.destroy();
      b.provider.destroy();
    });
    await Promise.all([waitSynced(a.provider), waitSynced(b.provider)]);
    const explicit: Promise<unknown>[] = [];
    for (let i = 0; i < 300; i++) {
      a.doc.getMap('cells').set(`a${i}`, i);
      b.doc.getMap('cells').set(`b${i}`, i);
      if (i % 30 === 0) {
        await sleep(5);
        explicit.push(relay.store.compact('c1')); // beside the relay's own compactions
      }
    }
    const persisted = relay.metrics.counter('selaras_relay_updates_persisted_total', '');
    await waitFor(() => persisted.get() === 600, 'all persisted');
    await Promise.all(explicit);
    await waitFor(() => relay.metrics.counter('selaras_relay_compactions_total', '').get() >= 1, 'compacted by the relay');
    await relay.store.flush();
    const stored = loadDoc((await relay.store.load('c1')).updates);
    expect(stored.getMap('cells').size).toBe(600);
    expect(relay.store.entryCount('c1')).toBeLessThan(600);
  });

  it('unloads idle sheets and reloads them completely', async () => {
    const { relay } = await setUp({ unloadGraceMs: 100 });
    const a = stockClient(relay.url, 'u1', 'w:ana');
    await waitSynced(a.provider);
    for (let i = 0; i < 50; i++) a.doc.getMap('cells').set(`k${i}`, i);
    await waitFor(() => relay.metrics.counter('selaras_relay_updates_persisted_total', '').get() === 50, 'persisted');
    expect(relay.relay.stats().docsLoaded).toBe(1);
    a.provider.destroy();
    await waitFor(() => relay.relay.stats().docsLoaded === 0, 'unloaded');
    expect(relay.metrics.gauge('selaras_relay_docs_loaded', '').get()).toBe(0);
    expect(relay.store.entryCount('u1')).toBe(1); // compacted on unload
    const b = stockClient(relay.url, 'u1', 'r:budi');
    cleanups.push(() => b.provider.destroy());
    await waitSynced(b.provider);
    expect(b.doc.getMap('cells').size).toBe(50);
    expect(relay.relay.stats().docsLoaded).toBe(1);
  });

  it('applies server-side updates durably and broadcasts them; readDoc of unloaded sheets', async () => {
    const { relay, dir } = await setUp({ unloadGraceMs: 50 });
    const watcher = stockClient(relay.url, 'srv', 'r:watcher');
    cleanups.push(() => watcher.provider.destroy());
    await waitSynced(watcher.provider);
    const seed = new Y.Doc();
    seed.getMap('cells').set('r1:nama', 'Sri Wahyuni');
    await relay.relay.applyServerUpdate('srv', Y.encodeStateAsUpdate(seed));
    // Durable when the promise resolves: another store handle sees it.
    const other = openSqliteDocStore(join(dir, 'docs.db'));
    expect(loadDoc((await other.load('srv')).updates).getMap('cells').get('r1:nama')).toBe('Sri Wahyuni');
    await other.close();
    await waitFor(() => watcher.doc.getMap('cells').get('r1:nama') === 'Sri Wahyuni', 'broadcast');
    await expect(relay.relay.applyServerUpdate('srv', new Uint8Array([9, 9, 9]))).rejects.toThrow();
    // A sheet nobody has open.
    await relay.relay.applyServerUpdate('cold', Y.encodeStateAsUpdate(seed));
    await waitFor(() => relay.relay.stats().docsLoaded === 1, 'cold sheet unloaded');
    const cold = await relay.relay.readDoc('cold');
    expect(cold.getMap('cells').get('r1:nama')).toBe('Sri Wahyuni');
    expect(relay.relay.stats().docsLoaded).toBe(1);
    expect((await relay.relay.readDoc('never')).getMap('cells').size).toBe(0);
  });
});
