// Every finding the engine produces can be read in both languages: the codes
// built from other rows (program overlaps, DTKS classification) included.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/domain/engine/index';
import type { Finding } from '../../src/domain/findings';
import { describeFinding, isKnownCode } from '../../src/domain/messages';

const TODAY = '2025-06-01';

function allFindings(): Finding[] {
  const engine = createEngine({ today: TODAY, referenceSources: ['DTKS'] });
  engine.upsert([
    { key: 'ref', source: 'DTKS', position: 1, values: { nama: 'Siti Aminah', nik: '3375015201800003', tanggal_lahir: '12-01-1980' } },
    // In DTKS, but written as Non-DTKS; also in JPS on another sheet (JPS may not go with BPNT).
    { key: 'a', source: 'BPNT-Medono', position: 1, values: { nama: 'Siti Aminah', nik: '3375015201800003', tanggal_lahir: '12-01-1980', program: 'BPNT', status_dtks: 'Non-DTKS' } },
    { key: 'b', source: 'JPS-Kauman', position: 4, values: { nama: 'St. Aminah', nik: '3375015201800003', tanggal_lahir: '12-01-1980', program: 'JPS Kabupaten' } },
    // Not in DTKS, but written as DTKS; two programs in one row that may not go together.
    { key: 'c', source: 'BPNT-Medono', position: 2, values: { nama: 'Budi Santoso', nik: '3375010101700004', tanggal_lahir: '01-01-1970', program: 'BPNT, JPS', status_dtks: 'DTKS' } },
  ]);
  return Object.values(engine.snapshot().findings).flat();
}

describe('finding messages in both languages', () => {
  it('every code has an Indonesian and an English sentence with all its parameters filled', () => {
    const found = allFindings();
    const codes = new Set(found.map((f) => f.code));
    for (const code of ['program-overlap', 'dtks', 'non-dtks', 'dtks-status-mismatch']) expect(codes).toContain(code);
    for (const f of found) {
      expect(isKnownCode(f.code), f.code).toBe(true);
      const id = describeFinding(f, 'id');
      const en = describeFinding(f, 'en');
      expect(id, f.code).toBe(f.message);
      expect(en, f.code).not.toBe(id);
      expect(en, f.code).not.toMatch(/[{}]|baris|tidak|sama\b|terdaftar/i);
    }
  });

  it('says where and why in each language', () => {
    const found = allFindings();
    const dtks = found.find((f) => f.row === 'a' && f.code === 'dtks') as Finding;
    expect(dtks.message).toMatch(/^Terdaftar di DTKS \(DTKS baris 1: NIK sama \+ nama sama/);
    expect(describeFinding(dtks, 'en')).toMatch(/^Found in the DTKS list \(DTKS row 1: same NIK \+ same name/);
    const overlap = found.find((f) => f.row === 'a' && f.code === 'program-overlap') as Finding;
    expect(overlap.message).toBe('Juga terdaftar di program JPS (JPS-Kauman baris 4); BPNT tidak boleh diterima bersamaan dengan JPS.');
    expect(describeFinding(overlap, 'en')).toBe('Also registered in programme JPS (JPS-Kauman row 4); BPNT may not be received together with JPS.');
    const mismatch = found.find((f) => f.row === 'c' && f.code === 'dtks-status-mismatch') as Finding;
    expect(mismatch.message).toBe('Status DTKS tertulis DTKS, tetapi tidak ditemukan di daftar DTKS.');
    expect(describeFinding(mismatch, 'en')).toBe('The DTKS status says DTKS, but the row was not found in the DTKS list.');
  });

  it('lists several places of one pair sorted, alsoId and where as in the sentence', () => {
    const engine = createEngine({ today: TODAY });
    const family = { no_kk: '3375011203150002', tanggal_lahir: '01-01-1980' };
    engine.upsert([
      { key: 'x', source: 'PKH — Medono', position: 3, values: { ...family, nama: 'Ani Lestari', nik: '3375014101800001', program: 'PKH' } },
      { key: 'y', source: 'BST — Medono', position: 12, values: { ...family, nama: 'Budi Santoso', nik: '3375010101800002', program: 'BST' } },
      { key: 'z', source: 'BST — Medono', position: 2, values: { ...family, nama: 'Citra Dewi', nik: '3375014506900003', tanggal_lahir: '05-06-1990', program: 'BST' } },
    ]);
    const overlap = engine.findingsOf('x').find((f) => f.code === 'program-overlap') as Finding;
    const where = 'BST — Medono baris 12, No KK sama; BST — Medono baris 2, No KK sama';
    expect(overlap.message).toBe(`Juga terdaftar di program BST (${where}); PKH tidak boleh diterima bersamaan dengan BST.`);
    expect(overlap.params).toEqual({
      program: 'PKH', other: 'BST', where, alsoId: `Juga terdaftar di program BST (${where}); `,
      alsoEn: 'Also registered in programme BST (BST — Medono row 12, same family card number; BST — Medono row 2, same family card number); ',
    });
    expect(Object.keys(overlap.params ?? {})).toEqual(['program', 'other', 'where', 'alsoId', 'alsoEn']);
    expect(describeFinding(overlap, 'id')).toBe(overlap.message);
    const one = engine.findingsOf('y').find((f) => f.code === 'program-overlap') as Finding;
    expect(one.message).toBe('Juga terdaftar di program PKH (PKH — Medono baris 3, No KK sama); BST tidak boleh diterima bersamaan dengan PKH.');
    expect(one.params?.where).toBe('PKH — Medono baris 3, No KK sama');
    expect(describeFinding(one, 'en')).toBe('Also registered in programme PKH (PKH — Medono row 3, same family card number); BST may not be received together with PKH.');
  });
});
