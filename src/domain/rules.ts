// Eligibility: the exclusion criteria the offices apply (design brief, "Exclusion
// criteria seen in practice"). Every rule is configurable per workspace and can
// be switched off; a finding can be overridden for one row with a reason, which
// turns it into an 'info' finding that records who decided and why.
import { districtKey, normalizeAreaName } from './area/index';
import { ageOn, formatDate, parseBirthDate, todayIso } from './dates';
import type { Finding } from './findings';
import { parseRowStatus } from './fields';
import { makeFinding, ROLE_LABELS, RULE_LABELS } from './messages';
import { formatRupiah, parseRupiah } from './money';
import { parseNik } from './nik';
import { compileOverlap, DEFAULT_OVERLAP, isHouseholdProgram, programsOf, type CompiledOverlap, type OverlapMatrix, type ProgramId } from './overlap';
import { KIN } from './otherPerson';
import type { ParsedRow } from './parsedRow';
import type { ColumnRole, RecordRow } from './schema';
import { parseSex } from './sex';

export interface IncomeLimit {
  /** Rupiah per month. */
  amount: number;
  /** How the figure is named in messages, e.g. 'UMK Kota Pekalongan 2025'. */
  label: string;
}

export interface EligibilityRules {
  /** Income (penghasilan, per month) at or above the regional minimum wage. */
  income: {
    enabled: boolean;
    /** The workspace's own kab/kota figure. */
    limit: IncomeLimit & { regency?: string; source?: string };
    /**
     * Other kab/kota in the same workspace, by 4-digit Kemendagri code; a row
     * uses the figure of the regency its kecamatan lies in, else `limit`.
     */
    byRegency?: Record<string, IncomeLimit>;
  };
  /** Civil servants, army, police, state-company staff…: each category a label and its spellings. */
  occupations: { enabled: boolean; categories: Array<{ label: string; terms: string[] }> };
  /** Village/kelurahan officials may not receive the listed programmes (PKH). */
  villageOfficials: { enabled: boolean; programs: string[]; terms: string[] };
  /** A good private house (kondisi_rumah). 'notGood' terms win over 'good' ones ('tidak layak' contains 'layak'). */
  goodHouse: { enabled: boolean; good: string[]; notGood: string[] };
  /** Died (alasan, catatan, status, or a name written 'Alm. …'). */
  died: { enabled: boolean; terms: string[] };
  /** Moved away (alasan, catatan, status). */
  moved: { enabled: boolean; terms: string[] };
  /** Head of household younger than minAge (from tanggal_lahir, else the NIK). */
  headUnderAge: { enabled: boolean; minAge: number };
}

export interface RuleOverride {
  /** RecordRow.key */
  row: string;
  /** The finding code that is overridden, e.g. 'income-above-umr'. */
  code: string;
  /** Required: an override without a reason is ignored. */
  reason: string;
  by?: string;
}

/**
 * Defaults for Kota Pekalongan. The UMK 2025 of Kota Pekalongan is Rp2.545.138
 * (Keputusan Gubernur Jawa Tengah Nomor 561/45 Tahun 2024, announced
 * 18-12-2024); every workspace sets its own figure in its settings.
 */
