// Fuzz: 10,000 seeded malformed, truncated and mutated protocol frames against
// a live relay. The server must survive, honest clients must keep syncing and
// converge, a sheet the fuzzers could only read must stay byte-identical on
// disk, and the fuzzed sheet's stored log must still load to the served state.

import { afterAll, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  encodeAwareness,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  MESSAGE_AWARENESS,
} from '../../src/sync/wire';
import { startRelay } from './fixtures/start-relay';
import { seededRandom, type Rng } from './fixtures/random';
import { RawClient, makeTempDir, mapKey, stockClient, waitFor, waitSynced } from './support';

const MESSAGES = 10_000;
const WORKERS = 12;
const SEED = 0x5e1a4a5;

/** Valid frames to mutate: every message type a client may send. */
function corpus(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const cells = doc.getMap('cells');
  cells.set('r1:nama', 'Siti Aminah');
  cells.set('r1:nik', '3375015301890001');
  const rows = doc.getArray<string>('rows');
  rows.insert(0, ['r1', 'r2', 'r3']);
  rows.delete(1, 1);
  doc.getText('catatan').insert(0, 'Perlu validasi ulang');
  cells.set('r1:nama', 'Siti Aminah Z.');
  doc.transact(() => {
    for (let i = 0; i < 5; i++) cells.set(`r${i}:kel`, 'Medono');
  });
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: 'Fuzz' }, cell: 'r1:nama' });
  const frames = [
    encodeSyncStep1(Y.encodeStateVector(doc)),
    encodeSyncStep1(new Uint8Array([0])),
    encodeSyncStep2(Y.encodeStateAsUpdate(doc)),
    encodeSyncStep2(new Uint8Array([0, 0])),
    encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])),
    encodeQueryAwareness(),
    ...updates.map((u) => encodeSyncUpdate(u)),
  ];
  awareness.destroy();
  return frames;
}

function mutate(rng: Rng, frames: Uint8Array[]): Uint8Array {
  const base = rng.pick(frames);
  const copy = () => Uint8Array.from(base);
  switch (rng.int(0, 9)) {
    case 0:
      return rng.bytes(rng.int(0, 64));
    case 1:
      return base.subarray(0, rng.int(0, base.length));
    case 2: {
      const m = copy();
      for (let i = rng.int(1, 5); i > 0; i--) m[rng.int(0, m.length)]! ^= 1 << rng.int(0, 8);
      return m;
    }
    case 3: {
      const m = copy();
      for (let i = rng.int(1, 4); i > 0; i--) m[rng.int(0, m.length)] = rng.int(0, 256);
      return m;
    }
    case 4: {
      const at = rng.int(0, base.length + 1);
      return Uint8Array.from([...base.subarray(0, at), ...rng.bytes(rng.int(1, 8)), ...base.subarray(at)]);
    }
    case 5: {
      const at = rng.int(0, base.length);
      const len = rng.int(1, Math.max(2, base.length - at));
      return Uint8Array.from([...base.subarray(0, at), ...base.subarray(at + len)]);
    }
    case 6: {
      // A valid envelope around a random payload.
      const payload = rng.bytes(rng.int(0, 48));
      return rng.pick([encodeSyncUpdate, encodeSyncStep2, encodeSyncStep1, encodeAwareness])(payload);
    }
    case 7:
      return Uint8Array.from([...base, ...rng.pick(frames)]);
    default: {
      // A valid envelope around a mutated payload (reaches the Yjs decoder).
      const doc = new Y.Doc();
      doc.getMap('cells').set(`f${rng.int(0, 1000)}`, rng.int(0, 1e6));
      const u = Y.encodeStateAsUpdate(doc);
      for (let i = rng.int(1, 3); i > 0; i--) u[rng.int(0, u.length)] = rng.int(0, 256);
      return encodeSyncUpdate(u);
    }
  }
}

