// From a parsed worksheet and a mapping to the rows an import will write:
// plain data, no Yjs, so the worker builds it and the main thread only applies.
import type { Finding } from '../domain/findings';
import { makeFinding, ROLE_LABELS } from '../domain/messages';
import type { ColumnRole, RecordRow } from '../domain/schema';
import type { ColumnDef } from '../sheet/doc';
import { cellToText, isIdentityRole, textLostPrecision, unneutralise } from './cell-values';
import { fileError } from './errors';
import type { HeaderGuess } from './header';
import { newColumnsOf, validateMapping, type ColumnMapping } from './mapping';
import type { Worksheet } from './table';

export interface ImportRow {
  /** Key for checks and messages: `${IMPORT_SOURCE}#${position}`. */
  key: string;
  /** Row number in the file (what the officer sees in Excel). */
  position: number;
  /** Sheet column id → value. */
  values: Record<string, string>;
}

export interface ImportPlan {
  /** Columns to create before the rows go in. */
  newColumns: ColumnDef[];
  rows: ImportRow[];
  /** Problems the file itself shows (lost NIK digits, Excel error values), keyed by ImportRow.key. */
  fileFindings: Finding[];
  /** Sheet column id → role, for every column the rows write. */
  roles: Record<string, ColumnRole>;
}

export const IMPORT_SOURCE = 'impor';

export function importKey(position: number): string {
  return `${IMPORT_SOURCE}#${position}`;
}

/** How a message names the column: its role (both languages), else the file's header. */
function labels(m: ColumnMapping): { labelId: string; labelEn: string } {
  if (m.role) return { labelId: ROLE_LABELS[m.role].id, labelEn: ROLE_LABELS[m.role].en };
  return { labelId: `"${m.label}"`, labelEn: `"${m.label}"` };
}

export function buildImportPlan(
  sheet: Worksheet,
  header: HeaderGuess,
  mapping: ColumnMapping[],
  existing: ColumnDef[],
  opts: { date1904: boolean; fromCsv: boolean },
): ImportPlan {
  const errors = validateMapping(mapping, existing);
  if (errors.length) throw fileError('import-failed', `Pemetaan kolom belum benar: ${errors.join(' ')}`);
  const existingRole = new Map(existing.map((c) => [c.id, c.role ?? null]));
  const active = mapping
    .filter((m) => m.action !== 'skip')
    .map((m) => ({ ...m, role: m.action === 'existing' ? existingRole.get(m.columnId) ?? m.role : m.role }));
  const roles: Record<string, ColumnRole> = {};
  for (const m of active) if (m.role) roles[m.columnId] = m.role;

  const rows: ImportRow[] = [];
  const fileFindings: Finding[] = [];
  for (let i = Math.max(0, header.dataIndex); i < sheet.rows.length; i++) {
    const row = sheet.rows[i]!;
    const key = importKey(row.n);
    const values: Record<string, string> = {};
    let any = false;
    for (const m of active) {
      const v = cellToText(row.cells[m.source], m.role, opts.date1904);
      // Kept exactly as written (spaces included) so an export → import round trip is exact.
      const text = opts.fromCsv ? unneutralise(v.text) : v.text;
      if (text.trim() === '') continue;
      values[m.columnId] = text;
      any = true;
      if (v.issue === 'excel-precision' || (isIdentityRole(m.role) && textLostPrecision(text))) {
        fileFindings.push(makeFinding(key, 'file-excel-precision', { value: text, row: row.n, ...labels(m) }, m.role ?? undefined));
      } else if (v.issue === 'excel-error') {
        fileFindings.push(makeFinding(key, 'file-excel-error', { value: text, row: row.n, ...labels(m) }, m.role ?? undefined));
      }
    }
    if (any) rows.push({ key, position: row.n, values });
  }
  if (rows.length === 0) throw fileError('no-rows', 'Tidak ada baris data di bawah judul kolom; tidak ada yang diimpor.');
  return { newColumns: newColumnsOf(mapping), rows, fileFindings, roles };
}

/** The plan's rows as the check engine sees them. */
export function planRecords(plan: ImportPlan): RecordRow[] {
  return plan.rows.map((r) => {
    const values: RecordRow['values'] = {};
    for (const [col, v] of Object.entries(r.values)) {
      const role = plan.roles[col];
      if (role) values[role] = v;
    }
    return { key: r.key, source: IMPORT_SOURCE, position: r.position, values };
  });
}
