// Matching rules on small, readable cases: what links, what never links, and
// the reasons an officer reads.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/domain/engine/index';
import type { RecordRow } from '../../src/domain/schema';
import { blockingKeyHashes, blockingKeys, isWeakKey, isWeakKeyHash } from '../../src/domain/match/blocking';
import { featuresOf, ParseCache } from '../../src/domain/match/features';
import { parseRow } from '../../src/domain/parsedRow';
import type { PairScore } from '../../src/domain/match/compare';
import { pairReason } from '../../src/domain/match/reasons';
import { syntheticRows } from '../../bench/synthetic';

const TODAY = '2025-06-01';
let n = 0;
const row = (values: RecordRow['values'], source = 'PKH-Medono'): RecordRow => ({ key: `k${++n}`, source, position: n, values });

function groupsOf(rows: RecordRow[], config = {}) {
  const engine = createEngine({ today: TODAY, ...config });
  engine.upsert(rows);
  return engine.snapshot().groups;
}

describe('person matching', () => {
  it('links a NIK one digit off when name and birth date agree', () => {
    const a = row({ nik: '3375015201800003', nama: 'Siti Aminah', tanggal_lahir: '12-01-1980' });
    const b = row({ nik: '3375015201800005', nama: 'Siti Aminah', tanggal_lahir: '12-01-1980' });
    const [g] = groupsOf([a, b]);
    expect(g?.members).toEqual([a.key, b.key]);
    expect(g?.reasons[0]).toBe('NIK beda satu angka + nama sama + tanggal lahir sama');
  });

  it('finds rows by key after a full check (the matcher makes its key index only then)', () => {
    const a = row({ nik: '3375015201800003', nama: 'Siti Aminah', tanggal_lahir: '12-01-1980' });
    const b = row({ nik: '3375015201800005', nama: 'Siti Aminah', tanggal_lahir: '12-01-1980' });
    const c = row({ nik: '3375015201800007', nama: 'Budi Santoso', tanggal_lahir: '01-02-1970' });
    const engine = createEngine({ today: TODAY });
    engine.upsert([a, b, c]);
    expect(engine.explain(a.key, b.key)?.linked).toBe(true);
    expect(engine.explain(a.key, 'missing')).toBeNull();
    engine.remove([c.key]);
    engine.upsert([{ ...c, values: { ...c.values, nama: 'Siti Aminah', tanggal_lahir: '12-01-1980' } }]);
    expect(engine.snapshot().groups[0]?.members).toEqual([a.key, b.key, c.key]);
  });

  it('weighs a shared NIK by how many rows hold it, whatever its value or length', () => {
    // 16 digits below 2^53, 16 digits above it, 15 digits: the matcher counts them in different tables.
    const niks = ['3375015201800003', '9475015201800003', '337501520180003'];
    const rows = niks.flatMap((nik, i) => [
      row({ nik, nama: `Siti Aminah${'h'.repeat(i)}`, tanggal_lahir: '12-01-1980' }),
      row({ nik, nama: `Siti Aminah${'h'.repeat(i)}`, tanggal_lahir: '12-01-1980' }),
    ]);
    const extra = [row({ nik: niks[1], nama: 'Budi Santoso', tanggal_lahir: '01-02-1970' }), row({ nik: niks[1], nama: 'Agus Salim', tanggal_lahir: '03-04-1960' })];
    const engine = createEngine({ today: TODAY });
    engine.upsert(rows);
    const identityWeight = (a: RecordRow, b: RecordRow) => engine.explain(a.key, b.key)?.evidence.find((e) => e.field === 'identity')?.weight;
    const w = rows.map((_, i) => (i % 2 === 0 ? identityWeight(rows[i] as RecordRow, rows[i + 1] as RecordRow) : undefined)).filter((x) => x !== undefined);
    expect(w).toHaveLength(3);
    expect(new Set(w).size).toBe(1);
    // Four rows with the large NIK (counts weigh by powers of two): its weight falls, as it would for any other.
    engine.upsert(extra);
    const after = identityWeight(rows[2] as RecordRow, rows[3] as RecordRow);
    expect(after).toBeLessThan(w[0] as number);
    expect(identityWeight(rows[0] as RecordRow, rows[1] as RecordRow)).toBe(w[0]);
  });

  it('never matches on an Excel-damaged NIK', () => {
    const a = row({ nik: '3375015201800010', nama: 'Budi Santoso', tanggal_lahir: '01-02-1970' });
    const b = row({ nik: '3375015201800010', nama: 'Rina Wati', tanggal_lahir: '05-06-1990' });
    const c = row({ nik: '3.37501520180001E+15', nama: 'Joko Susilo', tanggal_lahir: '07-08-1985' });
    const d = row({ nik: '3.37501520180001E+15', nama: 'Dewi Lestari', tanggal_lahir: '09-10-1975' });
    expect(groupsOf([a, b, c, d])).toEqual([]);
  });

  it('reads old spellings, abbreviations, titles and a day/month swap as the same person', () => {
    const a = row({ nama: 'H. Moch. Soetjipto', tanggal_lahir: '03-04-1961', alamat: 'Jl. Merdeka 5', rt: '2', rw: '3' });
    const b = row({ nama: 'Muhammad Sucipto', tanggal_lahir: '04-03-1961', alamat: 'JALAN MERDEKA NO 5', rt: '002', rw: '003' });
    const [g] = groupsOf([a, b]);
    expect(g?.reasons[0]).toBe('nama sama + tanggal lahir sama (hari dan bulan tertukar) + alamat sama + RT/RW sama');
  });

  it('gives a name similarity in Indonesian notation for a typo', () => {
    const a = row({ nama: 'Sugeng Santoso', tanggal_lahir: '25-07-1976', rt: '9', rw: '3' });
    const b = row({ nama: 'Sugeng Satnoso', tanggal_lahir: '25-07-1976', rt: '9', rw: '3' });
    const [g] = groupsOf([a, b]);
    expect(g?.reasons[0]).toMatch(/^nama mirip 0,\d\d \+ tanggal lahir sama \+ RT\/RW sama$/);
    expect(g?.score).toBeGreaterThan(0.9);
  });

  it('weighs a common name less than a rare one', () => {
    // The same evidence apart from the name: a rare name links, a name shared by many rows does not.
    // Weights follow how many rows share a token (see model.ts): 1,100 other Siti Rahayu.
    const crowd = Array.from({ length: 1100 }, (_, i) => row({ nama: 'Siti Rahayu', tanggal_lahir: `${String(1 + (i % 28)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${1930 + (i % 80)}` }));
    const common = [row({ nama: 'Siti Rahayu', alamat: 'Gg. Mawar 2' }), row({ nama: 'Siti Rahayu', alamat: 'Gg. Mawar 2' })];
    const rare = [row({ nama: 'Kusumawardhani Tjokroaminoto', alamat: 'Gg. Mawar 2' }), row({ nama: 'Kusumawardhani Cokroaminoto', alamat: 'Gg. Mawar 2' })];
    const groups = groupsOf([...crowd, ...common, ...rare]);
    const rareKeys = rare.map((r) => r.key);
    expect(groups.some((g) => g.members.join() === rareKeys.join())).toBe(true);
    expect(groups.some((g) => g.members.includes(common[0]?.key as string))).toBe(false);
  });

  it('finds a household twice in one household-unit program, not across programs', () => {
    const kk = '3375010101200001';
    const a = row({ no_kk: kk, nama: 'Slamet Riyadi', program: 'BPNT' });
    const b = row({ no_kk: kk, nama: 'Painem', program: 'BPNT' });
    const c = row({ no_kk: kk, nama: 'Tukiyem', program: 'PKH' });
    const households = groupsOf([a, b, c]).filter((g) => g.kind === 'household');
    expect(households).toHaveLength(1);
    expect(households[0]?.members).toEqual([a.key, b.key]);
    expect(households[0]?.reasons).toEqual(['No KK sama dalam program BPNT']);
  });

  it('reads a two-digit birth year as the checks do (never in the future)', () => {
    // '05-06-27' is 1927 on 2025-06-01 for the age checks; the matcher must read the same year.
    const a = row({ nama: 'Siti Aminah', tanggal_lahir: '05-06-27', alamat: 'Jl. Kenanga 3', rt: '1', rw: '2' });
    const b = row({ nama: 'Siti Aminah', tanggal_lahir: '05-06-1927', alamat: 'Jl. Kenanga 3', rt: '1', rw: '2' });
    const engine = createEngine({ today: TODAY });
    engine.upsert([a, b]);
    expect(engine.explain(a.key, b.key)?.evidence.find((e) => e.field === 'birth')?.level).toBe('same');
    expect(engine.snapshot().groups[0]?.reasons[0]).toContain('tanggal lahir sama');
  });

  it('keeps a pair marked "bukan duplikat" apart, also within a larger group', () => {
    const a = row({ nik: '3375011704650001', nama: 'Soekarno Hadi', tanggal_lahir: '17-04-1965' });
    const b = row({ nik: '3375011704650001', nama: 'Sukarno Hadi', tanggal_lahir: '17-04-1965' });
    expect(groupsOf([a, b], { decisions: [{ a: b.key, b: a.key }] })).toEqual([]);
  });
});

