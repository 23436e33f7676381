import { describe, expect, it } from 'vitest';
import { isUsableNoKk, noKkIssueDate, noKkSerial, parseNoKk } from '../../src/domain/nokk';
import { forSeeds, randomString } from './helpers';

describe('parseNoKk', () => {
  it('reads region, issue date and serial', () => {
    const info = parseNoKk('3375011203150007');
    expect(info).toMatchObject({ digits: '3375011203150007', problems: [], district: '337501' });
    expect([noKkIssueDate(info), noKkSerial(info)]).toEqual(['2015-03-12', '0007']);
    expect(isUsableNoKk(info)).toBe(true);
  });

  it.each([
    ['3.37501120315E+15', 'excel-scientific'],
    ['3375011203150000', 'excel-precision'],
    ['33750112031500', 'length'],
    ['KK-3375011203150007x', 'non-digit'],
    ['0000000000000000', 'placeholder'],
    ['3375019903150007', 'issue-date-impossible'],
  ])('%j has problem %s', (raw, problem) => {
    expect(parseNoKk(raw).problems).toContain(problem);
  });

  it('Excel damage and dummies are never a household match; an odd issue date is', () => {
    expect(isUsableNoKk(parseNoKk('3375011203150000'))).toBe(false);
    expect(isUsableNoKk(parseNoKk('3.37501120315E+15'))).toBe(false);
    expect(isUsableNoKk(parseNoKk('1111111111111111'))).toBe(false);
    expect(isUsableNoKk(parseNoKk('3375019903150007'))).toBe(true);
  });

  it('never throws (seeded fuzz)', () => {
    forSeeds(2000, 70000, (rng) => {
      expect(Array.isArray(parseNoKk(randomString(rng)).problems)).toBe(true);
    });
  });
});
