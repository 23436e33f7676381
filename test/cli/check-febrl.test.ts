// Quality floor (not timed): `selaras check --map … --json` on FEBRL dataset1
// (1,000 records, 500 true pairs). A matching regression fails the suite.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { febrlDir } from '../../bench/febrl';
import { runCli } from './run-cli';

const MAP = 'nik=soc_sec_id,nama=given_name+surname,tanggal_lahir=date_of_birth,alamat=street_number+address_1+address_2+suburb+postcode+state';

describe('FEBRL dataset1 through the CLI', () => {
  it('finds the duplicate pairs with pairwise F1 ≥ 0.99', async () => {
    const file = `${febrlDir()}/dataset1.csv`;
    const { stdout } = await runCli(['check', file, '--map', MAP, '--json']);
    const report = JSON.parse(stdout) as { rows: number; duplicates: { kind: string; members: { row: number }[] }[] };
    expect(report.rows).toBe(1000);
    // Data row N is line N+1; its rec_id names the true entity ('rec-12-dup-0').
    const entity = readFileSync(file, 'utf8').trim().split('\n').slice(1).map((line) => line.split(',')[0]?.split('-')[1]);
    let tp = 0;
    let fp = 0;
    for (const d of report.duplicates) {
      if (d.kind !== 'person') continue;
      const m = d.members.map((x) => entity[x.row - 1]);
      for (let i = 0; i < m.length; i++) for (let j = i + 1; j < m.length; j++) (m[i] === m[j] ? tp++ : fp++);
    }
    const truth = 500;
    const precision = tp / (tp + fp);
    const recall = tp / truth;
    const f1 = (2 * precision * recall) / (precision + recall);
    expect(f1).toBeGreaterThanOrEqual(0.99);
  });
});