export const DEFAULT_RULES: EligibilityRules = {
  income: {
    enabled: true,
    limit: {
      amount: 2_545_138,
      label: 'UMK Kota Pekalongan 2025',
      regency: '3375',
      source: 'Keputusan Gubernur Jawa Tengah Nomor 561/45 Tahun 2024',
    },
  },
  occupations: {
    enabled: true,
    categories: [
      { label: 'PNS/ASN', terms: ['pns', 'p n s', 'pegawai negeri', 'pegawai negeri sipil', 'peg negeri', 'asn', 'aparatur sipil negara', 'pppk', 'p3k', 'guru pns', 'dosen pns', 'pegawai pemerintah'] },
      { label: 'CPNS', terms: ['cpns', 'calon pegawai negeri sipil', 'calon pns'] },
      { label: 'TNI', terms: ['tni', 'tni ad', 'tni al', 'tni au', 'abri', 'tentara', 'anggota tni', 'prajurit tni'] },
      { label: 'Polri', terms: ['polri', 'polisi', 'kepolisian', 'anggota polri', 'bhayangkara'] },
      { label: 'BUMN/BUMD', terms: ['bumn', 'bumd', 'pegawai bumn', 'karyawan bumn', 'pegawai bumd', 'karyawan bumd'] },
      { label: 'pejabat negara/DPRD', terms: ['dprd', 'anggota dprd', 'anggota dpr', 'pejabat negara', 'hakim', 'jaksa'] },
    ],
  },
  villageOfficials: {
    enabled: true,
    programs: ['pkh', 'program keluarga harapan'],
    terms: [
      'perangkat desa', 'perangkat kelurahan', 'perades', 'kepala desa', 'kades', 'lurah', 'sekdes', 'sekretaris desa',
      'sekretaris kelurahan', 'sekel', 'kaur', 'kasi', 'kadus', 'kepala dusun', 'bayan', 'carik', 'modin', 'kamituwo',
      'jogoboyo', 'kebayan', 'petinggi', 'bpd', 'anggota bpd', 'staf desa', 'pamong desa',
    ],
  },
  goodHouse: {
    enabled: true,
    good: ['baik', 'layak', 'layak huni', 'permanen', 'mewah', 'bagus', 'tembok', 'keramik'],
    notGood: [
      'tidak layak', 'tdk layak', 'kurang layak', 'tidak baik', 'kurang baik', 'rtlh', 'rusak', 'semi permanen', 'semipermanen',
      'darurat', 'reyot', 'bambu', 'kayu', 'papan', 'gubuk', 'menumpang', 'numpang', 'sewa', 'kontrak', 'kos', 'bilik', 'lantai tanah',
    ],
  },
  died: {
    enabled: true,
    terms: ['meninggal', 'meninggal dunia', 'wafat', 'berpulang', 'almarhum', 'almarhumah', 'alm', 'almh', 'md', 'tutup usia', 'mati'],
  },
  moved: {
    enabled: true,
    terms: ['pindah', 'pindah domisili', 'pindah alamat', 'pindah rumah', 'pindah keluar', 'sudah pindah', 'pindah kk', 'pindah luar kota'],
  },
  headUnderAge: { enabled: true, minAge: 17 },
};

/** Words that cancel the term after them: 'non PNS', 'bukan TNI', 'mantan kades', 'tidak pindah'. */
const NEGATIONS: ReadonlySet<string> = new Set(['non', 'bukan', 'eks', 'ex', 'mantan', 'tidak', 'tdk', 'belum', 'blm', 'purna']);

/** Lowercase words padded by spaces, so ' pns ' matches whole words only. */
function words(raw: string | undefined): string {
  return ` ${normalizeTerm(raw ?? '')} `;
}

