// The fast path of inserting rows (new rows get their cells written directly,
// without the per-cell scan an edit of an existing row needs): the same cells,
// the same merge behaviour, nothing written on refusal.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  appendRows,
  getRowCells,
  getRowValues,
  insertRows,
  listConflicts,
  rowIds,
  setCell,
  setCells,
  setWriter,
  sheetParts,
} from '../../src/sheet';
import { newSheet, sync } from './helpers';

/** A row's raw entries (key → value), as every replica stores them. */
function entries(doc: Y.Doc, id: string): Record<string, unknown> {
  return Object.fromEntries(sheetParts(doc).rows.get(id)!.entries());
}

describe('inserting rows', () => {
  it('leaves exactly the entries that typing the same values into a blank row leaves', () => {
    const values = { nik: '3375015301891057', nama: 'Siti Aminah', alamat: '', catatan: '=1+1' };
    const fast = newSheet();
    const [a] = insertRows(fast, 0, [values], null, 1000);
    const typed = newSheet();
    typed.clientID = fast.clientID;
    const [b] = insertRows(typed, 0, [{}], null, 1000);
    setCells(typed, Object.entries(values).map(([col, value]) => ({ row: b!, col, value })), null, 1000);
    expect(entries(fast, a!)).toEqual(entries(typed, b!));
    // An empty value writes nothing, as when a person leaves a cell blank.
    expect(Object.keys(entries(fast, a!)).some((k) => k.startsWith('alamat@'))).toBe(false);
    expect(getRowValues(fast, a!)).toEqual({ nik: '3375015301891057', nama: 'Siti Aminah', catatan: '=1+1' });
  });

  it('refuses a column id with "@" before writing anything', () => {
    const doc = newSheet();
    appendRows(doc, [{ nama: 'Budi' }]);
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => appendRows(doc, [{ nama: 'Sri' }, { 'nama@x': 'Eko' }])).toThrow(/Id kolom tidak sah/);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(rowIds(doc)).toHaveLength(1);
  });

  it('gives many rows distinct ids of nine base-36 characters (more than one random buffer)', () => {
    const doc = newSheet();
    const ids = appendRows(doc, Array.from({ length: 20_000 }, (_, i) => ({ nama: `Warga ${i}` })));
    expect(new Set(ids).size).toBe(20_000);
    expect(ids.every((id) => /^[0-9a-z]{9}$/.test(id))).toBe(true);
    expect(rowIds(doc)).toEqual(ids);
  });

  it('inserted rows merge with other people’s edits: later edits win without conflict, concurrent ones keep both', () => {
    const a = newSheet();
    setWriter(a, { user: 'ani', name: 'Ani' });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setWriter(b, { user: 'budi', name: 'Budi' });
    const [id] = appendRows(a, [{ nama: 'Siti Aminah', nik: '3375015301891057' }]);
    sync(a, b);
    // B saw the insert: its edit replaces A's value, no conflict.
    setCell(b, id!, 'nama', 'Siti Aminah Z');
    // Concurrent edits of the same cell by both: both values kept.
    setCell(a, id!, 'nik', '3375015301891058');
    setCell(b, id!, 'nik', '3375015301891059');
    sync(a, b);
    for (const d of [a, b]) {
      expect(getRowValues(d, id!).nama).toBe('Siti Aminah Z');
      expect(getRowCells(d, id!).get('nik')!.conflict?.map((c) => c.value).sort()).toEqual(['3375015301891058', '3375015301891059']);
      expect(listConflicts(d)).toHaveLength(1);
    }
  });
});
