import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEngine } from '../../src/domain/engine';
import {
  appendRows,
  recordKey,
  toRecordRows,
} from '../../src/sheet';
import {
  engineJudgements,
  markNotDuplicate,
  notDuplicatesOf,
  observeJudgements,
  overrideFinding,
  unmarkNotDuplicate,
  withdrawOverride,
} from '../../src/sheet/judgements';
import { newSheet, sync } from './helpers';

const SHEET = 'medono';

/** Two rows that are the same person to the engine (same name and birth date, near NIK), and a PNS. */
function twinSheet(): { doc: Y.Doc; ids: string[] } {
  const doc = newSheet();
  const ids = appendRows(doc, [
    { nik: '3375014107850003', nama: 'Siti Aminah', tanggal_lahir: '01-07-1985', jenis_kelamin: 'P', alamat: 'Jl. Medono Gg 3', rt: '002', rw: '004' },
    { nik: '3375014107850004', nama: 'St. Aminah', tanggal_lahir: '01-07-1985', jenis_kelamin: 'P', alamat: 'Jl. Medono Gg 3', rt: '002', rw: '004' },
    { nik: '3375011203700001', nama: 'Budi Santoso', tanggal_lahir: '12-03-1970', jenis_kelamin: 'L', pekerjaan: 'PNS' },
  ]);
  return { doc, ids };
}

describe('judgements: "bukan duplikat" and overrides live in the sheet and drive the engine', () => {
  it('a pair marked "bukan duplikat" is no longer a duplicate group; unmarking brings it back', () => {
    const { doc, ids } = twinSheet();
    const [a, b] = [recordKey(SHEET, ids[0]!), recordKey(SHEET, ids[1]!)];
    const engine = createEngine({ today: '2026-11-28' });
    engine.upsert(toRecordRows(doc, SHEET));
    expect(engine.groupsOf(a).some((g) => g.members.includes(b))).toBe(true);

    markNotDuplicate(doc, b, a, 'koordinator', null, 1000);
    expect(notDuplicatesOf(doc, a).map((j) => [j.a, j.b, j.by])).toEqual([[a < b ? a : b, a < b ? b : a, 'koordinator']]);
    engine.setConfig(engineJudgements(doc));
    expect(engine.groupsOf(a).some((g) => g.members.includes(b))).toBe(false);

    unmarkNotDuplicate(doc, a, b);
    engine.setConfig(engineJudgements(doc));
    expect(engine.groupsOf(a).some((g) => g.members.includes(b))).toBe(true);
  });

  it('an override needs a reason, turns the finding into a recorded exception, and can be withdrawn', () => {
    const { doc, ids } = twinSheet();
    const pns = recordKey(SHEET, ids[2]!);
    const engine = createEngine({ today: '2026-11-28' });
    engine.upsert(toRecordRows(doc, SHEET));
    expect(engine.findingsOf(pns).map((f) => f.code)).toContain('occupation-excluded');

    expect(() => overrideFinding(doc, pns, 'occupation-excluded', '   ', 'koordinator')).toThrow(/Alasan wajib/);
    overrideFinding(doc, pns, 'occupation-excluded', 'Sudah pensiun sejak 2024 (SK terlampir)', 'koordinator');
    expect(engineJudgements(doc).overrides).toEqual([{ row: pns, code: 'occupation-excluded', reason: 'Sudah pensiun sejak 2024 (SK terlampir)', by: 'koordinator' }]);
    engine.setConfig(engineJudgements(doc));
    const codes = engine.findingsOf(pns).map((f) => f.code);
    expect(codes).not.toContain('occupation-excluded');
    expect(codes).toContain('rule-overridden');

    withdrawOverride(doc, pns, 'occupation-excluded');
    engine.setConfig(engineJudgements(doc));
    expect(engine.findingsOf(pns).map((f) => f.code)).toContain('occupation-excluded');
  });

  it('judgements made on two replicas (one offline) converge, and observers hear remote ones', () => {
    const { doc: one, ids } = twinSheet();
    const two = new Y.Doc();
    sync(one, two);
    let heard = 0;
    const stop = observeJudgements(two, () => heard++);
    const [a, b, c] = ids.map((id) => recordKey(SHEET, id));
    markNotDuplicate(one, a!, b!, 'operator');
    markNotDuplicate(two, b!, a!, 'koordinator'); // the same pair, concurrently
    overrideFinding(one, c!, 'occupation-excluded', 'Honorer, bukan PNS', 'operator');
    const heardLocally = heard;
    sync(one, two);
    expect(heard).toBeGreaterThan(heardLocally); // the remote override reached two's observer
    expect(engineJudgements(one)).toEqual(engineJudgements(two));
    expect(engineJudgements(one).decisions).toHaveLength(1);
    expect(engineJudgements(two).overrides).toEqual([{ row: c, code: 'occupation-excluded', reason: 'Honorer, bukan PNS', by: 'operator' }]);
    stop();
  });

  it('a malformed entry (a broken or older client) is skipped, never breaking the checks', () => {
    const { doc, ids } = twinSheet();
    const [a, b] = ids.map((id) => recordKey(SHEET, id));
    const raw = doc.getMap<unknown>('judgements');
    raw.set('pair|x|y', null);
    raw.set('rule|r|c', { kind: 'override', row: 'r', code: 'c', reason: 42 });
    raw.set('pair|q|q', { kind: 'not-duplicate', a: 'q', b: 'q' });
    markNotDuplicate(doc, a!, b!, 'koordinator');
    expect(engineJudgements(doc)).toEqual({ decisions: [{ a: a! < b! ? a : b, b: a! < b! ? b : a }], overrides: [] });
  });
});
