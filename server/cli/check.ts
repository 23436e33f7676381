// `selaras check FILE... [--reference FILE] [--map role=column,...] [--json]`
// Reads CSV/XLSX lists, runs the same check engine as the app's worker and
// prints a report in Bahasa Indonesia, or the --json contract (keep it stable):
//   { "rows": N,
//     "duplicates": [ { "kind": "person"|"household", "score": 0.97,
//                       "members": [ { "file": "<path as given>", "row": <1-based data row> } ],
//                       "reasons": [ "..." ] } ],
//     "findings": [ { "file", "row", "column": "<role>"|null, "code",
//                     "severity": "error"|"warning"|"info", "message" } ] }
// Exit codes: 0 nothing to report (no duplicate, no error finding); 1 duplicates
// or error findings found; 2 usage error or a file that cannot be read.
import { readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { isValidYmd, todayIso } from '../../src/domain/dates';
import { engineSettings, parseRuleSettings, type RuleSettings } from '../../src/domain/ruleSettings';
import { createEngine, type EngineSnapshot } from '../../src/domain/engine/index';
import type { Finding } from '../../src/domain/findings';
import { normalizeHeader } from '../../src/domain/headers';
import { makeFinding, ROLE_LABELS } from '../../src/domain/messages';
import { idValueKind } from '../../src/domain/nik';
import { formatSimilarity } from '../../src/domain/match/reasons';
import { programFromName } from '../../src/domain/overlap';
import { isColumnRole, type ColumnRole, type RecordRow } from '../../src/domain/schema';
import { cellToText } from '../../src/files/cell-values';
import { findHeader, type HeaderGuess } from '../../src/files/header';
import type { Row, Worksheet } from '../../src/files/table';
import { isFileReadError, readTable } from '../../src/files/index';

const HELP = `Penggunaan: selaras check BERKAS... [opsi]

Memeriksa daftar penerima (CSV/XLSX): duplikat orang dan KK, tumpang tindih
program, NIK/No KK, tanggal lahir, dan kriteria kelayakan.

Opsi:
  --reference BERKAS   daftar acuan (DTKS); baris diklasifikasikan DTKS / Non-DTKS.
                       Boleh diulang.
  --map PERAN=KOLOM,…  tetapkan kolom untuk peran bila judul kolom tidak dikenali.
                       Beberapa kolom digabung dengan +, mis.
                       --map nik=soc_sec_id,nama=given_name+surname,tanggal_lahir=date_of_birth
                       Berkas yang tidak punya kolom itu (mis. DTKS) memakai judul kolomnya sendiri.
  --sheet NAMA         lembar XLSX yang diperiksa (bawaan: lembar yang judul kolomnya
                       memuat NIK dan nama, lalu yang berisi minimal 3 baris data
                       (bukan format kosong atau contoh), lalu yang paling banyak kolom
                       dikenali, lalu yang paling banyak baris; bila sama, yang pertama)
  --rules BERKAS.json  aturan kelayakan daerah: UMK, aturan aktif, umur minimal, pasangan
                       program terlarang (bentuk sama dengan GET /api/workspace/rules → settings)
  --today YYYY-MM-DD   tanggal "hari ini" untuk pemeriksaan umur (bawaan: hari ini, WIB)
  --json               keluaran JSON (kontrak tetap: rows, duplicates, findings)
  -h, --help           bantuan ini

Kode keluar: 0 tidak ada temuan galat maupun duplikat; 1 ada duplikat atau temuan
galat; 2 perintah salah atau berkas tidak dapat dibaca.`;

export interface CheckOptions {
  files: string[];
  references: string[];
  map: Map<ColumnRole, string[]>;
  sheet?: string;
  today: string;
  json: boolean;
  rules?: RuleSettings;
}

class UsageError extends Error {}

export function parseArgs(args: string[]): CheckOptions | 'help' {
  const opts: CheckOptions = { files: [], references: [], map: new Map(), today: todayIso(), json: false };
  const value = (i: number, flag: string): string => {
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`Opsi ${flag} memerlukan nilai.`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-h' || a === '--help') return 'help';
    else if (a === '--json') opts.json = true;
    else if (a === '--reference') opts.references.push(value(i++, a));
    else if (a === '--sheet') opts.sheet = value(i++, a);
    else if (a === '--rules') opts.rules = readRules(value(i++, a));
    else if (a === '--today') {
      const v = value(i++, a);
      const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      if (!ymd) throw new UsageError(`--today harus berbentuk YYYY-MM-DD, tertulis "${v}".`);
      if (!isValidYmd(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]))) throw new UsageError(`--today ${v} bukan tanggal yang ada di kalender.`);
      opts.today = v;
    } else if (a === '--map') {
      for (const part of value(i++, a).split(',')) {
        const eq = part.indexOf('=');
        const role = part.slice(0, eq).trim();
        const columns = part.slice(eq + 1).split('+').map((c) => c.trim()).filter(Boolean);
        if (eq < 0 || !isColumnRole(role) || columns.length === 0) {
          throw new UsageError(`--map tidak dipahami: "${part}". Bentuknya PERAN=KOLOM, mis. nik=soc_sec_id.`);
        }
        const before = opts.map.get(role);
        if (before) throw new UsageError(`--map menetapkan ${role} dua kali (${before.join('+')} dan ${columns.join('+')}); sebutkan sekali saja, beberapa kolom digabung dengan +.`);
        opts.map.set(role, columns);
      }
    } else if (a.startsWith('--')) throw new UsageError(`Opsi tidak dikenal: ${a}`);
    else opts.files.push(a);
  }
  if (opts.files.length === 0) throw new UsageError('Sebutkan minimal satu berkas untuk diperiksa.');
  refuseRepeatedFiles(opts);
  return opts;
}

