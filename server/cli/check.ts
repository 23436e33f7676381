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
import { readFileSync } from 'node:fs';
import { todayIso } from '../../src/domain/dates';
import { engineSettings, parseRuleSettings, type RuleSettings } from '../../src/domain/ruleSettings';
import { createEngine, type EngineSnapshot } from '../../src/domain/engine/index';
import type { Finding } from '../../src/domain/findings';
import { normalizeHeader } from '../../src/domain/headers';
import { formatSimilarity } from '../../src/domain/match/reasons';
import { programFromName } from '../../src/domain/overlap';
import { isColumnRole, type ColumnRole, type RecordRow } from '../../src/domain/schema';
import { cellToText } from '../../src/files/cell-values';
import { findHeader } from '../../src/files/header';
import type { Row } from '../../src/files/table';
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
  --sheet NAMA         lembar XLSX yang diperiksa (bawaan: lembar pertama yang berisi data)
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
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new UsageError(`--today harus berbentuk YYYY-MM-DD, tertulis "${v}".`);
      opts.today = v;
    } else if (a === '--map') {
      for (const part of value(i++, a).split(',')) {
        const eq = part.indexOf('=');
        const role = part.slice(0, eq).trim();
        const columns = part.slice(eq + 1).split('+').map((c) => c.trim()).filter(Boolean);
        if (eq < 0 || !isColumnRole(role) || columns.length === 0) {
          throw new UsageError(`--map tidak dipahami: "${part}". Bentuknya PERAN=KOLOM, mis. nik=soc_sec_id.`);
        }
        opts.map.set(role, columns);
      }
    } else if (a.startsWith('--')) throw new UsageError(`Opsi tidak dikenal: ${a}`);
    else opts.files.push(a);
  }
  if (opts.files.length === 0) throw new UsageError('Sebutkan minimal satu berkas untuk diperiksa.');
  return opts;
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

/**
 * Rows of one file as the engine sees them. `file` is the path as given; positions are 1-based data rows.
 * `note` hears what the reader chose that the user should know (another worksheet also has rows).
 */
export function readRows(file: string, opts: Pick<CheckOptions, 'map' | 'sheet'>, note: (message: string) => void = () => {}): RecordRow[] {
  const bytes = readFileSync(file);
  const table = readTable(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), file, opts.sheet !== undefined ? { sheet: opts.sheet } : {});
  // With --sheet the reader leaves every other sheet empty.
  const sheet = table.sheets.find((s) => s.rows.length > 0);
  if (!sheet) return [];
  const others = table.sheets.filter((s) => s !== sheet && s.rows.length > 0).map((s) => `"${s.name}"`);
  if (others.length > 0) note(`Catatan: ${file} juga berisi data di lembar ${others.join(', ')}; yang diperiksa hanya "${sheet.name}". Pilih lembar lain dengan --sheet NAMA.`);
  const header = findHeader(sheet);
  const headerRow = sheet.rows[header.headerIndex];
  const labels = header.labels.map((l) => normalizeHeader(l));
  // Detected roles, then --map: an explicit mapping wins and takes its columns away from detection.
  const sources = new Map<ColumnRole, number[]>();
  header.roles.forEach((role, c) => {
    if (role) sources.set(role, [c]);
  });
  const mapped = new Set<number>();
  for (const [role, columns] of opts.map) {
    const idx = columns.map((col) => {
      const c = labels.indexOf(normalizeHeader(col));
      if (c < 0) throw new UsageError(`Kolom "${col}" (untuk ${role}) tidak ada di ${file}. Kolom yang ada: ${header.labels.join(', ')}.`);
      return c;
    });
    for (const c of idx) mapped.add(c);
    sources.set(role, idx);
  }
  for (const [role, idx] of sources) {
    if (!opts.map.has(role) && idx.some((c) => mapped.has(c))) sources.delete(role);
  }
  // The roles and their columns as a list, each row's cells read by index: this loop runs for
  // every cell of the file (1.3M in a 100k-row list), so no iterator, part list or key count per row.
  const plan = [...sources];
  const rows: RecordRow[] = [];
  const first = headerRow ? headerRow.n : 0;
  for (let r = header.dataIndex; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] as Row;
    const values: RecordRow['values'] = {};
    let filled = false;
    for (let p = 0; p < plan.length; p++) {
      const [role, idx] = plan[p] as [ColumnRole, number[]];
      const text = roleText(row, role, idx, table.date1904);
      if (text) {
        values[role] = text;
        filled = true;
      }
    }
    if (!filled) continue;
    const position = row.n - first;
    rows.push({ key: `${file}\u0000${position}`, source: file, position, values });
  }
  return rows;
}

/** A role's text in one row: its columns' trimmed texts, the non-empty ones joined by a space. */
function roleText(row: Row, role: ColumnRole, columns: readonly number[], date1904: boolean): string {
  // A CSV that went through Excel keeps "3.37502E+15" as written, so the NIK check names it.
  if (columns.length === 1) return cellToText(row.cells[columns[0] as number], role, date1904).text.trim();
  const parts: string[] = [];
  for (const c of columns) {
    const text = cellToText(row.cells[c], role, date1904).text.trim();
    if (text) parts.push(text);
  }
  return parts.join(' ');
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

export function buildReport(rows: RecordRow[], references: ReadonlySet<string>, snap: EngineSnapshot, fileOrder: string[]): CheckReport {
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
  const findings: CheckReport['findings'] = [];
  const keys = Object.keys(snap.findings)
    .filter((k) => !references.has(byKey.get(k)?.source ?? ''))
    .sort((a, b) => cmp(member(a), member(b)));
  for (const key of keys) {
    const m = member(key);
    for (const f of snap.findings[key] ?? []) {
      findings.push({ file: m.file, row: m.row, column: f.column ?? null, code: f.code, severity: f.severity, message: f.message });
    }
  }
  return { rows: rows.filter((r) => !references.has(r.source)).length, duplicates, findings };
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

export async function run(args: string[]): Promise<number> {
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
  const rows: RecordRow[] = [];
  const programBySource: Record<string, string> = {};
  const all = [...opts.files, ...opts.references];
  for (const file of all) {
    try {
      const read = readRows(file, opts, (message) => console.error(message));
      rows.push(...read);
      const program = programFromName(file);
      if (program) programBySource[file] = program;
    } catch (e) {
      if (e instanceof UsageError) console.error(e.message);
      else if (isFileReadError(e)) console.error(`${file}: ${e.message}`);
      else if ((e as NodeJS.ErrnoException).code === 'ENOENT') console.error(`Berkas tidak ditemukan: ${file}`);
      else if ((e as NodeJS.ErrnoException).code === 'EISDIR') console.error(`${file} adalah folder, bukan berkas.`);
      else throw e;
      return 2;
    }
  }
  const engine = createEngine({ today: opts.today, referenceSources: opts.references, programBySource, ...(opts.rules ? engineSettings(opts.rules) : {}) });
  engine.upsert(rows);
  const references = new Set(opts.references);
  const report = buildReport(rows, references, engine.snapshot(), all);
  if (opts.json) console.log(JSON.stringify(report, null, 2));
  else console.log(formatReport(report, opts.files, opts.references));
  const problems = report.duplicates.length > 0 || report.findings.some((f) => f.severity === 'error');
  return problems ? 1 : 0;
}
