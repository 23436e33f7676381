// Two facts the file reader and the CLI know about a row or a source that the
// values alone do not say: an identity cell that lost digits to Excel
// (RecordRow.lostDigits: a 16-digit NIK stored as a number keeps 15 digits, so
// it ends in 0 even in a column kept as text), and a source whose nik column
// holds another kind of number (EngineConfig.identityNotNik, FEBRL's soc_sec_id).
import { describe, expect, it } from 'vitest';
import { createEngine, type CheckEngine, type EngineConfig } from '../../src/domain/engine/index';
import type { RecordRow } from '../../src/domain/schema';

const TODAY = '2025-06-01';
const SOURCE = 'PKH-numeric.xlsx';
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A sound NIK of region 337501 with a real birth date; every tenth one ends in 0, as real serials do. */
function textNik(i: number): string {
  const serial = (i + 1) * 10 + (i % 10 === 3 ? 0 : 1 + (i % 9));
  return `337501${pad(1 + (i % 28), 2)}${pad(1 + (i % 12), 2)}${pad(50 + (i % 40), 2)}${pad(serial, 4)}`;
}

const NAMES = ['Budi Santoso', 'Sri Rahayu', 'Ahmad Hidayat', 'Dewi Lestari', 'Joko Purnomo', 'Rina Wulandari', 'Agus Setiawan', 'Tri Wahyuni'];
const SURNAMES = ['Putra', 'Wijaya', 'Saputri'];

const PLACE = { desa_kelurahan: 'Medono', kecamatan: 'Pekalongan Barat', jenis_kelamin: 'P' };

/**
 * The audit's sheet (/tmp/audit/PKH-numeric.xlsx): 24 NIKs typed as text, the last one
 * 3375015301891051, then row 25 whose NIK cell was a number in the XLSX: 3375015301891050.
 * The two are alike (similar name, birth date a digit off) but the NIK is the strong
 * evidence. The NIK column is trusted (most values are text, one in ten real NIKs ends in 0).
 * `same`: row 25 has row 24's very name and birth date instead.
 */
function auditSheet(lost: boolean, same = false): RecordRow[] {
  const rows: RecordRow[] = [];
  for (let i = 0; i < 23; i++) {
    rows.push({ key: `r${i + 1}`, source: SOURCE, position: i + 1, values: { nama: `${NAMES[i % NAMES.length]} ${SURNAMES[Math.floor(i / NAMES.length)]}`, nik: textNik(i) } });
  }
  const sri = { ...PLACE, nama: 'Sri Numerik Dua', tanggal_lahir: '14-01-1989', rt: '3', rw: '4' };
  const siti = same ? { ...sri, nama: sri.nama, tanggal_lahir: sri.tanggal_lahir } : { ...PLACE, nama: 'Siti Numerik', tanggal_lahir: '13-01-1989', rt: '1', rw: '2' };
  rows.push({ key: 'r24', source: SOURCE, position: 24, values: { ...sri, nik: '3375015301891051' } });
  rows.push({ key: 'r25', source: SOURCE, position: 25, values: { ...siti, nik: '3375015301891050' }, ...(lost ? { lostDigits: ['nik'] as const } : {}) });
  return rows;
}

const codesOf = (e: CheckEngine, key: string) => e.findingsOf(key).map((f) => f.code);
const personGroups = (e: CheckEngine) => e.snapshot().groups.filter((g) => g.kind === 'person');

function fresh(rows: readonly RecordRow[], config: Partial<EngineConfig> = {}) {
  const e = createEngine({ today: TODAY, ...config });
  e.upsert(rows);
  return e.snapshot();
}