/** The same file twice would count its rows twice (and pair each with itself); as input and reference it would vanish. */
function refuseRepeatedFiles(opts: CheckOptions): void {
  const seen = new Map<string, { file: string; reference: boolean }>();
  const given = [...opts.files.map((file) => ({ file, reference: false })), ...opts.references.map((file) => ({ file, reference: true }))];
  for (const g of given) {
    const id = samePath(g.file);
    const before = seen.get(id);
    if (!before) {
      seen.set(id, g);
      continue;
    }
    const names = before.file === g.file ? g.file : `${before.file} dan ${g.file}`;
    if (before.reference !== g.reference) {
      throw new UsageError(`${names}: berkas yang sama disebut sebagai berkas yang diperiksa dan sebagai --reference. Sebuah berkas hanya boleh salah satu.`);
    }
    throw new UsageError(`${names}: berkas yang sama disebut dua kali${g.reference ? ' sebagai --reference' : ''}. Sebutkan sekali saja.`);
  }
}

/** A path compared as the file it names: absolute, links followed (as written when it does not exist). */
function samePath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}

function readRules(file: string): RuleSettings {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'berkas tidak ditemukan' : 'bukan JSON yang sah';
    throw new UsageError(`--rules ${file}: ${why}.`);
  }
  const parsed = parseRuleSettings(json);
  if (!parsed.ok) throw new UsageError(`--rules ${file}: ${parsed.error}`);
  return parsed.settings;
}

/** One file read and its worksheet chosen, before its columns are given roles. */
export interface LoadedFile {
  file: string;
  /** The worksheet checked; undefined when the file has no rows at all. */
  sheet: Worksheet | undefined;
  header: HeaderGuess;
  /** The header's labels, normalised (what --map columns are compared with). */
  keys: string[];
  date1904: boolean;
  /** Every worksheet with rows and its header labels, when there are several and none names a NIK or nama column. */
  unrecognisedSheets: { name: string; labels: string[] }[];
}

/** A file's rows for the engine and what the reader itself found in its cells. */
export interface FileRows {
  rows: RecordRow[];
  /** Excel error cells (#N/A, #REF!, …): reported, never handed to the engine as data. */
  fileFindings: Finding[];
  /** Its nik column was assigned by --map and mostly holds other numbers than 16-digit NIKs. */
  identityNotNik: boolean;
}

type Note = (message: string) => void;

/**
 * Rows of one file as the engine sees them. `file` is the path as given; positions are 1-based data rows.
 * `note` hears what the reader chose that the user should know (another worksheet also has rows).
 */
