// A NIK / No KK ending in 0 is judged per sheet column: in a column kept as text
// (about one value in ten ends in 0) it is a real serial; in a column that went
// through Excel number cells (nearly all end in 0, or scientific notation) it is
// damage. The verdict follows the rows, incrementally and as a full recompute would.
import { describe, expect, it } from 'vitest';
import { createEngine, type CheckEngine, type EngineSnapshot } from '../../src/domain/engine/index';
import { IdColumns } from '../../src/domain/engine/idColumns';
import type { RecordRow } from '../../src/domain/schema';
import { mulberry32, pick } from './random';

const TODAY = '2025-06-01';
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A sound NIK (region 337501, a real birth date), ending in 0 or not. */
function nik(i: number, zero: boolean): string {
  const serial = ((i % 900) + 1) * 10 + (zero ? 0 : 1 + (i % 9));
  return `337501${pad(1 + (i % 28), 2)}${pad(1 + (i % 12), 2)}${pad(50 + (i % 40), 2)}${pad(serial, 4)}`;
}

const NAMES = ['Siti Aminah', 'Budi Santoso', 'Sri Rahayu', 'Ahmad Hidayat', 'Dewi Lestari', 'Joko Purnomo', 'Rina Wulandari', 'Agus Setiawan'];

function row(source: string, i: number, nikValue: string): RecordRow {
  return { key: `${source}/${i}`, source, position: i, values: { nama: `${NAMES[i % NAMES.length]} ${i}`, nik: nikValue } };
}

/** A sheet of n rows where every tenth NIK ends in 0 (as real serials do). */
function healthySheet(source: string, n: number, from = 0): RecordRow[] {
  return Array.from({ length: n }, (_, k) => row(source, from + k, nik(from + k, (from + k) % 10 === 3)));
}

const codesOf = (e: CheckEngine, key: string) => e.findingsOf(key).map((f) => f.code);