/** A term as rules hold it: lowercase letters and digits in single-spaced words ('Pegawai-Negeri' → 'pegawai negeri'). */
export function normalizeTerm(raw: string): string {
  return raw.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * The same rules with every term normalised. checkEligibility reads terms as
 * they are (so it stays fast); call this once on rules typed into a settings form.
 */
export function normalizeRules(rules: EligibilityRules): EligibilityRules {
  const norm = (terms: string[]) => terms.map(normalizeTerm).filter(Boolean);
  return {
    ...rules,
    occupations: { ...rules.occupations, categories: rules.occupations.categories.map((c) => ({ label: c.label, terms: norm(c.terms) })) },
    villageOfficials: { ...rules.villageOfficials, programs: norm(rules.villageOfficials.programs), terms: norm(rules.villageOfficials.terms) },
    goodHouse: { ...rules.goodHouse, good: norm(rules.goodHouse.good), notGood: norm(rules.goodHouse.notGood) },
    died: { ...rules.died, terms: norm(rules.died.terms) },
    moved: { ...rules.moved, terms: norm(rules.moved.terms) },
  };
}

/**
 * The first (normalised) term found in `text` (the output of words(): padded by
 * spaces) as whole words and not negated, or null. `ignore`: also skip an
 * occurrence at `at` for which it returns true (the died rule's other person).
 */
export function findTerm(text: string, terms: readonly string[], ignore?: (text: string, at: number, term: string) => boolean): string | null {
  for (const term of terms) {
    if (!term) continue;
    let at = text.indexOf(term);
    while (at >= 0) {
      if (text.charCodeAt(at - 1) === 32 && text.charCodeAt(at + term.length) === 32 && !negated(text, at) && !ignore?.(text, at, term)) return term;
      at = text.indexOf(term, at + 1);
    }
  }
  return null;
}

/** Whether the word before position `at` (a word start) negates it. */
function negated(text: string, at: number): boolean {
  const end = at - 1;
  const start = text.lastIndexOf(' ', end - 1) + 1;
  return end > start && NEGATIONS.has(text.slice(start, end));
}

const OUT_OF_LIST: ReadonlySet<string> = new Set(['dikeluarkan', 'graduasi']);

function incomeLimitFor(row: RecordRow, rules: EligibilityRules['income']): IncomeLimit {
  const kec = row.values.kecamatan;
  if (rules.byRegency && kec) {
    const wanted = normalizeAreaName(kec);
    for (const [regency, limit] of Object.entries(rules.byRegency)) {
      for (let n = 1; n <= 99; n++) {
        if (districtKey(regency + String(n).padStart(2, '0')) === wanted) return limit;
      }
    }
  }
  return rules.limit;
}

function incomeFinding(row: RecordRow, rule: EligibilityRules['income'], parsed: ParsedRow | undefined): Finding | null {
  const raw = row.values.penghasilan;
  if (!rule.enabled || !raw) return null;
  const income = parsed ? parsed.income : parseRupiah(raw);
  const limit = incomeLimitFor(row, rule);
  if (income === null || limit.amount <= 0 || income < limit.amount) return null;
  return makeFinding(row.key, 'income-above-umr', {
    income: formatRupiah(income), limit: formatRupiah(limit.amount), limitLabel: limit.label, amount: income,
  }, 'penghasilan');
}

/** What an occupation text matches: the excluded category (first in order) and the village-official term. */
interface JobTerms {
  excluded: { label: string; term: string } | null;
  villageOfficial: string | null;
}

function jobTermsOf(pekerjaan: string, rules: EligibilityRules): JobTerms {
  const job = words(pekerjaan);
  let excluded: JobTerms['excluded'] = null;
  if (rules.occupations.enabled) {
    for (const cat of rules.occupations.categories) {
      const term = findTerm(job, cat.terms);
      if (term) {
        excluded = { label: cat.label, term };
        break;
      }
    }
  }
  return { excluded, villageOfficial: rules.villageOfficials.enabled ? findTerm(job, rules.villageOfficials.terms) : null };
}

const isVillageOfficialProgram = (program: string, rules: EligibilityRules): boolean =>
  findTerm(words(program), rules.villageOfficials.programs) !== null;

/**
 * Term matches by cell text, for one rules object: a list repeats the same few
 * occupations and programmes thousands of times, and matching them against every
 * term is most of the rules' cost. Owned by the caller checking many rows (the
 * engine); emptied when the rules object changes or a map grows past `limit`.
 */
export class RuleTermCache {
  private rules: EligibilityRules | null = null;
  private readonly jobs = new Map<string, JobTerms>();
  private readonly programs = new Map<string, boolean>();
  private compiled: { matrix: OverlapMatrix; overlap: CompiledOverlap } | null = null;

  constructor(private readonly limit = 10_000) {}

  /** `matrix` compiled, once for as long as the caller passes the same object. */
  overlap(matrix: OverlapMatrix): CompiledOverlap {
    if (this.compiled?.matrix !== matrix) this.compiled = { matrix, overlap: compileOverlap(matrix) };
    return this.compiled.overlap;
  }

  private use(rules: EligibilityRules): void {
    if (rules === this.rules) return;
    this.rules = rules;
    this.jobs.clear();
    this.programs.clear();
  }

  job(pekerjaan: string, rules: EligibilityRules): JobTerms {
    this.use(rules);
    let hit = this.jobs.get(pekerjaan);
    if (!hit) {
      if (this.jobs.size >= this.limit) this.jobs.clear();
      hit = jobTermsOf(pekerjaan, rules);
      this.jobs.set(pekerjaan, hit);
    }
    return hit;
  }

  villageOfficialProgram(program: string, rules: EligibilityRules): boolean {
    this.use(rules);
    let hit = this.programs.get(program);
    if (hit === undefined) {
      if (this.programs.size >= this.limit) this.programs.clear();
      hit = isVillageOfficialProgram(program, rules);
      this.programs.set(program, hit);
    }
    return hit;
  }
}

function occupationFindings(out: Finding[], row: RecordRow, rules: EligibilityRules, cache: RuleTermCache | undefined): void {
  const v = row.values;
  if (!v.pekerjaan) return;
  const terms = cache ? cache.job(v.pekerjaan, rules) : jobTermsOf(v.pekerjaan, rules);
  if (terms.excluded) {
    out.push(makeFinding(row.key, 'occupation-excluded', { value: v.pekerjaan.trim(), category: terms.excluded.label, term: terms.excluded.term }, 'pekerjaan'));
  }
  const term = terms.villageOfficial;
  if (term && v.program && (cache ? cache.villageOfficialProgram(v.program, rules) : isVillageOfficialProgram(v.program, rules))) {
    out.push(makeFinding(row.key, 'village-official-pkh', { value: v.pekerjaan.trim(), program: v.program.trim(), term }, 'pekerjaan'));
  }
}

function houseFinding(row: RecordRow, rule: EligibilityRules['goodHouse']): Finding | null {
  const raw = row.values.kondisi_rumah;
  if (!rule.enabled || !raw) return null;
  const text = words(raw);
  // 'notGood' first: 'tidak layak' contains 'layak'.
  if (findTerm(text, rule.notGood) || !findTerm(text, rule.good)) return null;
  return makeFinding(row.key, 'house-good', { value: raw.trim() }, 'kondisi_rumah');
}

const LIFE_EVENT_COLUMNS = ['status', 'alasan', 'catatan'] as const;
/**
 * 'Alm. …' / 'Almarhumah …' in the name: died. Every word here starts with 'a': mayBeDeceased
 * relies on that (a word starting otherwise must be added there too; rules.test.ts checks each).
 */
const DECEASED_NAME = /^\s*(alm|almh|almarhum|almarhumah)\b/i;

/** Whether DECEASED_NAME can match: the name starts with 'a', 'A', a space or any non-ASCII character. Most names do not, and skip the regex. */
function mayBeDeceased(name: string): boolean {
  const c = name.charCodeAt(0);
  return c === 97 || c === 65 || c <= 32 || c >= 128;
}

type LifeEventTexts = ReadonlyArray<readonly [ColumnRole, string]>;

/** KIN as word lists, for matching against the words before or after a death word. */
const KIN_WORDS: ReadonlyArray<readonly string[]> = KIN.map((k) => k.split(' '));
/** Words before a death word that say the recipient survived it: 'ditinggal mati suami', 'cerai mati' (widowed). */
const SURVIVOR: ReadonlySet<string> = new Set(['ditinggal', 'ditinggalkan', 'cerai']);
/**
 * Words that may stand between a relative and the death word: 'suami sudah meninggal',
 * 'suami KPM meninggal', 'anak pertama yg meninggal'. A closed list, not any word:
 * in 'Ibu Sumiyati meninggal' the name between makes 'Ibu' the recipient's title.
 */
const BETWEEN: ReadonlySet<string> = new Set([
  'sudah', 'sdh', 'telah', 'tlh', 'yg', 'yang', 'ybs', 'kpm', 'nya', 'kandung', 'tiri', 'angkat', 'juga', 'baru', 'lama', 'dulu',
  'laki', 'perempuan', 'pertama', 'kedua', 'ketiga', 'sulung', 'bungsu', 'laki2', 'ke', 'lalu', 'sakit',
]);
/** Relative-clause words among BETWEEN: 'anak yg sdh pindah' is about the child, whatever comes before. */
const RELATIVE_CLAUSE: ReadonlySet<string> = new Set(['yg', 'yang']);
const MAX_BETWEEN = 3;
/** Death words that stand before whose death it is: 'Alm. suami', 'almarhumah ibunya'. */
const TITLES: ReadonlySet<string> = new Set(['alm', 'almh', 'almarhum', 'almarhumah']);
/** The relatives that are also how one addresses the recipient, by the recipient's sex: 'Bapak sudah meninggal' of a man. */
const TITLE_OF: Readonly<Record<string, 'L' | 'P'>> = { bapak: 'L', ibu: 'P' };
/** KIN_WORDS but the titles of address (TITLE_OF): 'Alm. Bapak Karto' is the late Mr Karto, maybe the recipient. */
const KIN_AFTER_TITLE: ReadonlyArray<readonly string[]> = KIN_WORDS.filter((kin) => TITLE_OF[kin.join(' ')] === undefined);

/**
 * Whether `kin`'s words stand in `list` from index `start`, the last one maybe with 'nya'
 * (his/her: 'suaminya', 'orang tuanya') or written doubled with a 2 ('anak2': children).
 */
function kinAt(list: readonly string[], start: number, kin: readonly string[]): boolean {
  const last = kin.length - 1;
  if (start < 0 || start + last >= list.length) return false;
  for (let i = 0; i < last; i++) if (list[start + i] !== kin[i]) return false;
  const word = list[start + last] as string;
  const k = kin[last] as string;
  return word === k || word === `${k}nya` || word === `${k}2` || word === `${k}2nya`;
}

/**
 * Whether the death word `term` at `at` in `clause` (words() of one clause) records someone
 * else's death: a relative just before it ('Janda, suami meninggal dunia', 'yatim (ayah alm)',
 * 'istri sudah meninggal 2023', 'kedua orang tua meninggal'), a word saying the recipient was
 * left ('ditinggal mati', 'cerai mati'), or a relative just after 'Alm.' ('Alm. suami …').
 * 'Janda', 'duda' and 'yatim' are not death words at all: they never flag alone.
 */
function anotherPersonsDeath(clause: string, at: number, term: string, who: () => Recipient): boolean {
  const before = wordsBefore(clause, at);
  if (before.end >= 0 && (SURVIVOR.has(before.words[before.end] as string) || onlyRelativeEndsAt(before, who))) return true;
  if (!TITLES.has(term)) return false;
  const after = clause.slice(at + term.length).trim().split(' ');
  return KIN_AFTER_TITLE.some((kin) => kinAt(after, 0, kin));
}

/** Whether the move word at `at` in `clause` (words() of one clause) is a relative's: 'anak pindah ke Jakarta', 'suami sudah pindah kerja'. */
function anotherPersonsMove(clause: string, at: number, who: () => Recipient): boolean {
  return onlyRelativeEndsAt(wordsBefore(clause, at), who);
}

/**
 * The words of `text` before `at`; `end`: the index of the last one that is not a BETWEEN word
 * or a number ('anak ke 2 meninggal'; -1 when none); `relativeClause`: a skipped word was 'yg'.
 */
function wordsBefore(text: string, at: number): { words: string[]; end: number; relativeClause: boolean } {
  const words = text.slice(0, at).trim().split(' ');
  let end = words.length - 1;
  let relativeClause = false;
  for (let n = 0; n < MAX_BETWEEN && end >= 0 && isFiller(words[end] as string); n++) {
    if (RELATIVE_CLAUSE.has(words[end] as string)) relativeClause = true;
    end--;
  }
  return { words, end, relativeClause };
}

const isFiller = (word: string): boolean => BETWEEN.has(word) || /^\d+$/.test(word);

/**
 * What the died / moved rules know of the recipient: the sex (jenis_kelamin), whether a child
 * (under 17 by the birth date), and whether the text calls them an orphan ('yatim', 'piatu'):
 * then 'Bapak' / 'Ibu' is a parent, never the recipient's own title.
 */
interface Recipient {
  sex: ParsedRow['sex'];
  child: boolean;
  orphan: boolean;
}

/** Words before a relative that make the recipient a subject too, at the start of a clause: 'ikut suami pindah', 'bersama anak pindah'. */
const COMPANION: ReadonlySet<string> = new Set(['ikut', 'bersama', 'dengan', 'sama', 'beserta']);
/** Words naming the recipient: 'KPM dan suami pindah', 'ybs & anak pindah'. */
const RECIPIENT_WORDS: ReadonlySet<string> = new Set(['kpm', 'ybs', 'penerima']);
/** A spouse named beside the other spouse is the couple, the recipient among them: 'suami istri pindah'. */
const SPOUSE: ReadonlySet<string> = new Set(['suami', 'istri', 'isteri']);
/** Words right after 'Bapak' / 'Ibu' that make it a parent: 'ibu kandung', 'bapak tiri'. */
const PARENT_QUALIFIERS: ReadonlySet<string> = new Set(['kandung', 'tiri', 'angkat']);

/**
 * Whether the words before a death or move word (wordsBefore) name a relative as its only
 * subject ('suami', 'orang tuanya', 'anak yg sdh pindah'): not when the recipient is named with
 * them ('ikut suami', 'KPM dan suami', 'suami istri') or the word is the recipient's own title
 * ('Bapak' of a man, 'Ibu' of a woman, unless a child's or an orphan's note or 'ibu kandung').
 */
function onlyRelativeEndsAt(before: { words: string[]; end: number; relativeClause: boolean }, who: () => Recipient): boolean {
  const { words, end } = before;
  if (end < 0) return false;
  const kin = KIN_WORDS.find((k) => kinAt(words, end - k.length + 1, k));
  if (!kin) return false;
  if (before.relativeClause) return true;
  const first = end - kin.length + 1;
  let prev = first - 1;
  if (prev >= 0 && words[prev] === 'dan') prev--;
  const prevWord = prev >= 0 ? (words[prev] as string) : '';
  if (ownTitle(words, end, first, prevWord, who)) return false;
  if (COMPANION.has(prevWord) && prev === 0) return false;
  if (RECIPIENT_WORDS.has(prevWord)) return false;
  return !(SPOUSE.has(kin.join(' ')) && SPOUSE.has(prevWord));
}

/** Whether the one-word relative at `end` ('bapak', 'ibu') is the recipient's own title (see onlyRelativeEndsAt); `who` read only then. */
function ownTitle(words: readonly string[], end: number, first: number, prevWord: string, who: () => Recipient): boolean {
  const title = TITLE_OF[words[end] as string];
  if (first !== end || title === undefined) return false;
  const recipient = who();
  if (recipient.sex !== title || recipient.child || recipient.orphan) return false;
  return !PARENT_QUALIFIERS.has((words[end + 1] as string | undefined) ?? '') && !KIN_WORDS.some((k) => k.length === 1 && k[0] === prevWord);
}

/** Words officers shorten with a full stop inside a clause: titles, honorifics, address parts, dates. */
const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'alm', 'almh', 'almrh', 'hj', 'moh', 'muh', 'mhd', 'st', 'sdr', 'sdri', 'bpk', 'bp', 'pak', 'bu', 'ny', 'nn', 'tn', 'an', 'yth',
  'dr', 'drs', 'dra', 'ir', 'tgl', 'th', 'thn', 'bln', 'no', 'jl', 'jln', 'gg', 'kp', 'ds', 'dsn', 'kel', 'kec', 'kab', 'rt', 'rw',
  'sdh', 'yg', 'tlh', 'ybs', 'pd', 'dg', 'dgn', 'krn', 'utk', 'tdk', 'blm', 'kpm',
]);

