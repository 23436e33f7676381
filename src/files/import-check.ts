// The preview's numbers: the check engine's findings for the incoming rows,
// duplicates within the file and against the existing sheet(s). By default the
// real check engine (src/domain/engine) runs over existing + incoming rows;
// `basicCheck` (identity numbers only) remains for callers that want no engine.
import type { DuplicateGroup, Finding } from '../domain/findings';
import { isUsableIdentity, parseNik } from '../domain/nik';
import { isUsableNoKk, parseNoKk } from '../domain/nokk';
import type { RecordRow } from '../domain/schema';
import { createEngine, type EngineConfig } from '../domain/engine/index';
import { IMPORT_SOURCE, planRecords, type ImportPlan } from './import-plan';

export interface CheckResult {
  findings: Finding[];
  duplicates: DuplicateGroup[];
}

/** Checks a set of rows together (incoming + existing): findings per row, duplicate groups across them. */
export type CheckRecords = (rows: RecordRow[]) => CheckResult;

const NIK_PROBLEM_TEXT: Record<string, string> = {
  empty: 'NIK kosong',
  'excel-scientific': 'NIK rusak oleh Excel (notasi ilmiah, digit hilang)',
  'excel-precision': 'NIK berakhiran 0: mungkin digit terakhir hilang oleh Excel',
  'non-digit': 'NIK memuat selain angka',
  length: 'NIK tidak 16 digit',
  placeholder: 'NIK isian sementara (0000…/1234…)',
  'birth-date-impossible': 'tanggal lahir di NIK tidak mungkin',
  'serial-zero': 'nomor urut NIK 0000',
};

/** Identity-number checks and exact-identity duplicates; what the preview uses when no engine is given. */
export const basicCheck: CheckRecords = (rows) => {
  const findings: Finding[] = [];
  const byNik = new Map<string, string[]>();
  for (const r of rows) {
    const nikRaw = r.values.nik;
    if (nikRaw !== undefined) {
      const info = parseNik(nikRaw);
      for (const p of info.problems) {
        const text = NIK_PROBLEM_TEXT[p];
        if (!text) continue;
        findings.push({ row: r.key, column: 'nik', code: `nik-${p}`, severity: p === 'excel-precision' ? 'warning' : 'error', message: `${text}.` });
      }
      if (isUsableIdentity(info) && info.digits) byNik.set(info.digits, [...(byNik.get(info.digits) ?? []), r.key]);
    } else {
      findings.push({ row: r.key, column: 'nik', code: 'nik-empty', severity: 'error', message: 'NIK kosong.' });
    }
    const kkRaw = r.values.no_kk;
    if (kkRaw !== undefined && !isUsableNoKk(parseNoKk(kkRaw))) {
      findings.push({ row: r.key, column: 'no_kk', code: 'no-kk-invalid', severity: 'warning', message: 'No KK tidak sah (harus 16 digit).' });
    }
  }
  const duplicates: DuplicateGroup[] = [];
  for (const [nik, members] of byNik) {
    if (members.length > 1) duplicates.push({ id: `nik:${nik}`, kind: 'person', score: 1, members, reasons: ['NIK sama'] });
  }
  return { findings, duplicates };
};

/** The check engine over a fresh state: the same findings and duplicate groups the sheet will show after the import. */
export function engineCheck(config: Partial<EngineConfig> = {}): CheckRecords {
  return (rows) => {
    const engine = createEngine(config);
    engine.upsert(rows);
    const snap = engine.snapshot();
    return { findings: Object.values(snap.findings).flat(), duplicates: snap.groups };
  };
}

export interface PreviewRow {
  key: string;
  position: number;
  values: Record<string, string>;
  findings: Finding[];
}

export interface ImportSummary {
  rows: number;
  errors: number;
  warnings: number;
  rowsWithErrors: number;
  rowsWithWarnings: number;
  /** Incoming rows that duplicate another incoming row. */
  duplicatesInFile: number;
  /** Incoming rows that duplicate a row already in the sheet (or the other sheets given). */
  duplicatesWithExisting: number;
}

export interface ImportPreview {
  summary: ImportSummary;
  /** The first rows as they will be imported, with their problems. */
  sample: PreviewRow[];
  /** Rows with at least one error, first ones only (for the "show problems" list). */
  problems: PreviewRow[];
  /** Duplicate groups that involve at least one incoming row. */
  duplicates: DuplicateGroup[];
}

export function isIncoming(key: string): boolean {
  return key.startsWith(`${IMPORT_SOURCE}#`);
}

export function previewImport(
  plan: ImportPlan,
  existing: RecordRow[],
  check: CheckRecords = engineCheck(),
  opts: { sampleSize?: number; problemLimit?: number } = {},
): ImportPreview {
  const incoming = planRecords(plan);
  const result = check([...existing, ...incoming]);
  const byRow = new Map<string, Finding[]>();
  // The file knows for sure what the engine can only suspect (a number cell lost digits): say it once.
  const known = new Set(plan.fileFindings.map((f) => `${f.row}|${f.column ?? ''}`));
  const engineFindings = result.findings.filter((f) => !(/excel/.test(f.code) && known.has(`${f.row}|${f.column ?? ''}`)));
  for (const f of [...plan.fileFindings, ...engineFindings]) {
    if (!isIncoming(f.row)) continue;
    const list = byRow.get(f.row);
    if (list) list.push(f);
    else byRow.set(f.row, [f]);
  }
  const inFile = new Set<string>();
  const withExisting = new Set<string>();
  const duplicates: DuplicateGroup[] = [];
  for (const g of result.duplicates) {
    const mine = g.members.filter(isIncoming);
    if (mine.length === 0) continue;
    duplicates.push(g);
    if (mine.length > 1) for (const k of mine) inFile.add(k);
    if (mine.length < g.members.length) for (const k of mine) withExisting.add(k);
  }
  let errors = 0;
  let warnings = 0;
  let rowsWithErrors = 0;
  let rowsWithWarnings = 0;
  for (const list of byRow.values()) {
    const e = list.filter((f) => f.severity === 'error').length;
    const w = list.filter((f) => f.severity === 'warning').length;
    errors += e;
    warnings += w;
    if (e) rowsWithErrors++;
    if (w) rowsWithWarnings++;
  }
  const toPreview = (r: ImportPlan['rows'][number]): PreviewRow => ({ ...r, findings: byRow.get(r.key) ?? [] });
  const sample = plan.rows.slice(0, opts.sampleSize ?? 50).map(toPreview);
  const problems: PreviewRow[] = [];
  for (const r of plan.rows) {
    if (problems.length >= (opts.problemLimit ?? 200)) break;
    if (byRow.get(r.key)?.some((f) => f.severity === 'error')) problems.push(toPreview(r));
  }
  return {
    summary: {
      rows: plan.rows.length,
      errors,
      warnings,
      rowsWithErrors,
      rowsWithWarnings,
      duplicatesInFile: inFile.size,
      duplicatesWithExisting: withExisting.size,
    },
    sample,
    problems,
    duplicates: duplicates.slice(0, 500),
  };
}