describe('NIK ending in 0, judged per sheet column', () => {
  it('is a real NIK in a sheet kept as text: no error, and it still finds the duplicate', () => {
    const e = createEngine({ today: TODAY });
    const rows = healthySheet('BPNT-Medono', 40);
    // The same person typed again with the same NIK ending in 0.
    const again: RecordRow = { key: 'BPNT-Medono/again', source: 'BPNT-Medono', position: 41, values: { ...(rows[3] as RecordRow).values } };
    e.upsert([...rows, again]);
    expect((rows[3] as RecordRow).values.nik?.endsWith('0')).toBe(true);
    expect(codesOf(e, 'BPNT-Medono/3')).not.toContain('nik-excel-precision');
    const group = e.groupsOf('BPNT-Medono/3').find((g) => g.kind === 'person');
    expect(group?.members).toEqual(['BPNT-Medono/3', 'BPNT-Medono/again']);
    expect(group?.reasons[0]).toMatch(/^NIK sama/);
  });

  it('is Excel damage in a column pasted from a damaged file, and the rest of that sheet is suspect too', () => {
    const e = createEngine({ today: TODAY });
    e.upsert(healthySheet('PKH-Kauman', 30));
    expect(codesOf(e, 'PKH-Kauman/3')).not.toContain('nik-excel-precision');
    // 40 rows pasted from an Excel file whose NIK column was numbers: all end in 0.
    const pasted = Array.from({ length: 40 }, (_, k) => row('PKH-Kauman', 100 + k, nik(100 + k, true)));
    const changes = e.upsert(pasted);
    expect(codesOf(e, 'PKH-Kauman/100')).toContain('nik-excel-precision');
    expect(codesOf(e, 'PKH-Kauman/3')).toContain('nik-excel-precision');
    expect(changes.findings.map((f) => f.row)).toContain('PKH-Kauman/3');
    expect(codesOf(e, 'PKH-Kauman/4')).not.toContain('nik-excel-precision');
    // Damaged NIKs never match: the same damaged NIK twice makes no group.
    e.upsert([{ ...row('PKH-Kauman', 200, nik(100, true)), values: { nama: 'Orang Lain', nik: nik(100, true) } }]);
    expect(e.explain('PKH-Kauman/100', 'PKH-Kauman/200')?.linked).toBe(false);
    expect(e.explain('PKH-Kauman/100', 'PKH-Kauman/200')?.reason).not.toMatch(/NIK sama/);
    // The pasted rows deleted again: the sheet is healthy, the first rows are fine again.
    const back = e.remove([...pasted.map((r) => r.key), 'PKH-Kauman/200']);
    expect(back.findings.find((f) => f.row === 'PKH-Kauman/3')?.findings.map((f) => f.code)).not.toContain('nik-excel-precision');
    expect(codesOf(e, 'PKH-Kauman/3')).not.toContain('nik-excel-precision');
  });

  it('judges each sheet on its own, and needs enough evidence before trusting a 0', () => {
    const e = createEngine({ today: TODAY });
    e.upsert(healthySheet('BPNT-Medono', 40));
    e.upsert(healthySheet('BST-Kergon', 5));
    expect(codesOf(e, 'BPNT-Medono/3')).not.toContain('nik-excel-precision');
    // 5 values say nothing yet: a warning to check against the KTP, not the Excel-damage error…
    const found = (key: string) => e.findingsOf(key).filter((f) => f.code.startsWith('nik-') && f.code !== 'nik-region-unknown');
    expect(found('BST-Kergon/3').map((f) => [f.code, f.severity])).toEqual([['nik-trailing-zero', 'warning']]);
    // …which it becomes once the column shows it went through Excel number cells.
    e.upsert(Array.from({ length: 6 }, (_, k) => row('BST-Kergon', 50 + k, nik(50 + k, true))));
    expect(found('BST-Kergon/3').map((f) => [f.code, f.severity])).toEqual([['nik-excel-precision', 'error']]);
    // One value in scientific notation: the column passed through Excel.
    e.upsert([row('BPNT-Medono', 90, '3.37501120180E+15')]);
    expect(codesOf(e, 'BPNT-Medono/3')).toContain('nik-excel-precision');
    expect(codesOf(e, 'BPNT-Medono/90')).toContain('nik-excel-scientific');
  });

  it('judges the No KK column the same way', () => {
    const e = createEngine({ today: TODAY });
    const rows = healthySheet('BPNT-Medono', 40).map((r, i) => ({
      ...r,
      values: { ...r.values, no_kk: `3375010101${pad(20 + (i % 5), 2)}${pad(i * 10 + (i % 10 === 3 ? 0 : 7), 4)}` },
    }));
    e.upsert(rows);
    expect(codesOf(e, 'BPNT-Medono/3')).not.toContain('nokk-excel-precision');
    const damaged = createEngine({ today: TODAY });
    damaged.upsert(rows.map((r) => ({ ...r, values: { ...r.values, no_kk: `${(r.values.no_kk as string).slice(0, 15)}0` } })));
    expect(codesOf(damaged, 'BPNT-Medono/4')).toContain('nokk-excel-precision');
  });

  it('names every row of a large damaged column when its verdict flips (150k rows in one batch, as the CLI loads them)', () => {
    const columns = new IdColumns();
    const rows = Array.from({ length: 150_000 }, (_, i) => row('rusak.xlsx', i, nik(i, true)));
    for (const r of rows) columns.count(r, 1);
    const flipped = columns.rejudge(['rusak.xlsx']);
    expect(columns.trust('rusak.xlsx').nik).toBe('damaged');
    expect(flipped.length).toBe(150_000);
    expect(new Set(flipped)).toEqual(new Set(rows.map((r) => r.key)));
  });

  it('incremental = full recompute while verdicts flip (seeded)', () => {
    const sources = ['A', 'B'];
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = mulberry32(seed);
      const engine = createEngine({ today: TODAY, blockCap: 8 });
      const rows = new Map<string, RecordRow>();
      let next = 0;
      // How damaged the values being typed are drifts, so columns cross the thresholds both ways.
      let zeroShare = rnd();
      for (let step = 0; step < 30; step++) {
        const op = rnd();
        if (op < 0.1) zeroShare = rnd();
        if (op < 0.6 || rows.size < 5) {
          const batch: RecordRow[] = [];
          const n = 1 + Math.floor(rnd() * 12);
          for (let i = 0; i < n; i++) {
            const existing = rows.size > 0 && rnd() < 0.3 ? pick(rnd, [...rows.keys()]) : null;
            const key = existing ?? `r${next++}`;
            const id = Math.floor(rnd() * 60);
            const r = rnd();
            const value = r < 0.03 ? '3.37501120180E+15' : r < 0.06 ? '' : nik(id, rnd() < zeroShare);
            const kk = rnd() < 0.5 ? nik(id + 7, rnd() < zeroShare) : '';
            const values: RecordRow['values'] = { nama: `${pick(rnd, NAMES)}`, nik: value };
            if (kk) values.no_kk = kk;
            const rowNow: RecordRow = { key, source: pick(rnd, sources), position: 1 + Math.floor(rnd() * 50), values };
            rows.set(key, rowNow);
            batch.push(rowNow);
          }
          engine.upsert(batch);
        } else {
          const keys = [...rows.keys()].filter(() => rnd() < 0.25);
          for (const k of keys) rows.delete(k);
          engine.remove(keys);
        }
        const fresh = createEngine(engine.config());
        fresh.upsert([...rows.values()].reverse());
        const want: EngineSnapshot = fresh.snapshot();
        const got = engine.snapshot();
        if (JSON.stringify(got) !== JSON.stringify(want)) expect({ seed, step, got }).toEqual({ seed, step, got: want });
      }
    }
  });
});