/**
 * The clauses of a free text: it is cut at , ; and line ends, and at a full stop before a
 * space unless it ends an abbreviation ('Alm. suami', 'Hj. Siti', 'sdh. pindah'). Brackets,
 * colons and dashes do not cut: 'Suami (alm)', 'Orang tua: meninggal'. A relative in one
 * clause says nothing of a death or move in the next: 'Tinggal bersama anak, sudah meninggal'.
 */
function clausesOf(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(/[,;\n\r]+/)) {
    let from = 0;
    for (let at = part.indexOf('. '); at >= 0; at = part.indexOf('. ', at + 1)) {
      if (isAbbreviation(wordEndingAt(part, at, from))) continue;
      out.push(part.slice(from, at));
      from = at + 1;
    }
    out.push(part.slice(from));
  }
  return out.filter((c) => c.trim() !== '');
}

/** The letters just before index `at` of `text` (not before `from`), lower-cased: read backwards, so a long text stays linear. */
function wordEndingAt(text: string, at: number, from: number): string {
  let start = at;
  while (start > from && /[A-Za-z]/.test(text[start - 1] as string)) start--;
  return text.slice(start, at).toLowerCase();
}

const isAbbreviation = (word: string): boolean => word.length <= 1 || ABBREVIATIONS.has(word);

