import { describe, expect, it } from 'vitest';
import { describeFinding, findingCodes, makeFinding, ROLE_LABELS } from '../../src/domain/messages';
import { COLUMN_ROLES } from '../../src/domain/schema';

describe('messages', () => {
  it('every code has an Indonesian and an English sentence', () => {
    const all = findingCodes();
    expect(all.length).toBeGreaterThan(40);
    for (const { code } of all) {
      const f = makeFinding('r', code, {});
      expect(describeFinding(f, 'id').length).toBeGreaterThan(5);
      expect(describeFinding(f, 'en').length).toBeGreaterThan(5);
      expect(describeFinding(f, 'id')).not.toBe(describeFinding(f, 'en'));
    }
  });

  it('renders params in both languages', () => {
    const f = makeFinding('r', 'nik-length', { value: '33750153', length: 8 }, 'nik');
    expect(f).toEqual({ row: 'r', column: 'nik', code: 'nik-length', severity: 'error', message: 'NIK harus 16 digit, tertulis 8 digit (33750153).', params: { value: '33750153', length: 8 } });
    expect(describeFinding(f, 'en')).toBe('The NIK must have 16 digits; found 8 (33750153).');
  });

  it('falls back to the message of codes it does not know (other modules own them)', () => {
    expect(describeFinding({ row: 'r', code: 'duplicate-nik', severity: 'error', message: 'NIK sama' }, 'en')).toBe('NIK sama');
    expect(describeFinding({ row: 'r', code: 'constructor', severity: 'info', message: 'x' }, 'id')).toBe('x');
    expect(makeFinding('r', 'nik-length', { value: '1' }).message).toBe('NIK harus 16 digit, tertulis  digit (1).');
  });

  it('labels every column role', () => {
    for (const r of COLUMN_ROLES) expect(ROLE_LABELS[r].id).toBeTruthy();
  });
});
