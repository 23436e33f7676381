import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendRows, getCell, getRowValues, initSheet, rowIds, setCell, setWriter, templateColumns } from '../../src/sheet';
import { clearRange, deleteDisplayedRows, fillDown, insertRowsAt, pasteBlock, rangeValues, type EditTarget } from '../../src/app/grid/edits';
import { createGridUndo } from '../../src/app/grid/undo';
import { parseTsv, serializeTsv } from '../../src/app/grid/tsv';

const META = { name: 'BPNT 2025 — Medono', program: 'BPNT', period: '2025', kelurahan: '33.75.01.1001', kecamatan: '33.75.01' };
const COLS = ['nik', 'nama', 'alamat'];

function setup(rows = 3) {
  const doc = new Y.Doc();
  initSheet(doc, META, templateColumns('pengaduan'));
  setWriter(doc, { user: 'ani', name: 'Ani' });
  appendRows(doc, Array.from({ length: rows }, (_, i) => ({ nama: `Warga ${i + 1}` })));
  const origin = { grid: 'test' };
  const undo = createGridUndo(doc, origin);
  const target = (): EditTarget => ({ doc, origin, order: rowIds(doc), cols: COLS });
  return { doc, origin, undo, target };
}

describe('grid edits through the sheet model', () => {
  it('pastes a block, grows the sheet with new rows, and undoes it in one step', () => {
    const { doc, undo, target } = setup(2);
    const block = parseTsv('3375015301891057\tSiti\r\n3375015301891058\tBudi\r\n3375015301891059\t"Joko\nJr"\r\n');
    const res = pasteBlock(target(), block, { row: 1, col: 0 });
    expect(res).toMatchObject({ addedRows: 2, droppedCols: 0, range: { top: 1, left: 0, bottom: 3, right: 1 } });
    const ids = rowIds(doc);
    expect(ids).toHaveLength(4);
    expect(getRowValues(doc, ids[1])).toMatchObject({ nik: '3375015301891057', nama: 'Siti' });
    expect(getRowValues(doc, ids[3])).toMatchObject({ nik: '3375015301891059', nama: 'Joko\nJr' });
    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    expect(rowIds(doc)).toHaveLength(2);
    expect(getRowValues(doc, ids[1])).toEqual({ nama: 'Warga 2' });
  });

  it('ignores columns beyond the last one and says so', () => {
    const { target } = setup(1);
    const res = pasteBlock(target(), [['a', 'b', 'c', 'd', 'e']], { row: 0, col: 1 });
    expect(res.droppedCols).toBe(3);
  });

  it('fills a selection with a single pasted value', () => {
    const { doc, target } = setup(3);
    pasteBlock(target(), [['Gang Mawar']], { row: 0, col: 2 }, { top: 0, bottom: 2, left: 2, right: 2 });
    expect(rowIds(doc).map((id) => getCell(doc, id, 'alamat').value)).toEqual(['Gang Mawar', 'Gang Mawar', 'Gang Mawar']);
  });

  it('fills down, clears, copies a range', () => {
    const { doc, target } = setup(3);
    fillDown(target(), { top: 0, bottom: 2, left: 1, right: 1 });
    expect(rowIds(doc).map((id) => getCell(doc, id, 'nama').value)).toEqual(['Warga 1', 'Warga 1', 'Warga 1']);
    expect(serializeTsv(rangeValues(target(), { top: 0, bottom: 1, left: 0, right: 1 }))).toBe('\tWarga 1\r\n\tWarga 1\r\n');
    expect(clearRange(target(), { top: 1, bottom: 2, left: 0, right: 2 })).toBe(2);
    expect(getCell(doc, rowIds(doc)[2], 'nama').value).toBe('');
    // A single cell takes the value above it.
    fillDown(target(), { top: 2, bottom: 2, left: 1, right: 1 });
    expect(getCell(doc, rowIds(doc)[2], 'nama').value).toBe('');
    fillDown(target(), { top: 1, bottom: 1, left: 1, right: 1 });
    expect(getCell(doc, rowIds(doc)[1], 'nama').value).toBe('Warga 1');
  });

  it('inserts and deletes rows in the shared order, undoably', () => {
    const { doc, undo, target } = setup(3);
    const before = rowIds(doc);
    const [added] = insertRowsAt(target(), 1, 1, false);
    expect(rowIds(doc)).toEqual([before[0], added, before[1], before[2]]);
    const [below] = insertRowsAt(target(), 3, 1, true);
    expect(rowIds(doc).at(-1)).toBe(below);
    expect(deleteDisplayedRows(target(), 0, 1)).toBe(2);
    expect(rowIds(doc)).toEqual([before[1], before[2], below]);
    undo.undo();
    expect(rowIds(doc)).toEqual([before[0], added, before[1], before[2], below]);
  });

  it("undo reverts only this grid's edits, never someone else's", () => {
    const { doc, undo, target } = setup(1);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    setWriter(other, { user: 'budi', name: 'Budi' });
    const [id] = rowIds(doc);
    pasteBlock(target(), [['3375015301891057']], { row: 0, col: 0 });
    setCell(other, id, 'alamat', 'Jl. Merdeka 4');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), 'remote');
    setCell(doc, id, 'nama', 'not tracked: another origin');
    undo.undo();
    expect(getRowValues(doc, id)).toEqual({ nama: 'not tracked: another origin', alamat: 'Jl. Merdeka 4' });
    expect(undo.undo()).toBeNull();
  });
});