export function readRows(file: string, opts: Pick<CheckOptions, 'map' | 'sheet'>, note: Note = () => {}): RecordRow[] {
  const loaded = loadFile(file, opts, note);
  checkMapColumns([loaded], opts.map);
  return fileRows(loaded, opts.map, note).rows;
}

/**
 * Reads the file and picks its worksheet: with --sheet the reader keeps only that one; otherwise the
 * best list among those whose header names a NIK or nama column (detected, or by --map; see
 * sheetScore), so an instruction, signature or summary sheet in front of the list is passed over.
 * None: the first with rows, which fileRows then refuses.
 */
export function loadFile(file: string, opts: Pick<CheckOptions, 'map' | 'sheet'>, note: Note = () => {}): LoadedFile {
  const bytes = readFileSync(file);
  const table = readTable(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), file, opts.sheet !== undefined ? { sheet: opts.sheet } : {});
  const filled = table.sheets.filter((s) => s.rows.length > 0);
  const seen: { sheet: Worksheet; header: HeaderGuess; keys: string[]; score: SheetScore }[] = [];
  let best: (typeof seen)[number] | undefined;
  for (const sheet of filled) {
    const header = findHeader(sheet);
    const keys = header.labels.map((l) => normalizeHeader(l));
    const one = { sheet, header, keys, score: sheetScore(sheet, header, keys, opts.map) };
    seen.push(one);
    if (one.score.people > 0 && (!best || betterSheet(one.score, best.score))) best = one;
  }
  if (best) {
    const chosen = best.sheet;
    const others = filled.filter((s) => s !== chosen).map((s) => `"${s.name}"`);
    if (others.length > 0) note(`Catatan: ${file} juga berisi data di lembar ${others.join(', ')}; yang diperiksa hanya "${chosen.name}". Pilih lembar lain dengan --sheet NAMA.`);
    return { file, sheet: chosen, header: best.header, keys: best.keys, date1904: table.date1904, unrecognisedSheets: [] };
  }
  const first = seen[0];
  if (!first) return { file, sheet: undefined, header: { headerIndex: -1, dataIndex: 0, labels: [], roles: [] }, keys: [], date1904: table.date1904, unrecognisedSheets: [] };
  const unrecognisedSheets = seen.length > 1 ? seen.map((s) => ({ name: s.sheet.name, labels: s.header.labels })) : [];
  return { file, sheet: first.sheet, header: first.header, keys: first.keys, date1904: table.date1904, unrecognisedSheets };
}

/** How much a worksheet looks like the list to check, compared field by field in this order. */
interface SheetScore {
  /** 2 with both a NIK and a nama column, 1 with one of them (`Nama | Jabatan | NIP`), 0 with neither. */
  people: number;
  /** Distinct roles its columns have (detected or by --map). */
  roles: number;
  /** Rows below the header. */
  rows: number;
}

/** A worksheet's score from the roles its header gets as it would be checked (assignRoles). */
function sheetScore(sheet: Worksheet, header: HeaderGuess, keys: readonly string[], map: CheckOptions['map']): SheetScore {
  const { sources } = assignRoles(header, keys, map);
  const people = (sources.has('nik') ? 1 : 0) + (sources.has('nama') ? 1 : 0);
  return { people, roles: sources.size, rows: Math.max(0, sheet.rows.length - header.dataIndex) };
}

/** Fewer data rows than this is a header-only template or a sample ('Format', 'Contoh'), not the list. */
const MIN_LIST_ROWS = 3;

/**
 * Strictly better only: on a tie the earlier sheet stays. NIK and nama first, then a sheet
 * with a list's rows over a template or a sample with more columns, then columns, then rows.
 */
function betterSheet(a: SheetScore, b: SheetScore): boolean {
  const list = (s: SheetScore) => (s.rows >= MIN_LIST_ROWS ? 1 : 0);
  return (a.people - b.people || list(a) - list(b) || a.roles - b.roles || a.rows - b.rows) > 0;
}

