// FEBRL dataset1 (1,000 records) with its soc_sec_id in the nik column, as
// `--map nik=soc_sec_id` reads it: named in EngineConfig.identityNotNik, the
// 7-digit ids are no longer reported as NIKs of the wrong length, and the
// duplicate groups (found on those same ids) do not change at all.
import { describe, expect, it } from 'vitest';
import { febrlDir, febrlRows, pairwise } from '../../bench/febrl';
import { createEngine } from '../../src/domain/engine/index';

const TODAY = '2025-06-01';
/** The source of its rows: the path the CLI was given. */
const SOURCE = `${febrlDir()}/dataset1.csv`;

describe('FEBRL dataset1 with identityNotNik', () => {
  it('drops the 1,000 nik-length errors and keeps every duplicate group', () => {
    const { rows, entity } = febrlRows(['dataset1.csv']);
    const nikCodes = (snap: ReturnType<ReturnType<typeof createEngine>['snapshot']>) =>
      Object.values(snap.findings).flat().map((f) => f.code).filter((c) => c.startsWith('nik-'));

    const asNik = createEngine({ today: TODAY });
    asNik.upsert(rows);
    const before = asNik.snapshot();
    expect(nikCodes(before).filter((c) => c === 'nik-length').length).toBe(1000);

    const notNik = createEngine({ today: TODAY, identityNotNik: [SOURCE] });
    notNik.upsert(rows);
    const after = notNik.snapshot();
    expect(nikCodes(after)).toEqual([]);
    expect(after.groups).toEqual(before.groups);
    expect(pairwise(after.groups, entity).f1).toBeGreaterThanOrEqual(0.99);

    // Named afterwards in the settings: the same state as from the start.
    expect(asNik.setConfig({ identityNotNik: [SOURCE] }).groups).toEqual({ added: [], changed: [], removed: [] });
    expect(asNik.snapshot()).toEqual(after);
  });
});
