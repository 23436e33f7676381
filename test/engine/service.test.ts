// The worker's API through real Comlink over a real MessageChannel: what the
// UI receives is structured-cloned data with the same content as in-process.
import { MessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter';
import { afterEach, describe, expect, it } from 'vitest';
import { createCheckService, type CheckService } from '../../src/domain/engine/index';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

function connect(): Comlink.Remote<CheckService> {
  const channel = new MessageChannel();
  channels.push(channel);
  Comlink.expose(createCheckService(), nodeEndpoint(channel.port1));
  return Comlink.wrap<CheckService>(nodeEndpoint(channel.port2));
}

describe('check service over Comlink', () => {
  it('returns changes, groups and dismissals across the channel', async () => {
    const remote = connect();
    await remote.init({ today: '2025-06-01' });
    const first = await remote.upsert([
      { key: 's/1', source: 's', position: 1, values: { nama: 'Moh. Soekarno', tanggal_lahir: '06-06-1961', alamat: 'Jl. Merdeka 5', rt: '1', rw: '2' } },
      { key: 's/2', source: 's', position: 2, values: { nama: 'Muhammad Sukarno', tanggal_lahir: '06-06-1961', alamat: 'JALAN MERDEKA NO 5', rt: '001', rw: '002' } },
    ]);
    expect(first.groups.added).toHaveLength(1);
    const group = first.groups.added[0];
    expect(group?.members).toEqual(['s/1', 's/2']);
    expect(group?.reasons[0]).toBe('nama sama + tanggal lahir sama + alamat sama + RT/RW sama');
    // "bukan duplikat": the group goes and stays gone when a row is edited again.
    const dismissed = await remote.setConfig({ decisions: [{ a: 's/2', b: 's/1' }] });
    expect(dismissed.groups.removed).toEqual([group?.id]);
    const edited = await remote.upsert([
      { key: 's/2', source: 's', position: 2, values: { nama: 'Muhammad Sukarno', tanggal_lahir: '06-06-1961', alamat: 'Jl. Merdeka 5', rt: '1', rw: '2' } },
    ]);
    expect(edited.groups.added).toEqual([]);
    expect((await remote.snapshot()).groups).toEqual([]);
    const why = await remote.explain('s/1', 's/2');
    expect(why?.linked).toBe(false);
    expect(why?.probability).toBeGreaterThan(0.99);
  });

  it('checks staged rows with the next upsert, and a removed row stays gone', async () => {
    const remote = connect();
    await remote.init({ today: '2025-06-01' });
    const person = (key: string) => ({ key, source: 's', position: Number(key.slice(2)), values: { nik: '3375014107800002', nama: 'Siti Aminah', tanggal_lahir: '01-07-1980' } });
    await remote.stage([person('s/1'), person('s/2')]);
    await remote.stage([person('s/3')]);
    // Not checked yet: nothing is known about staged rows.
    expect((await remote.snapshot()).rows).toBe(0);
    await remote.remove(['s/2']);
    const changes = await remote.upsert([person('s/4')]);
    expect(changes.groups.added.map((g) => g.members)).toEqual([['s/1', 's/3', 's/4']]);
    expect((await remote.snapshot()).rows).toBe(3);
  });

  it('stages feeds apart: the upsert of one feed leaves the rows of another staged', async () => {
    const remote = connect();
    await remote.init({ today: '2025-06-01' });
    const row = (key: string) => ({ key, source: key.split('/')[0] as string, position: 1, values: { nama: `Warga ${key}` } });
    await remote.stage([row('a/1'), row('a/2')], 'sheet');
    await remote.stage([row('i/1')], 'index');
    await remote.upsert([row('a/3')], 'sheet');
    expect((await remote.snapshot()).rows).toBe(3);
    await remote.upsert([], 'index');
    expect((await remote.snapshot()).rows).toBe(4);
  });
});