describe('blocking keys as numbers', () => {
  it('give the same blocks as the key strings (no two keys of a row share a number, weak keys flagged)', () => {
    const byHash = new Map<number, string>();
    const cache = new ParseCache();
    const unsure = { nik: 'unsure', no_kk: 'unsure' } as const;
    for (const row of syntheticRows(3000).rows) {
      const f = featuresOf(row, false, '', cache, parseRow(row, TODAY, unsure));
      const keys = blockingKeys(f);
      const hashes = blockingKeyHashes(f);
      expect(hashes.length).toBe(keys.length);
      expect(hashes.filter(isWeakKeyHash).length).toBe(keys.filter(isWeakKey).length);
      for (const h of hashes) expect(Number.isSafeInteger(h)).toBe(true);
      // Across rows too: one number, one key string (the order within a row is the same).
      keys.forEach((k, i) => {
        const h = hashes[i] as number;
        const seen = byHash.get(h);
        if (seen !== undefined) expect(seen).toBe(k);
        else byHash.set(h, k);
      });
    }
    expect(new Set(byHash.values()).size).toBe(byHash.size);
  });
});

describe('pair reasons', () => {
  it('list the evidence in a fixed field order, whatever order it comes in', () => {
    const score = {
      weight: 20,
      probability: 0.99,
      sameIdentity: true,
      distinct: false,
      evidence: [
        { field: 'sex', level: 'differ', weight: -3 },
        { field: 'birth', level: 'same', weight: 5 },
        { field: 'name', level: 'similar', weight: 4, sim: 0.9432 },
        { field: 'identity', level: 'same', weight: 12 },
        { field: 'address', level: 'differ', weight: -2.5 },
      ],
    } satisfies PairScore;
    expect(pairReason(score)).toBe('NIK sama + nama mirip 0,94 + tanggal lahir sama, tetapi alamat berbeda, jenis kelamin berbeda');
    expect(pairReason(score, 'en')).toBe('same NIK + similar name 0.94 + same date of birth, but different address, different sex');
    expect(pairReason({ ...score, evidence: [] })).toBe('data mirip');
  });
});
