// Stock y-websocket clients through the relay: convergence, awareness, and
// everything kept across a clean restart.

import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startRelay, type RunningRelay } from './fixtures/start-relay';
import { docJson, makeTempDir, mapKey, stockClient, waitFor, waitSynced } from './support';

describe('relay with stock y-websocket clients', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.reverse()) await c();
    cleanups.length = 0;
  });

  async function relayIn(dir: string): Promise<RunningRelay> {
    const r = await startRelay(dir);
    return r;
  }

  it('two clients converge and see each other in awareness', async () => {
    const tmp = makeTempDir();
    cleanups.push(() => tmp.remove());
    const relay = await relayIn(tmp.dir);
    cleanups.push(() => relay.stop());
    const a = stockClient(relay.url, 'sheet-a', 'w:ana');
    const b = stockClient(relay.url, 'sheet-a', 'w:budi');
    cleanups.push(() => {
      a.provider.destroy();
      b.provider.destroy();
    });
    await Promise.all([waitSynced(a.provider), waitSynced(b.provider)]);

    a.doc.getMap('cells').set('r1:nama', 'Siti Aminah');
    b.doc.getMap('cells').set('r2:nama', 'Muhamad Rizki');
    a.provider.awareness.setLocalStateField('user', { name: 'Ana', cell: 'r1:nama' });
    b.provider.awareness.setLocalStateField('user', { name: 'Budi', cell: 'r2:nama' });

    const expected = { 'r1:nama': 'Siti Aminah', 'r2:nama': 'Muhamad Rizki' };
    await waitFor(() => mapKey(a.doc) === mapKey(b.doc) && a.doc.getMap('cells').size === 2, 'convergence');
    expect(docJson(a.doc)).toEqual(expected);
    await waitFor(
      () => a.provider.awareness.getStates().get(b.doc.clientID)?.user?.name === 'Budi',
      'a sees b in awareness',
    );
    await waitFor(
      () => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ana',
      'b sees a in awareness',
    );
    // Other sheets are separate rooms.
    const c = stockClient(relay.url, 'sheet-b', 'w:citra');
    cleanups.push(() => c.provider.destroy());
    await waitSynced(c.provider);
    expect(docJson(c.doc)).toEqual({});
  });

  it('keeps everything across a clean restart', async () => {
    const tmp = makeTempDir();
    cleanups.push(() => tmp.remove());
    let relay = await relayIn(tmp.dir);
    const a = stockClient(relay.url, 'sheet-r', 'w:ana');
    await waitSynced(a.provider);
    const cells = a.doc.getMap('cells');
    for (let i = 0; i < 200; i++) cells.set(`r${i}:nik`, `33750153018910${String(i).padStart(2, '0')}`);
    const list = a.doc.getArray<string>('rows');
    list.insert(0, ['x', 'y', 'z']);
    list.delete(1, 1);
    const expected = { cells: cells.toJSON(), rows: list.toJSON() };
    // Wait until the server holds it (a second client sees it), then restart.
    const probe = stockClient(relay.url, 'sheet-r', 'r:probe');
    await waitFor(() => probe.doc.getMap('cells').size === 200 && probe.doc.getArray('rows').length === 2, 'probe sees all');
    probe.provider.destroy();
    a.provider.destroy();
    await relay.stop();

    relay = await relayIn(tmp.dir);
    cleanups.push(() => relay.stop());
    const fresh = new Y.Doc();
    const b = stockClient(relay.url, 'sheet-r', 'r:budi', { doc: fresh });
    cleanups.push(() => b.provider.destroy());
    await waitSynced(b.provider);
    expect({ cells: fresh.getMap('cells').toJSON(), rows: fresh.getArray('rows').toJSON() }).toEqual(expected);
    const copy = await relay.relay.readDoc('sheet-r');
    expect(copy.getMap('cells').size).toBe(200);
  });
});
