// A sheet's checks follow changes that alter what its rows mean without any
// row changing: the sheet's programme renamed (rows without a programme of
// their own are in it) and a column given a role; and a big feed, sent in
// slices and checked as one batch, loses no row. Driven through the worker's
// service (in-process instead of in a worker) and a real Y.Doc.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createCheckService, createEngine } from '../../src/domain/engine';
import { syntheticRows } from '../../bench/synthetic';
import type { RecordRow } from '../../src/domain/schema';
import type { AsyncEngine } from '../../src/app/sheet/checks/engine';
import { startChecks, type Checks } from '../../src/app/sheet/checks/checks';
import { appendRows, deleteRows, initSheet, recordKey, rowIds, setMeta, toRecordRows, updateColumn } from '../../src/sheet';
import { templateColumns } from '../../src/sheet/templates';

function inProcessEngine(): AsyncEngine {
  const service = createCheckService();
  service.init({ today: '2025-06-01' });
  return {
    stage: async (rows, feed) => service.stage(rows, feed),
    upsert: async (rows, feed) => service.upsert(rows, feed),
    remove: async (keys) => service.remove(keys),
    setConfig: async (patch) => service.setConfig(patch),
    dispose: () => {},
  };
}

/** Waits until the checks have settled (every queued row checked). */
async function settled(checks: Checks): Promise<void> {
  await vi.waitFor(() => expect(checks.ready()).toBe(true));
  // Queued re-checks run a frame later; a few frames are plenty.
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 5));
}

const codes = (checks: Checks, key: string) => checks.findingsOf(key).map((f) => f.code).sort();

describe('sheet checks', () => {
  let running: Checks | undefined;
  beforeEach(() => {
    vi.stubGlobal('requestAnimationFrame', (cb: (t: number) => void) => setTimeout(() => cb(performance.now()), 1));
  });
  afterEach(() => {
    running?.stop();
    running = undefined;
    vi.unstubAllGlobals();
  });

  function sheet(program: string) {
    const doc = new Y.Doc();
    initSheet(doc, { name: 'Usulan', program, period: '2025', kelurahan: '', kecamatan: '' }, [
      { id: 'nik', label: 'NIK', role: 'nik' },
      { id: 'nama', label: 'Nama', role: 'nama' },
      { id: 'kerja', label: 'Pekerjaan' },
    ]);
    const [row] = appendRows(doc, [{ nik: '3375014107800002', nama: 'Siti Aminah', kerja: 'PNS' }]);
    return { doc, key: recordKey('s1', row as string) };
  }

  // The same person on another sheet's BPNT list (the cross-sheet index).
  const bpntRow: RecordRow = { key: 'other/r1', source: 'other', position: 1, values: { nik: '3375014107800002', nama: 'Siti Aminah', program: 'BPNT' } };

  it('re-checks the rows when the sheet programme is renamed', async () => {
    const { doc, key } = sheet('PKH');
    const checks = (running = startChecks(doc, 's1', inProcessEngine()));
    await checks.replaceIndex([bpntRow]);
    await settled(checks);
    // PKH with BPNT may be received together.
    expect(codes(checks, key)).not.toContain('program-overlap');

    setMeta(doc, { program: 'JPS Kabupaten' });
    await settled(checks);
    const overlap = checks.findingsOf(key).find((f) => f.code === 'program-overlap');
    expect(overlap?.params).toMatchObject({ program: 'JPS', other: 'BPNT' });

    setMeta(doc, { program: 'PKH' });
    await settled(checks);
    expect(codes(checks, key)).not.toContain('program-overlap');
  });

  it('classifies the rows against a DTKS list named with the index after they were checked', async () => {
    const { doc, key } = sheet('PKH');
    const checks = (running = startChecks(doc, 's1', inProcessEngine()));
    await settled(checks);
    expect(codes(checks, key)).not.toContain('dtks');
    const dtks: RecordRow = { key: 'dtks/r1', source: 'dtks', position: 1, values: { nik: '3375014107800002', nama: 'Siti Aminah' } };
    await checks.replaceIndex([dtks], { referenceSources: ['dtks'] });
    await settled(checks);
    expect(codes(checks, key)).toContain('dtks');
  });

  it('re-checks the rows when a column is given a role, and when it loses it', async () => {
    const { doc, key } = sheet('PKH');
    const checks = (running = startChecks(doc, 's1', inProcessEngine()));
    await settled(checks);
    expect(codes(checks, key)).not.toContain('occupation-excluded');

    updateColumn(doc, 'kerja', { role: 'pekerjaan' });
    await settled(checks);
    expect(codes(checks, key)).toContain('occupation-excluded');

    updateColumn(doc, 'kerja', { role: undefined });
    await settled(checks);
    expect(codes(checks, key)).not.toContain('occupation-excluded');
  });

  it('checks a sheet and an index bigger than a slice as a whole: the same findings as one direct check', async () => {
    const { rows } = syntheticRows(6000);
    const doc = new Y.Doc();
    initSheet(doc, { name: 'Usulan', program: 'BPNT', period: '2025', kelurahan: '', kecamatan: '' }, templateColumns('standar'));
    appendRows(doc, rows.slice(0, 2500).map((r) => ({ ...r.values })) as Array<Record<string, string>>);
    const index = rows.slice(2500).map((r) => ({ ...r, key: `idx/${r.key}`, source: 'idx' }));
    const checks = (running = startChecks(doc, 's1', inProcessEngine()));
    await checks.replaceIndex(index);
    await settled(checks);

    const direct = createEngine({ today: '2025-06-01' });
    direct.upsert([...toRecordRows(doc, 's1'), ...index]);
    const own = toRecordRows(doc, 's1').map((r) => r.key);
    const seen = own.map((k) => checks.findingsOf(k).map((f) => f.message).sort());
    const expected = own.map((k) => direct.findingsOf(k).map((f) => f.message).sort());
    expect(seen).toEqual(expected);
    expect(expected.filter((list) => list.length > 0).length).toBeGreaterThan(100);
  });

  it('a feed whose unsent rows are deleted meanwhile still checks the rows it staged', async () => {
    const { rows } = syntheticRows(4000);
    const doc = new Y.Doc();
    initSheet(doc, { name: 'Usulan', program: 'BPNT', period: '2025', kelurahan: '', kecamatan: '' }, templateColumns('standar'));
    appendRows(doc, rows.map((r) => ({ ...r.values })) as Array<Record<string, string>>);
    const service = createCheckService();
    service.init({ today: '2025-06-01' });
    let first = true;
    const engine: AsyncEngine = {
      stage: async (list, feed) => {
        service.stage(list, feed);
        if (!first) return;
        first = false;
        // Someone deletes every row not sent yet, while the first slice waits in the worker.
        const sent = new Set(list.map((r) => r.key));
        deleteRows(doc, rowIds(doc).filter((id) => !sent.has(recordKey('s1', id))));
      },
      upsert: async (list, feed) => service.upsert(list, feed),
      remove: async (keys) => service.remove(keys),
      setConfig: async (patch) => service.setConfig(patch),
      dispose: () => {},
    };
    const checks = (running = startChecks(doc, 's1', engine));
    await settled(checks);
    expect(first).toBe(false);
    expect(rowIds(doc).length).toBeGreaterThan(0);
    expect(service.snapshot().rows).toBe(rowIds(doc).length);
  });
});
