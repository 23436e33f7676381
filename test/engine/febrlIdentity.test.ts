// FEBRL dataset1 (1,000 records) with its soc_sec_id in the nik column, as
// `--map nik=soc_sec_id` reads it: named in EngineConfig.identityNotNik, the
// 7-digit ids are no longer reported as NIKs of the wrong length, and the
// duplicate groups (found on those same ids) do not change at all.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { febrlDir, pairwise } from '../../bench/febrl';
import { createEngine } from '../../src/domain/engine/index';
import type { RecordRow } from '../../src/domain/schema';

const TODAY = '2025-06-01';
const SOURCE = 'dataset1.csv';

/** The mapped columns of each record joined by a space, as the CLI's --map joins them. */
function febrlRows(): { rows: RecordRow[]; entity: Map<string, string> } {
  const lines = readFileSync(`${febrlDir()}/${SOURCE}`, 'utf8').trim().split('\n');
  const header = (lines[0] as string).split(',').map((h) => h.trim());
  const col = (cells: string[], name: string) => (cells[header.indexOf(name)] ?? '').trim();
  const join = (cells: string[], names: string[]) => names.map((n) => col(cells, n)).filter((v) => v !== '').join(' ');
  const rows: RecordRow[] = [];
  const entity = new Map<string, string>();
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(',');
    const key = `${SOURCE}#${i + 1}`;
    entity.set(key, col(cells, 'rec_id').split('-')[1] ?? key);
    rows.push({
      key, source: SOURCE, position: i + 1,
      values: {
        nik: col(cells, 'soc_sec_id'),
        nama: join(cells, ['given_name', 'surname']),
        tanggal_lahir: col(cells, 'date_of_birth'),
        alamat: join(cells, ['street_number', 'address_1', 'address_2', 'suburb', 'postcode', 'state']),
      },
    });
  });
  return { rows, entity };
}

describe('FEBRL dataset1 with identityNotNik', () => {
  it('drops the 1,000 nik-length errors and keeps every duplicate group', () => {
    const { rows, entity } = febrlRows();
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