describe('relay fuzz', () => {
  const tmp = makeTempDir('selaras-fuzz-');
  afterAll(() => tmp.remove());

  it(`survives ${MESSAGES} seeded malformed frames`, async () => {
    const relay = await startRelay(tmp.dir);
    try {
      // A sheet the fuzzers may only read: must stay byte-identical on disk.
      const seeder = stockClient(relay.url, 'stable', 'w:seeder');
      await waitSynced(seeder.provider);
      for (let i = 0; i < 30; i++) seeder.doc.getMap('cells').set(`s${i}`, `nilai ${i}`);
      await waitFor(() => relay.metrics.counter('selaras_relay_updates_persisted_total', '').get() >= 30, 'seeded');
      seeder.provider.destroy();
      await relay.store.flush();
      const stableBefore = Buffer.concat((await relay.store.load('stable')).updates).toString('hex');

      // Honest clients keep editing the fuzzed sheet throughout.
      const ana = stockClient(relay.url, 'fuzz', 'w:ana');
      const budi = stockClient(relay.url, 'fuzz', 'w:budi');
      await Promise.all([waitSynced(ana.provider), waitSynced(budi.provider)]);
      let honest = 0;
      const honestTimer = setInterval(() => {
        ana.doc.getMap('cells').set(`ana-${honest}`, honest);
        budi.doc.getMap('cells').set(`budi-${honest}`, honest);
        honest++;
      }, 20);

      const rng = seededRandom(SEED);
      const frames = corpus();
      const plan = Array.from({ length: MESSAGES }, () => ({
        frame: mutate(rng, frames),
        readOnly: rng.next() < 0.3,
      }));
      const closes = new Map<number, number>();
      let hung = 0;
      let next = 0;

      const worker = async (): Promise<void> => {
        let client: RawClient | null = null;
        let clientReadOnly = false;
        while (next < plan.length) {
          const { frame, readOnly } = plan[next++]!;
          if (!client || client.closeCode !== null || clientReadOnly !== readOnly) {
            client?.close();
            clientReadOnly = readOnly;
            client = await RawClient.open(
              readOnly ? `${relay.url}/stable?token=r:fuzzer` : `${relay.url}/fuzz?token=w:fuzzer`,
            );
          }
          const c: RawClient = client;
          const seen = c.received.length;
          c.send(frame);
          // The room handles frames in order: the probe's answer (or a close) means the frame was handled.
          c.send(encodeQueryAwareness());
          try {
            await c.until(
              () => c.closeCode !== null || c.received.slice(seen).some((m) => m.type === MESSAGE_AWARENESS),
              'frame handled',
              5_000,
            );
          } catch {
            hung++;
          }
          if (c.closeCode !== null) closes.set(c.closeCode, (closes.get(c.closeCode) ?? 0) + 1);
        }
        client?.close();
      };
      await Promise.all(Array.from({ length: WORKERS }, () => worker()));
      clearInterval(honestTimer);
      console.info('fuzz close codes', Object.fromEntries(closes));

      expect(hung).toBe(0);
      // Honest clients never lost their connection and converge with everything they wrote.
      expect(ana.provider.wsconnected && budi.provider.wsconnected).toBe(true);
      await waitFor(() => mapKey(ana.doc) === mapKey(budi.doc), 'honest clients converge', 20_000);
      for (let i = 0; i < honest; i++) {
        expect(ana.doc.getMap('cells').get(`budi-${i}`)).toBe(i);
        expect(budi.doc.getMap('cells').get(`ana-${i}`)).toBe(i);
      }
      // The server still serves a newcomer, and the read-only sheet is untouched.
      const late = stockClient(relay.url, 'stable', 'r:late');
      await waitSynced(late.provider);
      expect(late.doc.getMap('cells').size).toBe(30);
      late.provider.destroy();
      await relay.store.flush();
      expect(Buffer.concat((await relay.store.load('stable')).updates).toString('hex')).toBe(stableBefore);
      // The fuzzed sheet's stored log loads to exactly what the server serves.
      const served = await relay.relay.readDoc('fuzz');
      const fromDisk = new Y.Doc();
      for (const u of (await relay.store.load('fuzz')).updates) Y.applyUpdate(fromDisk, u);
      expect(Y.encodeStateVector(fromDisk)).toEqual(Y.encodeStateVector(served));
      for (let i = 0; i < honest; i++) expect(fromDisk.getMap('cells').get(`ana-${i}`)).toBe(i);
      ana.provider.destroy();
      budi.provider.destroy();
    } finally {
      await relay.stop();
    }
  }, 240_000);
});