/** A --map column that no file given has is a typo: refuse. One file lacking it only falls back (see rolePlan). */
export function checkMapColumns(loaded: readonly LoadedFile[], map: CheckOptions['map']): void {
  for (const [role, columns] of map) {
    for (const col of columns) {
      const key = normalizeHeader(col);
      if (loaded.some((f) => f.keys.includes(key))) continue;
      const first = loaded[0] as LoadedFile;
      if (loaded.length === 1) throw new UsageError(`Kolom "${col}" (untuk ${role}) tidak ada di ${first.file}. Kolom yang ada: ${first.header.labels.join(', ')}.`);
      throw new UsageError(
        `Kolom "${col}" (untuk ${role}) tidak ada di berkas mana pun (${loaded.map((f) => f.file).join(', ')}). Periksa ejaannya; kolom yang ada di ${first.file}: ${first.header.labels.join(', ')}.`,
      );
    }
  }
}

/**
 * Each role's columns in this file: detected roles, then --map. A mapped role whose columns this file
 * has all of wins and takes those columns away from detection; one it lacks falls back to detection
 * here (a reference list with its own headers), with a note.
 */
function rolePlan(loaded: LoadedFile, map: CheckOptions['map'], note: Note): { plan: [ColumnRole, number[]][]; mappedNik: boolean } {
  const { file, header, keys } = loaded;
  const { sources, mappedRoles, fallback } = assignRoles(header, keys, map);
  for (const [role, missing] of fallback) {
    const own = sources.get(role);
    const then = own ? `${role} diambil dari kolom yang dikenali "${own.map((c) => header.labels[c]).join(' + ')}"` : `tidak ada kolom ${role}`;
    note(`Catatan: ${file} tidak punya kolom ${missing.map((m) => `"${m}"`).join(', ')} (--map ${role}); untuk berkas ini ${then}.`);
  }
  if (!sources.has('nik') && !sources.has('nama')) throw new UsageError(unrecognisedMessage(loaded));
  return { plan: [...sources], mappedNik: mappedRoles.has('nik') };
}

/**
 * Each role's columns under a header (rolePlan): detected roles, then the --map roles whose columns
 * the header has all of, which take those columns away from detection; `fallback`: the --map roles
 * it lacks columns of, with the missing columns (detection stands for them).
 */
function assignRoles(
  header: HeaderGuess,
  keys: readonly string[],
  map: CheckOptions['map'],
): { sources: Map<ColumnRole, number[]>; mappedRoles: Set<ColumnRole>; fallback: [ColumnRole, string[]][] } {
  const sources = new Map<ColumnRole, number[]>();
  header.roles.forEach((role, c) => {
    if (role) sources.set(role, [c]);
  });
  const mapped = new Set<number>();
  const mappedRoles = new Set<ColumnRole>();
  const fallback: [ColumnRole, string[]][] = [];
  for (const [role, columns] of map) {
    const idx = columns.map((col) => keys.indexOf(normalizeHeader(col)));
    if (idx.some((c) => c < 0)) {
      fallback.push([role, columns.filter((_, i) => (idx[i] as number) < 0)]);
      continue;
    }
    for (const c of idx) mapped.add(c);
    mappedRoles.add(role);
    sources.set(role, idx);
  }
  for (const [role, idx] of sources) {
    if (!mappedRoles.has(role) && idx.some((c) => mapped.has(c))) sources.delete(role);
  }
  return { sources, mappedRoles, fallback };
}

function unrecognisedMessage({ file, header, unrecognisedSheets }: LoadedFile): string {
  const example = '--map nik=KOLOM,nama=KOLOM (KOLOM = judul kolom di berkas; beberapa kolom digabung dengan +).';
  if (unrecognisedSheets.length === 0) {
    return `${file}: tidak ada kolom yang dikenali sebagai NIK atau nama. Kolom yang ada: ${header.labels.join(', ')}. Tetapkan kolomnya dengan --map, mis. ${example}`;
  }
  const sheets = unrecognisedSheets.map((s) => `lembar "${s.name}": ${s.labels.join(', ')}`).join('; ');
  return (
    `${file}: tidak ada kolom yang dikenali sebagai NIK atau nama di lembar mana pun (${sheets}). ` +
    `Pilih lembarnya dengan --sheet NAMA dan tetapkan kolomnya dengan --map, mis. ${example}`
  );
}

/** What the cells of one row told the reader besides their text; cleared after each row that had any. */
interface RowIssues {
  errors: { role: ColumnRole; value: string }[];
  lost: ('nik' | 'no_kk')[];
}

