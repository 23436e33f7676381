import { describe, expect, it } from 'vitest';
import { checkEligibility, DEFAULT_RULES } from '../../src/domain/rules';
import { engineSettings, parsePairs, parseRuleSettings, rulesFrom, settingsOf } from '../../src/domain/ruleSettings';
import { DEFAULT_OVERLAP } from '../../src/domain/overlap';
import type { RecordRow } from '../../src/domain/schema';

const row = (values: RecordRow['values']): RecordRow => ({ key: 's/r1', source: 's', position: 1, values });
const codes = (settings: unknown, values: RecordRow['values']) => {
  const parsed = parseRuleSettings(settings);
  if (!parsed.ok) throw new Error(parsed.error);
  return checkEligibility(row(values), rulesFrom(parsed.settings), [], '2026-11-28').map((f) => f.code);
};

describe('workspace rule settings', () => {
  it('takes the GET /api/workspace/rules answer as it is (its settings)', () => {
    const parsed = parseRuleSettings({ settings: { minAge: 18 }, defaults: settingsOf(), updatedBy: null, updatedAt: null, canEdit: true });
    expect(parsed.ok && parsed.settings.minAge).toBe(18);
  });

  it('empty settings are the defaults, and the defaults round-trip', () => {
    const parsed = parseRuleSettings({});
    expect(parsed).toEqual({ ok: true, settings: settingsOf(DEFAULT_RULES) });
    expect(rulesFrom(settingsOf(DEFAULT_RULES))).toEqual(DEFAULT_RULES);
    expect(engineSettings(settingsOf()).overlap).toEqual(DEFAULT_OVERLAP);
  });

  it('the overlap matrix: pairs as officers type them, normalised and de-duplicated', () => {
    expect(parsePairs('JPS+BPNT, sembako + jps; BST+PKH')).toEqual({ ok: true, pairs: [['JPS', 'BPNT'], ['BPNT', 'JPS'], ['BST', 'PKH']] });
    expect(parsePairs('JPS Daerah+BPNT, JPS Kota Pekalongan+PKH')).toEqual({ ok: true, pairs: [['JPS', 'BPNT'], ['JPS', 'PKH']] });
    expect(parsePairs('JPS')).toMatchObject({ ok: false });
    expect(parsePairs('PKH+PKH')).toMatchObject({ ok: false });
    const parsed = parseRuleSettings({ forbiddenPairs: [['JPS', 'BPNT'], ['Sembako', 'JPS'], ['PKH', 'BST']] });
    expect(parsed.ok && parsed.settings.forbiddenPairs).toEqual([['JPS', 'BPNT'], ['PKH', 'BST']]);
    expect(parsed.ok && engineSettings(parsed.settings).overlap.forbidden).toHaveLength(2);
  });

  it("the office's own UMK decides the income finding, and names it", () => {
    const income = { penghasilan: '2.000.000' };
    expect(codes({}, income)).not.toContain('income-above-umr');
    expect(codes({ umk: { amount: 1_900_000, label: 'UMK Kab. Contoh 2026' } }, income)).toContain('income-above-umr');
    const parsed = parseRuleSettings({ umk: { amount: 1_900_000, label: 'UMK Kab. Contoh 2026' } });
    if (!parsed.ok) throw new Error(parsed.error);
    const [finding] = checkEligibility(row(income), rulesFrom(parsed.settings), [], '2026-11-28');
    expect(finding?.message).toContain('UMK Kab. Contoh 2026');
  });

  it('a rule switched off gives no finding; extra occupation spellings are excluded too', () => {
    expect(codes({}, { pekerjaan: 'PNS' })).toContain('occupation-excluded');
    expect(codes({ enabled: { occupations: false } }, { pekerjaan: 'PNS' })).toEqual([]);
    expect(codes({}, { pekerjaan: 'Satpol PP' })).not.toContain('occupation-excluded');
    expect(codes({ extraOccupationTerms: ['Satpol  PP'] }, { pekerjaan: 'Satpol PP' })).toContain('occupation-excluded');
    // Punctuation is read as the job cells are: 'Satpol-PP' and 'satpol p.p' are the same term.
    expect(codes({ extraOccupationTerms: ['Satpol-PP'] }, { pekerjaan: 'Satpol PP' })).toContain('occupation-excluded');
    expect(codes({ extraOccupationTerms: ['satpol pp'] }, { pekerjaan: 'SATPOL-PP' })).toContain('occupation-excluded');
  });

  it('refuses wrong settings with a message that names the field', () => {
    const bad: Array<[unknown, RegExp]> = [
      [null, /objek JSON/],
      [{ umk: { amount: '2,5 juta' } }, /umk\.amount/],
      [{ umk: { amount: 2_500_000.5 } }, /umk\.amount/],
      [{ umk: { label: '' } }, /umk\.label/],
      [{ enabled: { terbang: true } }, /tidak dikenal/],
      [{ enabled: { died: 'ya' } }, /enabled\.died/],
      [{ minAge: 40 }, /minAge/],
      [{ extraOccupationTerms: 'satpol pp' }, /extraOccupationTerms/],
      [{ extraOccupationTerms: ['---'] }, /extraOccupationTerms/],
      [{ forbiddenPairs: [['JPS']] }, /forbiddenPairs/],
      [{ forbiddenPairs: [['PKH', 'pkh']] }, /berbeda/],
      [{ minage: 18 }, /Kunci tidak dikenal: minage/],
    ];
    for (const [input, message] of bad) {
      const parsed = parseRuleSettings(input);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(message);
    }
  });
});