describe('RecordRow.lostDigits: an identity cell that lost digits to Excel', () => {
  it('without it, the NIK ending in 0 in a trusted column is matched "one digit off" (the audit\'s bug)', () => {
    const e = createEngine({ today: TODAY });
    e.upsert(auditSheet(false));
    expect(codesOf(e, 'r25').filter((c) => c.startsWith('nik-'))).toEqual([]);
    expect(personGroups(e).map((g) => g.members)).toEqual([['r24', 'r25']]);
    expect(personGroups(e)[0]?.reasons[0]).toMatch(/^NIK beda satu angka/);
  });

  it('with it, the NIK gets the Excel-precision error and is never matched', () => {
    const e = createEngine({ today: TODAY });
    e.upsert(auditSheet(true));
    const f = e.findingsOf('r25').find((x) => x.code === 'nik-excel-precision');
    expect(f?.severity).toBe('error');
    expect(f?.column).toBe('nik');
    expect(f?.message).toContain('3375015301891050');
    expect(personGroups(e)).toEqual([]);
    expect(e.explain('r24', 'r25')?.linked ?? false).toBe(false);
    // The rest of the column keeps its verdict: a real NIK ending in 0 typed as text is no error.
    expect(textNik(3).endsWith('0')).toBe(true);
    expect(codesOf(e, 'r4')).toEqual([]);
  });

  it('with it, a pair with the very same name and birth date is still found, but not on the NIK', () => {
    const e = createEngine({ today: TODAY });
    e.upsert(auditSheet(true, true));
    expect(codesOf(e, 'r25')).toContain('nik-excel-precision');
    const groups = personGroups(e);
    expect(groups.map((g) => g.members)).toEqual([['r24', 'r25']]);
    expect(groups[0]?.reasons[0]).not.toMatch(/NIK/);
  });

  it('an upsert that only adds or removes it re-checks the row, as a full recompute would', () => {
    const e = createEngine({ today: TODAY });
    e.upsert(auditSheet(false));
    const plain = auditSheet(false)[24] as RecordRow;
    const marked: RecordRow = { ...plain, lostDigits: ['nik'] };

    const added = e.upsert([marked]);
    expect(added.findings.find((x) => x.row === 'r25')?.findings.map((x) => x.code)).toContain('nik-excel-precision');
    expect(added.groups.removed).toHaveLength(1);
    expect(e.snapshot()).toEqual(fresh(auditSheet(true)));

    // The same marked row again (a new object): nothing to report.
    expect(e.upsert([{ ...marked, lostDigits: ['nik'] }])).toEqual({ findings: [], groups: { added: [], changed: [], removed: [] } });

    const removed = e.upsert([{ ...plain, lostDigits: [] }]);
    expect(removed.groups.added.map((g) => g.members)).toEqual([['r24', 'r25']]);
    expect(e.snapshot()).toEqual(fresh(auditSheet(false)));
  });

  it('a No KK that lost digits is an error, not the "compare with the card" warning of an unsure column', () => {
    const kk = '3375010101200010';
    const base: RecordRow = { key: 'k', source: SOURCE, position: 1, values: { nama: 'Siti Aminah', nik: '3375015301891051', no_kk: kk } };
    const e = createEngine({ today: TODAY });
    e.upsert([base]);
    expect(codesOf(e, 'k')).toContain('nokk-trailing-zero');
    e.upsert([{ ...base, lostDigits: ['no_kk'] }]);
    expect(codesOf(e, 'k')).toContain('nokk-excel-precision');
    expect(codesOf(e, 'k')).not.toContain('nokk-trailing-zero');
    // Only the cells named: the NIK is still fine.
    expect(codesOf(e, 'k').filter((c) => c.startsWith('nik-'))).toEqual([]);
  });

  it('a lost number of another length is never matched either (it is not taken for another kind of id)', () => {
    const people = [{ nama: 'Siti Numerik', tanggal_lahir: '13-01-1989' }, { nama: 'Sri Numerik Dua', tanggal_lahir: '14-01-1989' }];
    const rows = (lost: boolean): RecordRow[] => ['a', 'b'].map((key, i) => ({
      key, source: SOURCE, position: i + 1, values: { ...people[i], nik: '33750153018910500' }, ...(lost ? { lostDigits: ['nik'] as const } : {}),
    }));
    const e = createEngine({ today: TODAY });
    e.upsert(rows(false));
    expect(e.explain('a', 'b')?.linked).toBe(true);
    e.upsert(rows(true));
    expect(e.explain('a', 'b')?.linked ?? false).toBe(false);
    expect(codesOf(e, 'a')).toContain('nik-length');
    expect(e.snapshot()).toEqual(fresh(rows(true)));
  });
});