/** The file's rows for the engine: throws UsageError when no column is a NIK or nama (see rolePlan). */
export function fileRows(loaded: LoadedFile, map: CheckOptions['map'], note: Note = () => {}): FileRows {
  const { file, sheet, header } = loaded;
  if (!sheet) return { rows: [], fileFindings: [], identityNotNik: false };
  const { plan, mappedNik } = rolePlan(loaded, map, note);
  const headerRow = sheet.rows[header.headerIndex];
  // The roles and their columns as a list, each row's cells read by index: this loop runs for
  // every cell of the file (1.3M in a 100k-row list), so no iterator, part list or key count per row.
  const rows: RecordRow[] = [];
  const fileFindings: Finding[] = [];
  const issues: RowIssues = { errors: [], lost: [] };
  const first = headerRow ? headerRow.n : 0;
  for (let r = header.dataIndex; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] as Row;
    const values: RecordRow['values'] = {};
    let filled = false;
    for (let p = 0; p < plan.length; p++) {
      const [role, idx] = plan[p] as [ColumnRole, number[]];
      const text = roleText(row, role, idx, loaded.date1904, issues);
      if (text) {
        values[role] = text;
        filled = true;
      }
    }
    // A row whose only content is an Excel error is still a row: its finding needs it.
    if (!filled && issues.errors.length === 0) continue;
    const position = row.n - first;
    const record: RecordRow = { key: `${file}\u0000${position}`, source: file, position, values };
    if (issues.lost.length > 0) {
      record.lostDigits = [...issues.lost];
      issues.lost.length = 0;
    }
    for (const e of issues.errors) {
      const label = ROLE_LABELS[e.role];
      fileFindings.push(makeFinding(record.key, 'file-excel-error', { value: e.value, row: row.n, labelId: label.id, labelEn: label.en }, e.role));
    }
    issues.errors.length = 0;
    rows.push(record);
  }
  const identityNotNik = mappedNik && !mostlyNik(rows);
  if (identityNotNik) {
    const columns = (plan.find(([role]) => role === 'nik')?.[1] ?? []).map((c) => header.labels[c]).join(' + ');
    note(`Catatan: kolom "${columns}" (--map nik) di ${file} bukan NIK 16 digit; dipakai hanya untuk mencocokkan, tidak diperiksa sebagai NIK.`);
  }
  return { rows, fileFindings, identityNotNik };
}

/**
 * At least half of the non-empty nik values read as a NIK: 16 digits once the separators officers
 * write are taken out (3375-0144-0470-0017, no-break spaces, quotes), or a NIK Excel wrote as
 * 3.37502E+15. The engine's own reading (idValueKind), so a NIK it would check is never skipped here.
 */
function mostlyNik(rows: readonly RecordRow[]): boolean {
  let filled = 0;
  let shaped = 0;
  for (const r of rows) {
    const kind = idValueKind(r.values.nik ?? '');
    if (kind === 'empty') continue;
    filled++;
    if (kind !== 'other') shaped++;
  }
  return shaped * 2 >= filled;
}

/**
 * A role's text in one row: its columns' trimmed texts, the non-empty ones joined by a space.
 * An Excel error cell gives no text (it is not data) and goes to `issues.errors`; a NIK/No KK Excel
 * stored as a number of 15 digits goes to `issues.lost`.
 */
function roleText(row: Row, role: ColumnRole, columns: readonly number[], date1904: boolean, issues: RowIssues): string {
  // A CSV that went through Excel keeps "3.37502E+15" as written, so the NIK check names it.
  if (columns.length === 1) return cellRoleText(row, columns[0] as number, role, date1904, issues);
  const parts: string[] = [];
  for (const c of columns) {
    const text = cellRoleText(row, c, role, date1904, issues);
    if (text) parts.push(text);
  }
  return parts.join(' ');
}

function cellRoleText(row: Row, c: number, role: ColumnRole, date1904: boolean, issues: RowIssues): string {
  const v = cellToText(row.cells[c], role, date1904);
  if (v.issue === undefined) return v.text.trim();
  if (v.issue === 'excel-error') {
    issues.errors.push({ role, value: v.text.trim() });
    return '';
  }
  if ((role === 'nik' || role === 'no_kk') && !issues.lost.includes(role)) issues.lost.push(role);
  return v.text.trim();
}

