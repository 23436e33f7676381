// Connection-level rules enforced by the relay itself: read-only writes are
// refused by the server, auth failures close with permanent codes, revocation
// closes open connections, and durability acks count this client's frames.

import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, encodeSyncStep2, encodeSyncUpdate } from '../../src/sync/wire';
import { startRelay, type RunningRelay } from './fixtures/start-relay';
import { RawClient, makeTempDir, sleep, stockClient, waitFor, waitSynced } from './support';

describe('relay access rules', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.reverse()) await c();
    cleanups.length = 0;
  });

  async function setUp(): Promise<RunningRelay> {
    const tmp = makeTempDir();
    cleanups.push(() => tmp.remove());
    const relay = await startRelay(tmp.dir);
    cleanups.push(() => relay.stop());
    return relay;
  }

  it('refuses writes over a read-only connection, but not a harmless sync step 2', async () => {
    const relay = await setUp();
    const writer = stockClient(relay.url, 's1', 'w:ana');
    cleanups.push(() => writer.provider.destroy());
    await waitSynced(writer.provider);
    writer.doc.getMap('cells').set('r1:nama', 'Siti');
    writer.doc.getMap('cells').delete('nothing');
    const rows = writer.doc.getArray<string>('rows');
    rows.insert(0, ['a', 'b']);
    rows.delete(0, 1); // so the client's delete set is not empty

    const viewer = await RawClient.open(`${relay.url}/s1?token=r:viewer&durable=1`);
    cleanups.push(() => viewer.close());
    const local = await waitForContent(viewer);
    // What a stock client sends back after syncing: everything the server lacks (nothing) + its delete set.
    viewer.send(encodeSyncStep2(Y.encodeStateAsUpdate(local, Y.encodeStateVector(local))));
    await waitFor(() => viewer.lastDurable()?.seq === 1, 'harmless step 2 settled');
    expect(viewer.lastDurable()?.access).toBe('read');
    expect(relay.metrics.counter('selaras_relay_refused_messages_total', '').get({ reason: 'read_only' })).toBe(0);

    // A real write from the viewer.
    const before = Y.encodeStateVector(local);
    local.getMap('cells').set('r1:nama', 'DIUBAH OLEH VIEWER');
    viewer.send(encodeSyncUpdate(Y.encodeStateAsUpdate(local, before)));
    await waitFor(() => viewer.lastDurable()?.seq === 2, 'refused write settled');
    expect(relay.metrics.counter('selaras_relay_refused_messages_total', '').get({ reason: 'read_only' })).toBe(1);
    expect(viewer.closeCode).toBeNull(); // refused, not punished: it may keep reading

    // Not forwarded, not persisted.
    await sleep(100);
    expect(writer.doc.getMap('cells').get('r1:nama')).toBe('Siti');
    const stored = await relay.relay.readDoc('s1');
    expect(stored.getMap('cells').get('r1:nama')).toBe('Siti');
    const fromDisk = new Y.Doc();
    for (const u of (await relay.store.load('s1')).updates) Y.applyUpdate(fromDisk, u);
    expect(fromDisk.getMap('cells').get('r1:nama')).toBe('Siti');

    // The viewer still receives the writer's edits.
    writer.doc.getMap('cells').set('r2:nama', 'Budi');
    await waitFor(() => viewer.updates().length >= 2, 'viewer receives later edits');
  });

  it('acknowledges durable writes with state vector and per-connection seq', async () => {
    const relay = await setUp();
    const raw = await RawClient.open(`${relay.url}/s2?token=w:ana&durable=1`);
    cleanups.push(() => raw.close());
    await waitFor(() => raw.lastDurable() !== undefined, 'initial durable ack');
    expect(raw.lastDurable()?.seq).toBe(0);
    const doc = new Y.Doc();
    for (let i = 0; i < 5; i++) {
      const sv = Y.encodeStateVector(doc);
      doc.getMap('cells').set(`k${i}`, i);
      raw.send(encodeSyncUpdate(Y.encodeStateAsUpdate(doc, sv)));
    }
    // A deletion: the state vector does not move, the seq does.
    const sv = Y.encodeStateVector(doc);
    doc.getMap('cells').delete('k0');
    raw.send(encodeSyncUpdate(Y.encodeStateAsUpdate(doc, sv)));
    await waitFor(() => raw.lastDurable()?.seq === 6, 'all six settled');
    const ack = raw.lastDurable()!;
    expect(Y.decodeStateVector(ack.stateVector).get(doc.clientID)).toBe(5);
    expect(ack.access).toBe('write');
    const stored = await relay.relay.readDoc('s2');
    expect(stored.getMap('cells').toJSON()).toEqual({ k1: 1, k2: 2, k3: 3, k4: 4 });

    // A stock client (no durable=1) never receives the extension message.
    const stock = stockClient(relay.url, 's2', 'w:budi');
    cleanups.push(() => stock.provider.destroy());
    const unknown: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void unknown.push(args);
    try {
      await waitSynced(stock.provider);
      stock.doc.getMap('cells').set('k9', 9);
      await waitFor(() => raw.updates().some(() => true) && raw.lastDurable() !== undefined, 'raw sees traffic');
      await sleep(100);
    } finally {
      console.error = original;
    }
    expect(unknown).toEqual([]);
  });

  it('closes unauthorized, forbidden and unknown-sheet connections with permanent codes', async () => {
    const relay = await setUp();
    for (const [token, code] of [
      ['nonsense', CloseCode.UNAUTHORIZED],
      ['forbidden', CloseCode.FORBIDDEN],
      ['missing', CloseCode.NOT_FOUND],
    ] as const) {
      const c = new RawClient(`${relay.url}/s3?token=${token}`);
      await c.waitClosed();
      expect(c.closeCode).toBe(code);
      expect(c.closeReason.length).toBeGreaterThan(0);
      expect(c.received).toEqual([]);
    }
    // A stock client stops retrying on them.
    const stock = stockClient(relay.url, 's3', 'forbidden', { maxBackoffTime: 50 });
    cleanups.push(() => stock.provider.destroy());
    let closes = 0;
    stock.provider.on('connection-close', () => void closes++);
    await waitFor(() => closes >= 1, 'first close');
    await sleep(400);
    expect(closes).toBe(1);
    // Not a sync URL at all: plain HTTP 404 on the upgrade.
    const bad = new RawClient(`ws://127.0.0.1:${relay.port}/elsewhere/x`);
    await bad.waitClosed();
    expect(bad.closeCode).toBe(1006);
  });

  it('closes the connections of a revoked user and only those', async () => {
    const relay = await setUp();
    const ana = stockClient(relay.url, 's4', 'w:ana', { maxBackoffTime: 50 });
    const budi = stockClient(relay.url, 's4', 'w:budi');
    cleanups.push(() => {
      ana.provider.destroy();
      budi.provider.destroy();
    });
    await Promise.all([waitSynced(ana.provider), waitSynced(budi.provider)]);
    const closed: { code: number; reason: string }[] = [];
    ana.provider.on('connection-close', (e) => {
      if (e) closed.push({ code: e.code, reason: e.reason });
    });
    expect(relay.relay.closeWhere((c) => c.userId === 'ana', 'hak akses dicabut')).toBe(1);
    await waitFor(() => closed.length === 1, 'ana closed');
    expect(closed[0]).toEqual({ code: CloseCode.FORBIDDEN, reason: 'hak akses dicabut' });
    expect(budi.provider.wsconnected).toBe(true);
  });
});

async function waitForContent(c: RawClient): Promise<Y.Doc> {
  const doc = await c.syncEmpty();
  return doc;
}
