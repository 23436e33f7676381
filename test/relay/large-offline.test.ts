// A device back from a long offline session owes the relay more than one frame
// may carry. Without splitting, its sync step 2 is refused as too large (a
// permanent close) and what was typed never reaches the server; the app's
// client splits it into frames under the limit, and everything arrives.

import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sendInChunks, splitUpdate } from '../../src/sync/chunkedSync';
import { CloseCode } from '../../src/sync/wire';
import { seededRandom, type Rng } from './fixtures/random';
import { startRelay, type RunningRelay } from './fixtures/start-relay';
import { makeTempDir, stockClient, waitFor, waitSynced } from './support';

/** A sheet-like doc edited by several devices: cells set, overwritten and deleted, rows inserted and removed. */
function editedDoc(rng: Rng, devices: number, edits: number): Y.Doc {
  const docs = Array.from({ length: devices }, () => new Y.Doc());
  for (let i = 0; i < edits; i++) {
    const doc = rng.pick(docs);
    const cells = doc.getMap<string>('cells');
    const rows = doc.getArray<string>('rows');
    const op = rng.int(0, 10);
    if (op < 6) cells.set(`r${rng.int(0, 400)}:c${rng.int(0, 8)}`, `33750${rng.int(0, 1e9)}`.padEnd(rng.int(5, 60), 'x'));
    else if (op < 7 && cells.size > 0) cells.delete([...cells.keys()][rng.int(0, cells.size)]!);
    else if (op < 9) rows.insert(rng.int(0, rows.length + 1), [`row-${i}`]);
    else if (rows.length > 0) rows.delete(rng.int(0, rows.length), 1);
    // Now and then devices meet, so items of one device refer to another's.
    if (rng.int(0, 20) === 0) {
      const other = rng.pick(docs);
      Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    }
  }
  const merged = new Y.Doc();
  for (const d of docs) Y.applyUpdate(merged, Y.encodeStateAsUpdate(d));
  return merged;
}

function content(doc: Y.Doc): unknown {
  return { cells: doc.getMap('cells').toJSON(), rows: doc.getArray('rows').toJSON() };
}

describe('splitting a large update', () => {
  it('gives parts under the limit that rebuild the same doc in order, in reverse, and on top of what the server has', () => {
    for (const seed of [1, 2, 3]) {
      const rng = seededRandom(seed);
      const doc = editedDoc(rng, rng.int(1, 4), 2_000);
      const whole = Y.encodeStateAsUpdate(doc);
      const max = 4 * 1024;
      const parts = splitUpdate(whole, max);
      expect(parts.length).toBeGreaterThan(1);
      for (const p of parts) expect(p.byteLength).toBeLessThanOrEqual(max);

      const inOrder = new Y.Doc();
      for (const p of parts) Y.applyUpdate(inOrder, p);
      expect(content(inOrder)).toEqual(content(doc));

      const reversed = new Y.Doc();
      for (const p of [...parts].reverse()) Y.applyUpdate(reversed, p);
      expect(content(reversed)).toEqual(content(doc));

      // What a reconnecting device sends: only what the server lacks.
      const server = new Y.Doc();
      Y.applyUpdate(server, parts[0]!);
      const missing = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server));
      const rest = splitUpdate(missing, max);
      for (const p of rest) expect(p.byteLength).toBeLessThanOrEqual(max);
      // Together no bigger than the update itself (plus framing): nothing is sent twice.
      expect(rest.reduce((n, p) => n + p.byteLength, 0)).toBeLessThan(missing.byteLength * 1.05);
      for (const p of rest) Y.applyUpdate(server, p);
      expect(content(server)).toEqual(content(doc));
    }
  });

  it('leaves small updates untouched', () => {
    const doc = new Y.Doc();
    doc.getMap('cells').set('r1:nama', 'Siti Aminah');
    const update = Y.encodeStateAsUpdate(doc);
    expect(splitUpdate(update, 1024)).toEqual([update]);
  });
});