interface JsonMember {
  file: string;
  row: number;
}

export interface CheckReport {
  rows: number;
  duplicates: { kind: 'person' | 'household'; score: number; members: JsonMember[]; reasons: string[] }[];
  findings: { file: string; row: number; column: ColumnRole | null; code: string; severity: Finding['severity']; message: string }[];
}

/**
 * The --json report. `fileFindings` are what the reader found in the cells themselves (Excel errors);
 * they come before the engine's findings of the same row.
 */
export function buildReport(
  rows: RecordRow[],
  references: ReadonlySet<string>,
  snap: EngineSnapshot,
  fileOrder: string[],
  fileFindings: readonly Finding[] = [],
): CheckReport {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const order = (m: JsonMember) => [fileOrder.indexOf(m.file), m.row] as const;
  const cmp = (a: JsonMember, b: JsonMember) => {
    const [fa, ra] = order(a);
    const [fb, rb] = order(b);
    return fa - fb || ra - rb;
  };
  const member = (key: string): JsonMember => {
    const r = byKey.get(key) as RecordRow;
    return { file: r.source, row: r.position };
  };
  const duplicates = snap.groups
    .map((g) => ({ kind: g.kind, score: g.score, members: g.members.map(member).sort(cmp), reasons: g.reasons }))
    .sort((a, b) => cmp(a.members[0] as JsonMember, b.members[0] as JsonMember) || (a.kind < b.kind ? -1 : 1));
  const fromFile = new Map<string, Finding[]>();
  for (const f of fileFindings) {
    const list = fromFile.get(f.row);
    if (list) list.push(f);
    else fromFile.set(f.row, [f]);
  }
  const findings: CheckReport['findings'] = [];
  const keys = [...new Set([...fromFile.keys(), ...Object.keys(snap.findings)])]
    .filter((k) => !references.has(byKey.get(k)?.source ?? ''))
    .sort((a, b) => cmp(member(a), member(b)));
  for (const key of keys) {
    const m = member(key);
    for (const f of rowFindings(fromFile.get(key), snap.findings[key])) {
      findings.push({ file: m.file, row: m.row, column: f.column ?? null, code: f.code, severity: f.severity, message: f.message });
    }
  }
  return { rows: rows.filter((r) => !references.has(r.source)).length, duplicates, findings };
}

/** Engine findings that only say a field is empty (fields.ts). */
const MISSING_CODES: ReadonlySet<string> = new Set(['nik-missing', 'nama-missing', 'field-missing']);
const SEVERITY_RANK = { info: 0, warning: 1, error: 2 } as const;

/**
 * One row's findings: the reader's, then the engine's. A cell that held an Excel error reaches the
 * engine empty, and "NIK kosong" would send the officer looking for a blank cell: the engine's
 * missing-field finding for that column is left out, and the Excel-error finding takes its severity
 * when stronger, so a row without a readable NIK or nama still fails the check (exit 1) as before.
 */
function rowFindings(fromFile: readonly Finding[] | undefined, fromEngine: readonly Finding[] | undefined): readonly Finding[] {
  if (!fromFile) return fromEngine ?? [];
  const own = fromFile.slice();
  const engine: Finding[] = [];
  for (const f of fromEngine ?? []) {
    if (!MISSING_CODES.has(f.code) || !own.some((e) => e.column === f.column)) {
      engine.push(f);
      continue;
    }
    own.forEach((e, i) => {
      if (e.column === f.column && SEVERITY_RANK[f.severity] > SEVERITY_RANK[e.severity]) own[i] = { ...e, severity: f.severity };
    });
  }
  return [...own, ...engine];
}

const SEVERITY_LABEL = { error: 'GALAT', warning: 'PERINGATAN', info: 'INFO' } as const;

