// The preview's numbers: the check engine's findings for the incoming rows,
// duplicates within the file and against the existing sheet(s). By default the
// real check engine (src/domain/engine) runs over existing + incoming rows.
import type { DuplicateGroup, Finding } from '../domain/findings';
import type { RecordRow } from '../domain/schema';
import { createEngine, type EngineConfig } from '../domain/engine/index';
import { IMPORT_SOURCE, planRecords, type ImportPlan } from './import-plan';

export interface CheckResult {
  findings: Finding[];
  duplicates: DuplicateGroup[];
}

/** Checks a set of rows together (incoming + existing): findings per row, duplicate groups across them. */
export type CheckRecords = (rows: RecordRow[]) => CheckResult;

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