/** Died / moved, as written in status, alasan or catatan ('Alm. …' in the name also means died). */
function lifeEventFindings(out: Finding[], row: RecordRow, rules: EligibilityRules, today: string, parsed: ParsedRow | undefined): void {
  const v = row.values;
  // Most rows fill none of the three columns: then no texts are built.
  const texts = v.status || v.alasan || v.catatan ? clauseTexts(v) : NO_TEXTS;
  const who = texts.length > 0 ? lazyRecipient(row, today, parsed, texts) : noRecipient;
  lifeEvent(out, row, 'died', rules.died, texts, who);
  lifeEvent(out, row, 'moved', rules.moved, texts, who);
}

const NO_RECIPIENT: Recipient = { sex: null, child: false, orphan: false };
/** For a row with no texts: never read (no death or move word to ask about). */
const noRecipient = (): Recipient => NO_RECIPIENT;

/** recipientOf, read once and only when asked: when 'Bapak' / 'Ibu' stands before a death or move word (ownTitle). */
function lazyRecipient(row: RecordRow, today: string, parsed: ParsedRow | undefined, texts: LifeEventTexts): () => Recipient {
  let recipient: Recipient | undefined;
  return () => (recipient ??= recipientOf(row, today, parsed, texts));
}

/** What the died / moved rules read of the row's recipient (see Recipient). */
function recipientOf(row: RecordRow, today: string, parsed: ParsedRow | undefined, texts: LifeEventTexts): Recipient {
  const jk = row.values.jenis_kelamin;
  const sex = parsed ? parsed.sex : jk ? parseSex(jk) : null;
  const born = birthOf(row, today, parsed);
  return { sex, child: born !== null && born.age >= 0 && born.age < 17, orphan: texts.some(([, text]) => ORPHAN.test(text)) };
}

