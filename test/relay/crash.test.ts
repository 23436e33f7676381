// Crash safety: the relay runs as a child process over SQLite; a client writes
// continuously; the child is SIGKILLed at seeded random moments. After every
// kill, each update the server had acknowledged as durable (MESSAGE_DURABLE)
// must be on disk; at the end the clients converge. Then SIGTERM exits cleanly.

import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as decoding from 'lib0/decoding';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeDurable, MESSAGE_DURABLE } from '../../src/sync/wire';
import { openSqliteDocStore } from '../../server/store/sqlite-doc-store';
import { buildRelayFixture, spawnRelay, type ChildRelay } from './fixtures/child-relay';
import { seededRandom } from './fixtures/random';
import { makeTempDir, mapKey, sleep, stockClient, waitFor } from './support';

const KILLS = 21;
const SEED = 20_251_123;

describe('relay crash safety', () => {
  const tmp = makeTempDir('selaras-crash-');
  afterAll(() => {
    tmp.remove();
    rmSync(dirname(buildRelayFixture()), { recursive: true, force: true });
  });

  it(`keeps every acknowledged update across ${KILLS} SIGKILLs`, async () => {
    const rng = seededRandom(SEED);
    let relay: ChildRelay = await spawnRelay(tmp.dir);
    const port = relay.port;
    const url = `ws://127.0.0.1:${port}/sync`;

    const writer = stockClient(url, 'crash', 'w:writer', { params: { durable: '1' }, maxBackoffTime: 100 });
    const observer = stockClient(url, 'crash', 'r:observer', { maxBackoffTime: 100 });
    // The stock provider lets us add a handler for the Selaras extension message.
    let durableClock = 0;
    writer.provider.messageHandlers[MESSAGE_DURABLE] = (_enc: unknown, decoder: decoding.Decoder) => {
      const ack = decodeDurable(decoder);
      const clock = Y.decodeStateVector(ack.stateVector).get(writer.doc.clientID) ?? 0;
      if (clock > durableClock) durableClock = clock;
    };
    let syncs = 0;
    writer.provider.on('sync', (synced: boolean) => {
      if (synced) syncs++;
    });
    const cells = writer.doc.getMap<number>('cells');
    let written = 0;
    // One new key per transaction: key k<i> is the item with clock i of the writer.
    const ticker = setInterval(() => cells.set(`k${written}`, written++), 5);

    try {
      let checkedAcks = 0;
      for (let round = 0; round < KILLS; round++) {
        // This incarnation of the server has synced the writer and acknowledged something new.
        const syncsBefore = syncs;
        const ackedBefore = durableClock;
        await waitFor(() => syncs > syncsBefore || (round === 0 && writer.provider.synced), 'writer synced', 20_000);
        await waitFor(() => durableClock > ackedBefore, 'a new durable ack', 20_000);
        await sleep(rng.int(0, 200));
        relay.child.kill('SIGKILL');
        await relay.exited;
        const acked = durableClock;
        // Inspect the disk before the writer can resend anything.
        const store = openSqliteDocStore(join(tmp.dir, 'docs.db'));
        const doc = new Y.Doc();
        for (const u of (await store.load('crash')).updates) Y.applyUpdate(doc, u);
        await store.close();
        const stored = doc.getMap<number>('cells');
        const missing: number[] = [];
        for (let i = 0; i < acked; i++) if (stored.get(`k${i}`) !== i) missing.push(i);
        expect(missing, `round ${round}: acknowledged ${acked}, missing on disk`).toEqual([]);
        checkedAcks = acked;
        relay = await spawnRelay(tmp.dir, port);
      }
      expect(checkedAcks).toBeGreaterThan(KILLS); // the test really wrote and acknowledged
    } finally {
      clearInterval(ticker);
    }

    // Converge: writer, observer and a fresh client agree; everything written is on disk.
    const late = stockClient(url, 'crash', 'r:late', { maxBackoffTime: 100 });
    await waitFor(() => durableClock === written, 'all writes acknowledged', 20_000);
    await waitFor(
      () => mapKey(observer.doc) === mapKey(writer.doc) && mapKey(late.doc) === mapKey(writer.doc),
      'clients converge',
      20_000,
    );
    expect(writer.doc.getMap('cells').size).toBe(written);

    // SIGTERM flushes and exits with 0; nothing written is lost.
    for (let j = 0; j < 50; j++) cells.set(`k${written}`, written++);
    await waitFor(() => durableClock === written, 'last writes acknowledged', 20_000);
    for (const c of [writer, observer, late]) c.provider.destroy();
    relay.child.kill('SIGTERM');
    const exit = await relay.exited;
    expect(exit.code).toBe(0);
    const store = openSqliteDocStore(join(tmp.dir, 'docs.db'));
    const doc = new Y.Doc();
    for (const u of (await store.load('crash')).updates) Y.applyUpdate(doc, u);
    await store.close();
    expect(doc.getMap('cells').size).toBe(written);
  }, 240_000);
});