export function formatReport(report: CheckReport, files: string[], references: string[]): string {
  const out: string[] = [];
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.filter((f) => f.severity === 'warning').length;
  const infos = report.findings.length - errors - warnings;
  out.push(`Selaras — hasil pemeriksaan ${report.rows.toLocaleString('id-ID')} baris dari ${files.length} berkas`);
  if (references.length > 0) out.push(`Daftar acuan (DTKS): ${references.join(', ')}`);
  out.push('');
  const persons = report.duplicates.filter((d) => d.kind === 'person').length;
  out.push(`Duplikat: ${report.duplicates.length} kelompok (${persons} orang, ${report.duplicates.length - persons} KK)`);
  for (const d of report.duplicates) {
    const where = d.members.map((m) => `${m.file} baris ${m.row}`).join(', ');
    out.push(`  • ${d.kind === 'person' ? 'Orang sama' : 'KK sama'} (skor ${formatSimilarity(d.score)}): ${where}`);
    for (const r of d.reasons) out.push(`      ${r}`);
  }
  out.push('');
  out.push(`Temuan: ${errors} galat, ${warnings} peringatan, ${infos} info`);
  let last = '';
  for (const f of report.findings) {
    const here = `${f.file} baris ${f.row}`;
    if (here !== last) out.push(`  ${here}`);
    last = here;
    out.push(`    [${SEVERITY_LABEL[f.severity]}] ${f.column ? `${f.column}: ` : ''}${f.message}`);
  }
  return out.join('\n');
}

/** `selaras check … | head`: the reader went away; the report is not wanted any more, so no stack trace. */
function quietOnClosedPipe(e: NodeJS.ErrnoException): void {
  if (e.code !== 'EPIPE') throw e;
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
}

/** Prints why a file cannot be checked; false for an error that is not the user's (rethrown by the caller). */
function explainReadError(file: string, e: unknown): boolean {
  if (e instanceof UsageError) console.error(e.message);
  else if (isFileReadError(e)) console.error(`${file}: ${e.message}`);
  else if ((e as NodeJS.ErrnoException).code === 'ENOENT') console.error(`Berkas tidak ditemukan: ${file}`);
  else if ((e as NodeJS.ErrnoException).code === 'EISDIR') console.error(`${file} adalah folder, bukan berkas.`);
  else return false;
  return true;
}

export async function run(args: string[]): Promise<number> {
  process.stdout.on('error', quietOnClosedPipe);
  let opts: CheckOptions | 'help';
  try {
    opts = parseArgs(args);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${HELP}`);
      return 2;
    }
    throw e;
  }
  if (opts === 'help') {
    console.log(HELP);
    return 0;
  }
  const note = (message: string) => console.error(message);
  const all = [...opts.files, ...opts.references];
  // Every file first: whether a --map column is a typo depends on all of them (see checkMapColumns).
  const loaded: LoadedFile[] = [];
  for (const file of all) {
    try {
      loaded.push(loadFile(file, opts, note));
    } catch (e) {
      if (explainReadError(file, e)) return 2;
      throw e;
    }
  }
  try {
    checkMapColumns(loaded, opts.map);
  } catch (e) {
    if (explainReadError('', e)) return 2;
    throw e;
  }
  const rows: RecordRow[] = [];
  const fileFindings: Finding[] = [];
  const programBySource: Record<string, string> = {};
  const identityNotNik: string[] = [];
  for (const one of loaded) {
    try {
      const read = fileRows(one, opts.map, note);
      rows.push(...read.rows);
      fileFindings.push(...read.fileFindings);
      if (read.identityNotNik) identityNotNik.push(one.file);
      const program = programFromName(one.file);
      if (program) programBySource[one.file] = program;
    } catch (e) {
      if (explainReadError(one.file, e)) return 2;
      throw e;
    }
  }
  const engine = createEngine({
    today: opts.today,
    referenceSources: opts.references,
    programBySource,
    ...(identityNotNik.length > 0 ? { identityNotNik } : {}),
    ...(opts.rules ? engineSettings(opts.rules) : {}),
  });
  engine.upsert(rows);
  const references = new Set(opts.references);
  const report = buildReport(rows, references, engine.snapshot(), all, fileFindings);
  if (opts.json) console.log(JSON.stringify(report, null, 2));
  else console.log(formatReport(report, opts.files, opts.references));
  const problems = report.duplicates.length > 0 || report.findings.some((f) => f.severity === 'error');
  return problems ? 1 : 0;
}
