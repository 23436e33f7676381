// A workspace's eligibility settings as an office sets them: its UMK/UMP figure,
// which exclusion rules are on, the minimum age of a household head, and extra
// spellings of excluded occupations. Stored as JSON (catalog, CLI --rules file),
// validated here with messages an officer can act on, and merged over the
// default rules for the check engine. Pure: no I/O.
import { DEFAULT_OVERLAP, normalizeProgram, type OverlapMatrix, type ProgramId } from './overlap';
import { DEFAULT_RULES, normalizeTerm, type EligibilityRules } from './rules';

export const RULE_SWITCHES = ['income', 'occupations', 'villageOfficials', 'goodHouse', 'died', 'moved', 'headUnderAge'] as const;
export type RuleSwitch = (typeof RULE_SWITCHES)[number];

export interface RuleSettings {
  /** Regional minimum wage per month (Rupiah) and how messages name it. */
  umk: { amount: number; label: string };
  enabled: Record<RuleSwitch, boolean>;
  /** Minimum age of a head of household. */
  minAge: number;
  /** More spellings of excluded occupations, e.g. local abbreviations ('satpol pp'). */
  extraOccupationTerms: string[];
  /** Programmes a household may not receive together (the overlap matrix), e.g. ['JPS', 'BPNT']. */
  forbiddenPairs: [ProgramId, ProgramId][];
}

/** The settings as the server hands them out: with the defaults, who changed them last, and whether the reader may. */
export interface RuleSettingsView {
  settings: RuleSettings;
  defaults: RuleSettings;
  updatedBy: string | null;
  updatedAt: number | null;
  canEdit: boolean;
}

export function settingsOf(rules: EligibilityRules = DEFAULT_RULES): RuleSettings {
  return {
    umk: { amount: rules.income.limit.amount, label: rules.income.limit.label },
    enabled: {
      income: rules.income.enabled,
      occupations: rules.occupations.enabled,
      villageOfficials: rules.villageOfficials.enabled,
      goodHouse: rules.goodHouse.enabled,
      died: rules.died.enabled,
      moved: rules.moved.enabled,
      headUnderAge: rules.headUnderAge.enabled,
    },
    minAge: rules.headUnderAge.minAge,
    extraOccupationTerms: [],
    forbiddenPairs: DEFAULT_OVERLAP.forbidden.map(([a, b]) => [a, b]),
  };
}

/** The engine's settings from the workspace's: eligibility rules and the overlap matrix. */
export function engineSettings(settings: RuleSettings): { rules: EligibilityRules; overlap: OverlapMatrix } {
  return { rules: rulesFrom(settings), overlap: { ...DEFAULT_OVERLAP, forbidden: settings.forbiddenPairs.map(([a, b]) => [a, b]) } };
}

/** "JPS+BPNT, BST+PKH" as officers type it → pairs; the first unreadable part is returned as the error. */
export function parsePairs(text: string): { ok: true; pairs: [ProgramId, ProgramId][] } | { ok: false; error: string } {
  const pairs: [ProgramId, ProgramId][] = [];
  for (const part of text.split(/[,;\n]/).map((p) => p.trim()).filter(Boolean)) {
    const [a, b, ...rest] = part.split('+').map((x) => normalizeProgram(x));
    if (!a || !b || rest.length || a === b) return { ok: false, error: `"${part}" bukan pasangan dua program berbeda, mis. JPS+BPNT.` };
    pairs.push([a, b]);
  }
  return { ok: true, pairs };
}

/** The engine's rules: the defaults with the workspace's settings applied. */
export function rulesFrom(settings: RuleSettings, base: EligibilityRules = DEFAULT_RULES): EligibilityRules {
  const { enabled: on } = settings;
  const extra = settings.extraOccupationTerms;
  return {
    ...base,
    income: { ...base.income, enabled: on.income, limit: { ...base.income.limit, amount: settings.umk.amount, label: settings.umk.label } },
    occupations: {
      enabled: on.occupations,
      categories: extra.length ? [...base.occupations.categories, { label: 'pekerjaan dikecualikan (aturan daerah)', terms: extra }] : base.occupations.categories,
    },
    villageOfficials: { ...base.villageOfficials, enabled: on.villageOfficials },
    goodHouse: { ...base.goodHouse, enabled: on.goodHouse },
    died: { ...base.died, enabled: on.died },
    moved: { ...base.moved, enabled: on.moved },
    headUnderAge: { enabled: on.headUnderAge, minAge: settings.minAge },
  };
}

