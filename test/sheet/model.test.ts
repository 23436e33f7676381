import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  appendRows,
  deleteRows,
  deletedRowIds,
  getCell,
  getColumns,
  getRowValues,
  insertRows,
  listConflicts,
  observeRows,
  resolveConflict,
  restoreRows,
  rowIds,
  setCell,
  setWriter,
  toRecordRows,
} from '../../src/sheet';
import { prng } from '../helpers/prng';
import { newSheet, sync } from './helpers';

function replica(of: Y.Doc, user: string): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(of));
  setWriter(doc, { user, name: user });
  return doc;
}

/** What a person sees: every visible row's values and every open conflict. */
function view(doc: Y.Doc) {
  return { rows: rowIds(doc).map((id) => [id, getRowValues(doc, id)]), conflicts: listConflicts(doc) };
}

describe('sheet model', () => {
  it('keeps edits of different cells of one row by two people', () => {
    const server = newSheet();
    const [id] = appendRows(server, [{ nama: 'Siti Aminah', nik: '3375015301891057' }]);
    const a = replica(server, 'ani');
    const b = replica(server, 'budi');
    setCell(a, id, 'nama', 'Siti Aminah Z');
    setCell(b, id, 'alamat', 'Jl. Merdeka 4');
    sync(a, b);
    for (const d of [a, b]) {
      expect(getRowValues(d, id)).toMatchObject({ nama: 'Siti Aminah Z', alamat: 'Jl. Merdeka 4', nik: '3375015301891057' });
      expect(listConflicts(d)).toEqual([]);
    }
  });

  it('keeps both values of a same-cell concurrent edit, with who, until a coordinator chooses', () => {
    const server = newSheet();
    const [id] = appendRows(server, [{ penghasilan: '1000000' }]);
    const a = replica(server, 'ani');
    const b = replica(server, 'budi');
    setCell(a, id, 'penghasilan', '1500000');
    setCell(b, id, 'penghasilan', '900000');
    sync(a, b, server);
    for (const d of [a, b, server]) {
      const cell = getCell(d, id, 'penghasilan');
      expect(cell.conflict?.map((c) => c.value).sort()).toEqual(['1500000', '900000']);
      expect(cell.conflict?.map((c) => c.user).sort()).toEqual(['ani', 'budi']);
    }
    expect(getCell(a, id, 'penghasilan').value).toBe(getCell(b, id, 'penghasilan').value);

    const coord = replica(server, 'koordinator');
    resolveConflict(coord, id, 'penghasilan', '900000', { user: 'koordinator', reason: 'sesuai slip gaji' });
    sync(coord, a, b, server);
    for (const d of [a, b, server, coord]) {
      expect(getCell(d, id, 'penghasilan')).toEqual({ value: '900000' });
      expect(listConflicts(d)).toEqual([]);
    }
    const decisions = coord.getArray('decisions').toArray() as Array<{ reason: string; candidates: unknown[] }>;
    expect(decisions).toHaveLength(1);
    expect(decisions[0].reason).toBe('sesuai slip gaji');
    expect(decisions[0].candidates).toHaveLength(2);
  });

  it('sequential edits by different people are not a conflict', () => {
    const server = newSheet();
    const [id] = appendRows(server, [{ nama: 'Ahmad' }]);
    const a = replica(server, 'ani');
    const b = replica(server, 'budi');
    setCell(a, id, 'nama', 'Achmad');
    sync(a, b);
    setCell(b, id, 'nama', 'Akhmad');
    sync(a, b);
    expect(getCell(a, id, 'nama')).toEqual({ value: 'Akhmad' });
  });

  it('a row deleted while someone edits it keeps the edit and can be restored', () => {
    const server = newSheet();
    const [id] = appendRows(server, [{ nama: 'Joko' }]);
    const a = replica(server, 'ani');
    const b = replica(server, 'budi');
    deleteRows(a, [id]);
    setCell(b, id, 'alamat', 'Gang Mawar');
    sync(a, b);
    expect(rowIds(a)).toEqual([]);
    expect(deletedRowIds(b)).toEqual([id]);
    restoreRows(a, [id]);
    sync(a, b);
    expect(getRowValues(b, id)).toMatchObject({ nama: 'Joko', alamat: 'Gang Mawar' });
  });

  it('refuses an edit of a row that does not exist instead of dropping it', () => {
    const doc = newSheet();
    expect(() => setCell(doc, 'nope', 'nama', 'x')).toThrow(/tidak ada/);
  });

  it('maps columns to roles for the check engine', () => {
    const doc = newSheet();
    insertRows(doc, 0, [{ nik: '3375015301891057', nama: 'Siti', catatan: '' }]);
    const [rec] = toRecordRows(doc, 'sheet-1');
    expect(rec.source).toBe('sheet-1');
    expect(rec.position).toBe(1);
    // Empty cells are absent; the sheet's programme (meta) stands in for an empty programme cell.
    expect(rec.values).toEqual({ nik: '3375015301891057', nama: 'Siti', program: 'BPNT' });
    expect(getColumns(doc).map((c) => c.id)).toContain('nik');
  });

  it('reports which rows each change touched', () => {
    const doc = newSheet();
    const seen: Array<{ changed: string[]; removed: string[] }> = [];
    const stop = observeRows(doc, (c) => seen.push({ changed: [...c.changed], removed: [...c.removed] }));
    const [r1, r2] = appendRows(doc, [{ nama: 'A' }, { nama: 'B' }]);
    setCell(doc, r1, 'nama', 'A2');
    deleteRows(doc, [r2]);
    stop();
    setCell(doc, r1, 'nama', 'A3');
    expect(seen).toEqual([
      { changed: [r1, r2], removed: [] },
      { changed: [r1], removed: [] },
      { changed: [], removed: [r2] },
    ]);
  });

  it('converges under random concurrent edits, inserts, deletes and syncs (seeded)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rnd = prng(seed);
      const server = newSheet();
      appendRows(server, [{ nama: 'awal' }]);
      const clients = ['a', 'b', 'c'].map((u) => replica(server, u));
      const cols = ['nama', 'nik', 'alamat'];
      const typed: string[] = [];
      for (let step = 0; step < 80; step++) {
        const d = rnd.pick(clients);
        const ids = rowIds(d);
        const op = rnd.int(10);
        if (op < 6 && ids.length) {
          const value = `v${seed}-${step}`;
          typed.push(value);
          setCell(d, rnd.pick(ids), rnd.pick(cols), value);
        } else if (op < 8) insertRows(d, rnd.int(ids.length + 1), [{ nama: `baru${step}` }]);
        else if (op < 9 && ids.length > 1) deleteRows(d, [rnd.pick(ids)]);
        else sync(d, rnd.pick(clients));
      }
      sync(...clients, server);
      const expected = view(server);
      for (const d of clients) expect(view(d)).toEqual(expected);
    }
  });
});