const NO_TEXTS: LifeEventTexts = [];
/** An orphan's note (words()): 'yatim', 'piatu', 'yatim piatu'. */
const ORPHAN = / (?:yatim|piatu) /;

/** Each clause (clausesOf) of status, alasan and catatan as words(), with its column. */
function clauseTexts(v: RecordRow['values']): LifeEventTexts {
  const texts: [ColumnRole, string][] = [];
  for (const role of LIFE_EVENT_COLUMNS) for (const clause of clausesOf(v[role] ?? '')) texts.push([role, words(clause)]);
  return texts;
}

function lifeEvent(out: Finding[], row: RecordRow, code: 'died' | 'moved', rule: { enabled: boolean; terms: string[] }, texts: LifeEventTexts, who: () => Recipient): void {
  if (!rule.enabled) return;
  const v = row.values;
  let hit: ColumnRole | null = null;
  if (texts.length > 0) {
    const ignore =
      code === 'died'
        ? (clause: string, at: number, term: string) => anotherPersonsDeath(clause, at, term, who)
        : (clause: string, at: number) => anotherPersonsMove(clause, at, who);
    hit = texts.find(([, text]) => findTerm(text, rule.terms, ignore))?.[0] ?? null;
  }
  if (!hit && code === 'died' && v.nama && mayBeDeceased(v.nama) && DECEASED_NAME.test(v.nama)) hit = 'nama';
  if (hit) out.push(makeFinding(row.key, code, { value: (v[hit] ?? '').trim(), labelId: ROLE_LABELS[hit].id, labelEn: ROLE_LABELS[hit].en }, hit));
}

