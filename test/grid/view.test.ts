import { describe, expect, it } from 'vitest';
import { computeViewOrder, isViewActive } from '../../src/app/grid/view';
import { displayValue, rupiahValue, dateValue, sortKey } from '../../src/app/grid/formats';

const columns = [
  { id: 'nik', format: 'nik' as const },
  { id: 'nama', format: 'text' as const },
  { id: 'tgl', format: 'date' as const },
  { id: 'gaji', format: 'rupiah' as const },
];
const data: Record<string, Record<string, string>> = {
  a: { nik: '3375015301891057', nama: 'siti', tgl: '05-01-1990', gaji: '1.250.000' },
  b: { nik: '0912345678901234', nama: 'Budi', tgl: '1985-12-31', gaji: '900000' },
  c: { nik: '3375010101010001', nama: 'Élan', tgl: '01-02-1990', gaji: 'Rp 2.000.000' },
  d: { nama: 'agus', gaji: '' },
  e: { nik: '3375015301891058', nama: 'Siti Aminah', tgl: 'kemarin', gaji: 'tidak tahu' },
};
const ids = ['a', 'b', 'c', 'd', 'e'];
const src = { columns, values: (id: string) => data[id], locale: 'id' };
const order = (v: Parameters<typeof computeViewOrder>[1]) => computeViewOrder(ids, v, src);

describe('personal view', () => {
  it('is the sheet order when nothing is set, and never changes the input', () => {
    expect(isViewActive({})).toBe(false);
    expect(isViewActive({ search: '  ' })).toBe(false);
    expect(order({})).toEqual(ids);
    const copy = ids.slice();
    order({ sort: { col: 'nama', dir: 'desc' } });
    expect(ids).toEqual(copy);
  });

  it('sorts text locale-aware and case-insensitively, empty cells last in both directions', () => {
    expect(order({ sort: { col: 'nama', dir: 'asc' } })).toEqual(['d', 'b', 'c', 'a', 'e']);
    expect(order({ sort: { col: 'nik', dir: 'asc' } })).toEqual(['b', 'c', 'a', 'e', 'd']);
    expect(order({ sort: { col: 'nik', dir: 'desc' } })).toEqual(['e', 'a', 'c', 'b', 'd']);
  });

  it('sorts dates by day and Rupiah by amount, unparseable after the values', () => {
    expect(order({ sort: { col: 'tgl', dir: 'asc' } })).toEqual(['b', 'a', 'c', 'e', 'd']);
    expect(order({ sort: { col: 'gaji', dir: 'asc' } })).toEqual(['b', 'a', 'c', 'e', 'd']);
  });

  it('filters by column text, by search and by a predicate', () => {
    expect(order({ filters: { nama: 'SITI' } })).toEqual(['a', 'e']);
    expect(order({ filters: { gaji: 'rp1.250' } })).toEqual(['a']); // matches the displayed form too
    expect(order({ search: '3375' })).toEqual(['a', 'c', 'e']);
    expect(order({ search: '31-12-1985' })).toEqual(['b']);
    expect(order({ rowFilter: (id) => id !== 'a', sort: { col: 'nama', dir: 'asc' } })).toEqual(['d', 'b', 'c', 'e']);
  });
});

describe('formats', () => {
  it('shows dates as DD-MM-YYYY and leaves what it cannot read as typed', () => {
    expect(displayValue('1985-12-31', 'date')).toBe('31-12-1985');
    expect(displayValue('5/1/1990', 'date')).toBe('05-01-1990');
    expect(displayValue('31-02-1990', 'date')).toBe('31-02-1990');
    expect(dateValue('31-02-1990')).toBeNull();
  });

  it('shows Rupiah as Rp1.250.000', () => {
    expect(displayValue('1250000', 'rupiah')).toBe('Rp1.250.000');
    expect(displayValue('Rp 1.250.000', 'rupiah')).toBe('Rp1.250.000');
    expect(displayValue('1,250,000', 'rupiah')).toBe('Rp1.250.000');
    expect(rupiahValue('1,5 jt')).toBe(1500000);
    expect(displayValue('IDR 750.000,-', 'rupiah')).toBe('Rp750.000');
    expect(displayValue('sekitar sejuta', 'rupiah')).toBe('sekitar sejuta');
  });

  it('never turns a NIK into a number', () => {
    expect(displayValue('3375015301891057', 'nik')).toBe('3375015301891057');
    expect(displayValue('0012345678901234', 'nik')).toBe('0012345678901234');
    expect(sortKey('3375015301891057', 'nik')).toEqual({ s: '3375015301891057' });
    // An already damaged value is shown as it is, so the check engine's finding makes sense.
    expect(displayValue('3.37501530189105E+15', 'nik')).toBe('3.37501530189105E+15');
  });
});
