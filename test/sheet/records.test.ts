import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEngine } from '../../src/domain/engine';
import { appendRows, toRecordRows } from '../../src/sheet';
import { newSheet } from './helpers';

function sheet(program: string, kelurahan: string, rows: Array<Record<string, string>>): Y.Doc {
  const doc = newSheet({ name: `${program} 2025`, program, period: '2025', kelurahan, kecamatan: kelurahan.slice(0, 8) });
  appendRows(doc, rows);
  return doc;
}

describe('sheet rows as engine records', () => {
  it("a row without a programme is in its sheet's programme; its own programme wins", () => {
    const doc = sheet('BPNT', '33.75.01.1002', [{ nama: 'Siti' }, { nama: 'Budi', program: 'PKH' }]);
    expect(toRecordRows(doc, 's').map((r) => r.values.program)).toEqual(['BPNT', 'PKH']);
  });

  it('the same person in a BPNT sheet and a JPS sheet is a programme overlap finding', () => {
    const person = { nik: '3375014107850003', nama: 'Siti Aminah', tanggal_lahir: '01-07-1985', jenis_kelamin: 'P' };
    const bpnt = sheet('BPNT', '33.75.01.1002', [person]);
    const jps = sheet('JPS', '33.75.02.1004', [person]);
    const engine = createEngine({ today: '2026-11-28' });
    engine.upsert([...toRecordRows(bpnt, 'bpnt'), ...toRecordRows(jps, 'jps')]);
    const key = toRecordRows(jps, 'jps')[0]!.key;
    expect(engine.findingsOf(key).map((f) => f.code)).toContain('program-overlap');
  });
});
