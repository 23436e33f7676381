// Nothing typed is lost when one person deletes a row another is editing
// (offline, say): the edit stays on the deleted row, the row is listed as
// "edited after deletion", and restoring it brings the edit back for everyone.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendRows, deleteRows, deletedRows, getCell, restoreRows, rowIds, setCell, setWriter } from '../../src/sheet';
import { newSheet, sync } from './helpers';

describe('deleted rows', () => {
  it('an offline edit to a row deleted meanwhile is kept, flagged, and comes back on restore', () => {
    const office = newSheet();
    const [keep, gone] = appendRows(office, [{ nama: 'Siti' }, { nama: 'Budi' }]);
    const field = new Y.Doc();
    sync(office, field);
    setWriter(office, { user: 'u-koor', name: 'Rina' });

    deleteRows(office, [gone!], null, 1_000);
    setCell(field, gone!, 'alamat', 'Gg. Melati 3'); // offline, later by the device clock
    sync(office, field);

    for (const doc of [office, field]) {
      expect(rowIds(doc)).toEqual([keep]);
      const [row] = deletedRows(doc);
      expect(row).toMatchObject({ id: gone, deletedAt: 1_000, editedAfter: true });
      expect(row!.deletedBy).toBe(office.clientID.toString(36));
      expect(getCell(doc, gone!, 'alamat').value).toBe('Gg. Melati 3');
    }

    restoreRows(field, [gone!]);
    sync(office, field);
    expect(rowIds(office)).toEqual([keep, gone]);
    expect(getCell(office, gone!, 'alamat').value).toBe('Gg. Melati 3');
    expect(deletedRows(office)).toEqual([]);
  });

  it('a row deleted after its last edit is listed but not flagged; newest deletions first', () => {
    const doc = newSheet();
    const [a, b] = appendRows(doc, [{ nama: 'A' }, { nama: 'B' }]);
    deleteRows(doc, [a!], null, Date.now() + 10_000);
    deleteRows(doc, [b!], null, Date.now() + 20_000);
    expect(deletedRows(doc).map((r) => [r.id, r.editedAfter])).toEqual([
      [b, false],
      [a, false],
    ]);
  });
});
