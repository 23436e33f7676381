// A sheet kept as a DTKS/DTSEN extract is a reference list: the app's checks
// classify the other rows against it (DTKS / Non-DTKS) instead of calling them duplicates.
import { describe, expect, it } from 'vitest';
import type { IndexEntry } from '../../src/app/api/types';
import { indexRows, isReferenceProgram, referenceSheets } from '../../src/app/sheet/checks/crossIndex';
import { createEngine } from '../../src/domain/engine';

const entry = (sheet: string, program: string, values: IndexEntry['values']): IndexEntry => ({
  key: `${sheet}/r1`,
  sheet,
  sheetName: sheet,
  kelurahan: '33.75.01.1002',
  program,
  readable: true,
  values,
});

describe('reference sheets in the app', () => {
  it('knows the names offices give their DTKS extracts', () => {
    for (const p of ['DTKS', 'dtks kemensos 2025', 'DTSEN', 'Data Terpadu Kesejahteraan Sosial']) expect(isReferenceProgram(p)).toBe(true);
    for (const p of ['BPNT', 'PKH', 'Usulan baru', '']) expect(isReferenceProgram(p)).toBe(false);
  });

  it('rows are classified against a DTKS sheet of the workspace', () => {
    const person = { nik: '3375014107850003', nama: 'Siti Aminah', tanggal_lahir: '01-07-1985', jenis_kelamin: 'P' };
    const entries = [entry('dtks', 'DTKS', person), entry('bpnt', 'BPNT', { ...person, nik: '3375014107850011', nama: 'Budi' })];
    const refs = referenceSheets(entries, { id: 'usulan', program: 'Usulan baru' });
    expect(refs).toEqual(['dtks']);
    const engine = createEngine({ today: '2026-11-28', referenceSources: refs });
    engine.upsert(indexRows(entries, 'usulan'));
    engine.upsert([{ key: 'usulan/x', source: 'usulan', position: 1, values: { ...person, program: 'Usulan baru' } }]);
    expect(engine.findingsOf('usulan/x').map((f) => f.code)).toContain('dtks');
    expect(engine.groupsOf('usulan/x')).toEqual([]);
  });
});