/**
 * Whether the row can be a head of household's: one of its programmes (its programme
 * column, else its source's, as the engine's households read them) counts households.
 * KIP (schoolchildren) and PBI-JK (insured persons) count persons: a child there is no
 * head of anything. A row with no programme at all keeps the rule as it always was
 * (a list of households), and so does one also on a household list ('KIP, PKH').
 */
function mayHeadHousehold(row: RecordRow, shared: EligibilityShared): boolean {
  let programs: readonly ProgramId[] = programsOf(row.values.program);
  if (programs.length === 0) {
    const fallback = shared.programBySource?.[row.source];
    programs = fallback ? [fallback] : [];
  }
  if (programs.length === 0) return true;
  const matrix = shared.overlap ?? DEFAULT_OVERLAP;
  const overlap = shared.terms ? shared.terms.overlap(matrix) : compileOverlap(matrix);
  return programs.some((p) => isHouseholdProgram(overlap, p));
}

/** The head of household's age (birthOf), only for a row that may be one (mayHeadHousehold). */
function ageFinding(row: RecordRow, rule: EligibilityRules['headUnderAge'], today: string, shared: EligibilityShared): Finding | null {
  if (!rule.enabled) return null;
  // Nearly every row: parseRow's birth date says old enough, and no birthOf object is made.
  if (shared.parsed && shared.parsed.birthIso && shared.parsed.birthAge >= rule.minAge) return null;
  const born = birthOf(row, today, shared.parsed);
  // The programmes last: most rows are old enough and never need them.
  if (!born || born.age < 0 || born.age >= rule.minAge || !mayHeadHousehold(row, shared)) return null;
  return makeFinding(row.key, 'head-under-17', { age: born.age, birthDate: formatDate(born.birth), minAge: rule.minAge }, born.column);
}