describe('a large offline change through the real relay', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.reverse()) await c();
    cleanups.length = 0;
  });

  const limit = 64 * 1024;
  async function relay(): Promise<RunningRelay> {
    const tmp = makeTempDir();
    cleanups.push(() => tmp.remove());
    const r = await startRelay(tmp.dir, { limits: { maxMessageBytes: limit } });
    cleanups.push(() => r.stop());
    return r;
  }

  /** A device's copy holding what was typed offline (~10 times the relay's message limit). */
  function offlineCopy(): Y.Doc {
    const doc = new Y.Doc();
    const cells = doc.getMap<string>('cells');
    for (let row = 0; row < 2_000; row++) {
      doc.transact(() => {
        for (let col = 0; col < 8; col++) cells.set(`r${row}:c${col}`, `3375015${String(row * 8 + col).padStart(9, '0')}-alamat-${row}`);
      });
    }
    return doc;
  }

  it('without splitting, the relay refuses the reconnect for good (why the client splits)', async () => {
    const r = await relay();
    const doc = offlineCopy();
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeGreaterThan(limit);
    const device = stockClient(r.url, 'kantor', 'w:petugas', { doc });
    cleanups.push(() => device.provider.destroy());
    const closes: number[] = [];
    device.provider.on('connection-close', (e) => {
      if (e) closes.push(e.code);
    });
    await waitFor(() => closes.length > 0, 'refused');
    expect(closes[0]).toBe(CloseCode.TOO_LARGE);
  });

  it('with the app’s splitting, everything typed offline is stored and reaches another device', async () => {
    const r = await relay();
    const other = stockClient(r.url, 'kantor', 'w:koordinator');
    cleanups.push(() => other.provider.destroy());
    await waitSynced(other.provider);
    // The other device also wrote while this one was away.
    other.doc.getMap('cells').set('r0:catatan', 'diperiksa');

    const doc = offlineCopy();
    const device = stockClient(r.url, 'kantor', 'w:petugas', { doc });
    sendInChunks(device.provider, 16 * 1024);
    cleanups.push(() => device.provider.destroy());
    const closes: number[] = [];
    device.provider.on('connection-close', (e) => {
      if (e) closes.push(e.code);
    });
    await waitSynced(device.provider);
    await waitFor(() => other.doc.getMap('cells').size === doc.getMap('cells').size, 'the other device has every cell', 30_000);
    expect(other.doc.getMap('cells').toJSON()).toEqual(doc.getMap('cells').toJSON());
    await waitFor(() => doc.getMap('cells').get('r0:catatan') === 'diperiksa', 'the device got the other edit');

    // A big paste while online (one transaction over the relay's limit) is split as well.
    const paste = new Y.Doc();
    paste.clientID = doc.clientID;
    Y.applyUpdate(paste, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(paste);
    paste.transact(() => {
      for (let row = 2_000; row < 4_000; row++) paste.getMap('cells').set(`r${row}:c0`, 'x'.repeat(60));
    });
    expect(Y.encodeStateAsUpdate(paste, before).byteLength).toBeGreaterThan(limit);
    doc.transact(() => {
      for (let row = 2_000; row < 4_000; row++) doc.getMap('cells').set(`r${row}:c0`, 'x'.repeat(60));
    });
    await waitFor(() => other.doc.getMap('cells').size === doc.getMap('cells').size, 'the paste arrives', 30_000);
    // The relay handles a connection's frames in order: once a later edit has
    // arrived, any oversize frame before it would have closed the connection.
    doc.getMap('cells').set('r0:catatan', 'selesai');
    await waitFor(() => other.doc.getMap('cells').get('r0:catatan') === 'selesai', 'a later edit arrives');
    expect(closes).toEqual([]);
    expect(r.metrics.counter('selaras_relay_refused_messages_total', '').get({ reason: 'too_large' })).toBe(0);

    await r.store.flush();
    const stored = await r.relay.readDoc('kantor');
    expect(stored.getMap('cells').toJSON()).toEqual(doc.getMap('cells').toJSON());
    stored.destroy();
  });
});
