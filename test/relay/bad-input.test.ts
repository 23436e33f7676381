// Bad input: malformed frames, invalid Yjs updates and oversize messages close
// only the offending connection, with a reason, and never touch the stored doc.

import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, encodeAwareness, encodeSyncStep2, encodeSyncUpdate } from '../../src/sync/wire';
import { startRelay, type RunningRelay } from './fixtures/start-relay';
import type { RelayLimits } from '../../server/relay/limits';
import { RawClient, makeTempDir, sleep, stockClient, waitFor, waitSynced } from './support';

describe('relay bad input', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.reverse()) await c();
    cleanups.length = 0;
  });

  async function setUp(limits: Partial<RelayLimits> = {}): Promise<RunningRelay> {
    const tmp = makeTempDir();
    cleanups.push(() => tmp.remove());
    const relay = await startRelay(tmp.dir, { limits });
    cleanups.push(() => relay.stop());
    return relay;
  }

  async function storedBytes(relay: RunningRelay, sheetId: string): Promise<string> {
    await relay.store.flush();
    const { updates } = await relay.store.load(sheetId);
    return Buffer.concat(updates).toString('hex');
  }

  it('closes malformed frames and invalid updates; others keep working; the stored doc is untouched', async () => {
    const relay = await setUp();
    const honest = stockClient(relay.url, 'b1', 'w:ana');
    cleanups.push(() => honest.provider.destroy());
    await waitSynced(honest.provider);
    honest.doc.getMap('cells').set('r1', 'Siti');
    await waitFor(() => relay.metrics.counter('selaras_relay_updates_persisted_total', '').get() === 1, 'persisted');
    const before = await storedBytes(relay, 'b1');

    const good = new Y.Doc();
    good.getMap('cells').set('x', 'y'.repeat(40));
    const goodUpdate = Y.encodeStateAsUpdate(good);
    const cases: [string, Uint8Array | string, number][] = [
      ['empty frame', new Uint8Array([]), CloseCode.MALFORMED],
      ['unknown type', new Uint8Array([7, 0]), CloseCode.MALFORMED],
      ['auth message from a client', new Uint8Array([2, 0]), CloseCode.MALFORMED],
      ['unknown sync type', new Uint8Array([0, 9, 0]), CloseCode.MALFORMED],
      ['truncated length', new Uint8Array([0, 2, 200]), CloseCode.MALFORMED],
      ['payload shorter than its length', new Uint8Array([0, 2, 50, 1, 2, 3]), CloseCode.MALFORMED],
      ['trailing bytes', new Uint8Array([...encodeSyncUpdate(goodUpdate), 0]), CloseCode.MALFORMED],
      ['truncated update', encodeSyncUpdate(goodUpdate.subarray(0, goodUpdate.length - 5)), CloseCode.INVALID_UPDATE],
      ['garbage update', encodeSyncStep2(new Uint8Array([5, 200, 1, 7, 7, 7])), CloseCode.INVALID_UPDATE],
      ['garbage awareness', encodeAwareness(new Uint8Array([1, 5, 1, 9, 255])), CloseCode.MALFORMED],
      ['text frame', 'hello', CloseCode.MALFORMED],
    ];
    for (const [name, frame, code] of cases) {
      const c = await RawClient.open(`${relay.url}/b1?token=w:mallory`);
      c.send(frame as Uint8Array);
      if (typeof frame === 'string') c.ws.send(frame);
      await c.waitClosed();
      expect({ name, code: c.closeCode }).toEqual({ name, code });
      expect(c.closeReason.length, name).toBeGreaterThan(0);
    }
    // The honest client was never disturbed and still syncs both ways.
    expect(honest.provider.wsconnected).toBe(true);
    honest.doc.getMap('cells').set('r2', 'Budi');
    const other = stockClient(relay.url, 'b1', 'w:budi');
    cleanups.push(() => other.provider.destroy());
    await waitFor(() => other.doc.getMap('cells').get('r2') === 'Budi', 'later edits still flow');
    await relay.store.flush();
    const after = await storedBytes(relay, 'b1');
    expect(after.startsWith(before)).toBe(true); // only the honest append was added
    const doc = await relay.relay.readDoc('b1');
    expect(doc.getMap('cells').toJSON()).toEqual({ r1: 'Siti', r2: 'Budi' });
  });

  it('closes oversize messages with TOO_LARGE and stops the stock client from resending', async () => {
    const limit = 64 * 1024;
    const relay = await setUp({ maxMessageBytes: limit, transportMaxBytes: 256 * 1024, oversizeCooldownMs: 2_000 });
    const watcher = stockClient(relay.url, 'big', 'w:watcher');
    cleanups.push(() => watcher.provider.destroy());
    await waitSynced(watcher.provider);

    const big = stockClient(relay.url, 'big', 'w:importer', { maxBackoffTime: 50 });
    cleanups.push(() => big.provider.destroy());
    await waitSynced(big.provider);
    const closes: { code: number; reason: string }[] = [];
    big.provider.on('connection-close', (e) => {
      if (e) closes.push({ code: e.code, reason: e.reason });
    });
    big.doc.getMap('cells').set('huge', 'x'.repeat(limit + 10));
    await waitFor(() => closes.length === 1, 'oversize close');
    expect(closes[0]!.code).toBe(CloseCode.TOO_LARGE);
    expect(closes[0]!.reason).toMatch(/terlalu besar/);
    await sleep(500);
    expect(closes.length).toBe(1); // no reconnect-resend loop
    expect(big.provider.shouldConnect).toBe(false);

    // Beyond the transport cap ws closes with 1009; the next attempt is refused at once.
    const raw = await RawClient.open(`${relay.url}/big?token=w:bulk`);
    raw.send(encodeSyncUpdate(new Uint8Array(300 * 1024)));
    await raw.waitClosed();
    expect(raw.closeCode).toBe(1009);
    const again = new RawClient(`${relay.url}/big?token=w:bulk`);
    await again.waitClosed();
    expect(again.closeCode).toBe(CloseCode.TOO_LARGE);
    expect(again.received).toEqual([]);
    // After the cool-down the user may connect again.
    await sleep(2_100);
    const later = await RawClient.open(`${relay.url}/big?token=w:bulk`);
    cleanups.push(() => later.close());
    await waitFor(() => later.received.length > 0, 'served again');
    expect(later.closeCode).toBeNull();

    // Nothing of it reached the store or the watcher.
    expect(watcher.doc.getMap('cells').has('huge')).toBe(false);
    expect((await relay.store.load('big')).updates.length).toBe(0);
    expect(relay.metrics.counter('selaras_relay_refused_messages_total', '').get({ reason: 'too_large' })).toBe(2);
  });

  it('accepts a message just under the limit (a large import)', async () => {
    const relay = await setUp({ maxMessageBytes: 2 * 1024 * 1024 });
    const importer = stockClient(relay.url, 'imp', 'w:ana');
    cleanups.push(() => importer.provider.destroy());
    await waitSynced(importer.provider);
    const cells = importer.doc.getMap('cells');
    importer.doc.transact(() => {
      for (let r = 0; r < 5_000; r++) cells.set(`r${r}:nik`, `3375${String(r).padStart(12, '0')}`);
    });
    const reader = stockClient(relay.url, 'imp', 'r:budi');
    cleanups.push(() => reader.provider.destroy());
    await waitFor(() => reader.doc.getMap('cells').size === 5_000, 'import arrives');
  });
});