/** The row's birth date and age today, from tanggal_lahir or else the NIK (`column`: which one); null when neither gives one. */
function birthOf(row: RecordRow, today: string, parsed: ParsedRow | undefined): { birth: string; age: number; column: ColumnRole } | null {
  const v = row.values;
  // parseRow's values are the same: its NIK birth date took no hint, as birthIso is null here.
  let birth = parsed ? parsed.birthIso : v.tanggal_lahir ? parseBirthDate(v.tanggal_lahir, today) : null;
  // parseRow's age of that date, under the same today.
  let age = parsed && birth ? parsed.birthAge : null;
  let column: ColumnRole = 'tanggal_lahir';
  if (!birth && v.nik) {
    birth = (parsed ? parsed.nik?.birthDate : parseNik(v.nik, { today }).birthDate) ?? null;
    column = 'nik';
  }
  if (!birth) return null;
  return { birth, age: age ?? ageOn(birth, today), column };
}

function ruleFindings(out: Finding[], row: RecordRow, rules: EligibilityRules, today: string, shared: EligibilityShared): void {
  const income = incomeFinding(row, rules.income, shared.parsed);
  if (income) out.push(income);
  occupationFindings(out, row, rules, shared.terms);
  const house = houseFinding(row, rules.goodHouse);
  if (house) out.push(house);
  lifeEventFindings(out, row, rules, today, shared.parsed);
  const age = ageFinding(row, rules.headUnderAge, today, shared);
  if (age) out.push(age);
}

/**
 * What a caller checking many rows shares between them: the row's parseRow (under the same
 * today), a RuleTermCache, and the settings that say which programmes count households.
 */
export interface EligibilityShared {
  parsed?: ParsedRow;
  terms?: RuleTermCache;
  /** Which programmes count persons (EngineConfig.overlap); absent: DEFAULT_OVERLAP. */
  overlap?: OverlapMatrix;
  /** The programme of a source's rows that have no programme column (EngineConfig.programBySource). */
  programBySource?: Readonly<Record<string, string>>;
}

/**
 * Eligibility findings of one row. Rows already out of the list (status
 * dikeluarkan / graduasi) get none. An override (same row and code, with a
 * reason) replaces the finding by an 'info' finding 'rule-overridden'.
 */
export function checkEligibility(
  row: RecordRow,
  rules: EligibilityRules,
  overrides: RuleOverride[] = [],
  today?: string,
  shared: EligibilityShared = {},
): Finding[] {
  const out: Finding[] = [];
  appendEligibility(out, row, rules, overrides, today, shared);
  return out;
}

/**
 * checkEligibility's findings appended to `out`: a caller that also has the row's
 * field findings (the engine) keeps one list per row instead of two and a copy.
 */
export function appendEligibility(
  out: Finding[],
  row: RecordRow,
  rules: EligibilityRules,
  overrides: readonly RuleOverride[] | undefined,
  today?: string,
  shared: EligibilityShared = {},
): void {
  const status = row.values.status ? parseRowStatus(row.values.status) : null;
  if (status && OUT_OF_LIST.has(status)) return;
  const start = out.length;
  ruleFindings(out, row, rules, today ?? todayIso(), shared);
  if (!overrides || overrides.length === 0) return;
  for (let i = start; i < out.length; i++) out[i] = overridden(out[i] as Finding, row, overrides);
}

/** `f`, or its 'rule-overridden' finding when an override with a reason names its row and code. */
function overridden(f: Finding, row: RecordRow, overrides: readonly RuleOverride[]): Finding {
  const o = overrides.find((x) => x.row === row.key && x.code === f.code && x.reason.trim() !== '');
  if (!o) return f;
  const label = Object.hasOwn(RULE_LABELS, f.code) ? (RULE_LABELS[f.code] as { id: string; en: string }) : { id: f.code, en: f.code };
  return makeFinding(row.key, 'rule-overridden', {
    rule: f.code,
    ruleId: label.id,
    ruleEn: label.en,
    reason: o.reason.trim(),
    byId: o.by ? ` (oleh ${o.by})` : '',
    byEn: o.by ? ` (by ${o.by})` : '',
    ...(o.by ? { by: o.by } : {}),
  }, f.column);
}