describe('EngineConfig.identityNotNik: a nik column holding another kind of number', () => {
  const FEBRL = 'dataset1.csv';
  /** FEBRL-like rows: 7-digit social-security ids, each person twice (a typo in the second name). */
  const febrlRows = (): RecordRow[] => {
    const rows: RecordRow[] = [];
    for (let i = 0; i < 6; i++) {
      const id = String(1234560 + i * 7919);
      const born = `${pad(1 + i, 2)}-0${1 + i}-19${60 + i}`;
      const name = `${NAMES[i]}`;
      rows.push({ key: `rec-${i}-org`, source: FEBRL, position: 2 * i + 1, values: { nama: name, nik: id, tanggal_lahir: born } });
      rows.push({ key: `rec-${i}-dup-0`, source: FEBRL, position: 2 * i + 2, values: { nama: `${name}x`, nik: id, tanggal_lahir: born } });
    }
    return rows;
  };
  const nikCodes = (e: CheckEngine) => Object.values(e.snapshot().findings).flat().map((f) => f.code).filter((c) => c.startsWith('nik-'));

  it('gets no NIK format findings, and its duplicates are still found', () => {
    const e = createEngine({ today: TODAY, identityNotNik: [FEBRL] });
    e.upsert(febrlRows());
    expect(nikCodes(e)).toEqual([]);
    expect(personGroups(e).map((g) => g.members)).toHaveLength(6);
    for (const g of personGroups(e)) expect(g.members[0]?.split('-')[1]).toBe(g.members[1]?.split('-')[1]);
  });

  it('the same rows as NIKs get nik-length, with the same duplicate groups', () => {
    const withIt = fresh(febrlRows(), { identityNotNik: [FEBRL] });
    const e = createEngine({ today: TODAY });
    e.upsert(febrlRows());
    expect(nikCodes(e)).toHaveLength(12);
    expect(new Set(nikCodes(e))).toEqual(new Set(['nik-length']));
    expect(e.snapshot().groups).toEqual(withIt.groups);
  });

  it('only the sources named: another source keeps its NIK checks', () => {
    const other: RecordRow = { key: 'x', source: 'BPNT.csv', position: 1, values: { nama: 'Orang Lain', nik: '1234567' } };
    const e = createEngine({ today: TODAY, identityNotNik: [FEBRL] });
    e.upsert([...febrlRows(), other]);
    expect(codesOf(e, 'x')).toContain('nik-length');
    expect(codesOf(e, 'rec-0-org')).toEqual([]);
  });

  it('setConfig re-checks the rows both ways, as a full recompute would', () => {
    const e = createEngine({ today: TODAY });
    e.upsert(febrlRows());
    const on = e.setConfig({ identityNotNik: [FEBRL] });
    expect(on.findings).toHaveLength(12);
    for (const r of on.findings) expect(r.findings.map((f) => f.code)).not.toContain('nik-length');
    expect(on.groups).toEqual({ added: [], changed: [], removed: [] });
    expect(e.snapshot()).toEqual(fresh(febrlRows(), { identityNotNik: [FEBRL] }));
    const off = e.setConfig({ identityNotNik: [] });
    expect(off.findings).toHaveLength(12);
    expect(e.snapshot()).toEqual(fresh(febrlRows()));
  });

  it('digits lost to Excel are still reported there, and never matched', () => {
    const people = [{ nama: 'Siti Numerik', tanggal_lahir: '13-01-1989' }, { nama: 'Sri Numerik Dua', tanggal_lahir: '14-01-1989' }];
    const rows = (lost: boolean): RecordRow[] => ['a', 'b'].map((key, i) => ({
      key, source: FEBRL, position: i + 1, values: { ...people[i], nik: '33750153018910500' }, ...(lost ? { lostDigits: ['nik'] as const } : {}),
    }));
    const before = createEngine({ today: TODAY, identityNotNik: [FEBRL] });
    before.upsert(rows(false));
    expect(before.explain('a', 'b')?.linked).toBe(true);
    const e = createEngine({ today: TODAY, identityNotNik: [FEBRL] });
    e.upsert(rows(true));
    expect(codesOf(e, 'a')).toEqual(['nik-excel-precision']);
    expect(personGroups(e)).toEqual([]);
  });
});