const SETTING_KEYS = ['umk', 'enabled', 'minAge', 'extraOccupationTerms', 'forbiddenPairs'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads settings from untrusted JSON (an HTTP body, a file). Missing parts take
 * the defaults; a wrong part is refused as a whole, with a message that says
 * which field and what is expected (Bahasa Indonesia).
 */
export function parseRuleSettings(input: unknown): { ok: true; settings: RuleSettings } | { ok: false; error: string } {
  const fail = (error: string) => ({ ok: false as const, error });
  if (!isRecord(input)) return fail('Pengaturan aturan harus berupa objek JSON.');
  // What GET /api/workspace/rules returns works as well: its `settings`.
  if (isRecord(input.settings)) input = input.settings;
  if (!isRecord(input)) return fail('Pengaturan aturan harus berupa objek JSON.');
  // A misspelt key would otherwise be ignored silently and its default used.
  const unknown = Object.keys(input).filter((k) => !(SETTING_KEYS as readonly string[]).includes(k));
  if (unknown.length) return fail(`Kunci tidak dikenal: ${unknown.join(', ')}. Yang dikenal: ${SETTING_KEYS.join(', ')}.`);
  const out = settingsOf();
  if (input.umk !== undefined) {
    if (!isRecord(input.umk)) return fail('umk harus berisi amount (rupiah per bulan) dan label.');
    const { amount, label } = input.umk;
    if (amount !== undefined) {
      if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 100_000 || amount > 100_000_000) {
        return fail('umk.amount harus bilangan bulat rupiah per bulan antara 100.000 dan 100.000.000.');
      }
      out.umk.amount = amount;
    }
    if (label !== undefined) {
      if (typeof label !== 'string' || !label.trim() || label.length > 120) return fail('umk.label harus teks 1–120 karakter, mis. "UMK Kota Pekalongan 2026".');
      out.umk.label = label.trim();
    }
  }
  if (input.enabled !== undefined) {
    if (!isRecord(input.enabled)) return fail('enabled harus berupa objek aturan → true/false.');
    for (const [k, v] of Object.entries(input.enabled)) {
      if (!(RULE_SWITCHES as readonly string[]).includes(k)) return fail(`Aturan "${k}" tidak dikenal. Yang dikenal: ${RULE_SWITCHES.join(', ')}.`);
      if (typeof v !== 'boolean') return fail(`enabled.${k} harus true atau false.`);
      out.enabled[k as RuleSwitch] = v;
    }
  }
  if (input.minAge !== undefined) {
    if (typeof input.minAge !== 'number' || !Number.isInteger(input.minAge) || input.minAge < 10 || input.minAge > 25) {
      return fail('minAge (umur minimal kepala keluarga) harus bilangan bulat antara 10 dan 25.');
    }
    out.minAge = input.minAge;
  }
  if (input.extraOccupationTerms !== undefined) {
    const terms = input.extraOccupationTerms;
    if (!Array.isArray(terms) || terms.length > 200 || !terms.every((t) => typeof t === 'string' && normalizeTerm(t) !== '' && t.length <= 60)) {
      return fail('extraOccupationTerms harus daftar teks (paling banyak 200, masing-masing 1–60 karakter).');
    }
    // The rules' own normaliser, so a term typed as 'Satpol-PP' matches the job cells as the built-in terms do.
    out.extraOccupationTerms = [...new Set(terms.map((t: string) => normalizeTerm(t)))];
  }
  if (input.forbiddenPairs !== undefined) {
    const pairs = input.forbiddenPairs;
    if (!Array.isArray(pairs) || pairs.length > 100) return fail('forbiddenPairs harus daftar pasangan program, mis. [["JPS", "BPNT"]].');
    const seen = new Set<string>();
    out.forbiddenPairs = [];
    for (const p of pairs) {
      if (!Array.isArray(p) || p.length !== 2 || !p.every((x) => typeof x === 'string' && normalizeProgram(x) !== '' && x.length <= 40)) {
        return fail('Setiap pasangan di forbiddenPairs harus dua nama program, mis. ["JPS", "BPNT"].');
      }
      const [a, b] = [normalizeProgram(p[0] as string), normalizeProgram(p[1] as string)];
      if (a === b) return fail(`Pasangan ${a}+${b}: dua program harus berbeda.`);
      const key = a < b ? `${a}|${b}` : `${b}|${a}`;
      if (!seen.has(key)) out.forbiddenPairs.push([a, b]);
      seen.add(key);
    }
  }
  return { ok: true, settings: out };
}
