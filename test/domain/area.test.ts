import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AREA_MODULE_PATH, readAreaCsvTexts, renderAreaModule } from '../../scripts/gen-area-codes';
import { AREAS, districtCodes, districtName, normalizeAreaName, provinceName, regencyName, regionOf } from '../../src/domain/area/index';

describe('area codes', () => {
  it('the committed module equals a fresh render from idn-area-data (never drifts)', () => {
    expect(readFileSync(AREA_MODULE_PATH, 'utf8')).toBe(renderAreaModule(readAreaCsvTexts()));
  });

  it('holds every province, regency and district of the package', () => {
    const csv = readAreaCsvTexts();
    const lines = (s: string) => s.trim().split('\n').length - 1;
    expect(AREAS.provinces.size).toBe(lines(csv.provinces));
    expect(AREAS.regencies.size).toBe(lines(csv.regencies));
    expect(AREAS.districts.size).toBe(lines(csv.districts));
  });

  it.each([
    ['33', provinceName, 'Jawa Tengah'],
    ['3375', regencyName, 'Kota Pekalongan'],
    ['3306', regencyName, 'Kabupaten Purworejo'],
    ['1771', regencyName, 'Kota Bengkulu'],
    ['337501', districtName, 'Pekalongan Barat'],
    ['337503', districtName, 'Pekalongan Utara'],
    ['352922', districtName, 'Ra"as'],
  ] as const)('%s → %s', (code, fn, name) => {
    expect(fn(code)).toBe(name);
  });

  it('unknown or malformed codes give undefined', () => {
    expect(provinceName('99')).toBeUndefined();
    expect(regencyName('3399')).toBeUndefined();
    expect(districtName('337599')).toBeUndefined();
    expect(provinceName('033')).toBeUndefined();
    expect(districtName('33750')).toBeUndefined();
    expect(districtName('3375a1')).toBeUndefined();
  });

  it('regionOf names the first unknown level', () => {
    expect(regionOf('3375015301891051')).toEqual({ province: '33', regency: '3375', district: '337501' });
    expect(regionOf('3375995301891051')).toEqual({ province: '33', regency: '3375', problem: 'district-unknown' });
    expect(regionOf('3399015301891051')).toEqual({ province: '33', problem: 'regency-unknown' });
    expect(regionOf('0075015301891051')).toEqual({ problem: 'province-unknown' });
  });

  it('lists every district code as six digits', () => {
    const codes = districtCodes();
    expect(codes).toHaveLength(AREAS.districts.size);
    expect(codes.every((c) => /^\d{6}$/.test(c) && districtName(c) !== undefined)).toBe(true);
  });

  it('normalizes area names for comparison', () => {
    expect(normalizeAreaName('Kec. Pekalongan Barat')).toBe(normalizeAreaName('PEKALONGAN BARAT'));
    expect(normalizeAreaName('Kecamatan Pekalongan-Utara')).toBe('pekalonganutara');
    expect(normalizeAreaName('Kota Pekalongan')).toBe('pekalongan');
  });
});
