// Re-import of a returned list (sent to the province and sent back): match the
// incoming rows to the sheet's rows by identity — NIK first, then No KK + name —
// and show what was added, removed and changed field by field. Pure: the
// caller supplies the sheet's rows; reimport-apply.ts writes the accepted part.
import { normalizeName } from '../domain/names';
import { isUsableIdentity, parseNik } from '../domain/nik';
import { isUsableNoKk, parseNoKk } from '../domain/nokk';
import type { ColumnRole } from '../domain/schema';
import type { ImportPlan, ImportRow } from './import-plan';

export interface ExistingRow {
  id: string;
  values: Record<string, string>;
}

export interface FieldChange {
  col: string;
  before: string;
  after: string;
}

export type MatchBasis = 'nik' | 'no_kk+nama';

export interface ChangedRow {
  rowId: string;
  incoming: ImportRow;
  matchedBy: MatchBasis;
  changes: FieldChange[];
}

/** A change the diff does not offer: the file's value is a damaged identity number where the sheet has a good one. */
export interface KeptField extends FieldChange {
  rowId: string;
  position: number;
  reason: string;
}

export interface ReimportDiff {
  /** Incoming rows that match no existing row. */
  added: ImportRow[];
  /** Existing rows that no incoming row matches. */
  removed: ExistingRow[];
  /** Matched rows with at least one differing field (only columns the file maps). */
  changed: ChangedRow[];
  /** Matched rows identical in every mapped column. */
  unchanged: number;
  /** Changes refused outright (an Excel-damaged NIK/No KK would overwrite a good one). */
  kept: KeptField[];
}

function usableId(role: ColumnRole | undefined, v: string): boolean {
  if (role === 'nik') return nikKey(v) !== null;
  if (role === 'no_kk') return isUsableNoKk(parseNoKk(v));
  return true;
}

function nikKey(v: string | undefined): string | null {
  if (!v) return null;
  const info = parseNik(v);
  return isUsableIdentity(info) ? info.digits : null;
}

function kkNameKey(kk: string | undefined, nama: string | undefined): string | null {
  if (!kk || !nama) return null;
  const info = parseNoKk(kk);
  const name = normalizeName(nama);
  return isUsableNoKk(info) && info.digits && name ? `${info.digits}|${name}` : null;
}

function columnOf(roles: Record<string, ColumnRole>, role: ColumnRole): string | undefined {
  return Object.keys(roles).find((c) => roles[c] === role);
}

/**
 * `roles` maps sheet column ids to roles (the sheet's columns); `plan.rows`
 * carry values by the same column ids.
 */
export function diffReimport(existing: ExistingRow[], roles: Record<string, ColumnRole>, plan: ImportPlan): ReimportDiff {
  const allRoles = { ...roles, ...plan.roles };
  const nikCol = columnOf(allRoles, 'nik');
  const kkCol = columnOf(allRoles, 'no_kk');
  const namaCol = columnOf(allRoles, 'nama');
  const byNik = new Map<string, ExistingRow[]>();
  const byKkName = new Map<string, ExistingRow[]>();
  const push = (m: Map<string, ExistingRow[]>, k: string | null, r: ExistingRow) => {
    if (k) m.set(k, [...(m.get(k) ?? []), r]);
  };
  for (const r of existing) {
    push(byNik, nikCol ? nikKey(r.values[nikCol]) : null, r);
    push(byKkName, kkCol && namaCol ? kkNameKey(r.values[kkCol], r.values[namaCol]) : null, r);
  }
  const matched = new Set<string>();
  const take = (list: ExistingRow[] | undefined): ExistingRow | undefined => list?.find((r) => !matched.has(r.id));
  const mappedCols = new Set(plan.rows.flatMap((r) => Object.keys(r.values)));
  const added: ImportRow[] = [];
  const changed: ChangedRow[] = [];
  let unchanged = 0;
  const kept: KeptField[] = [];
  for (const row of plan.rows) {
    const nik = nikCol ? nikKey(row.values[nikCol]) : null;
    let basis: MatchBasis = 'nik';
    let hit = nik ? take(byNik.get(nik)) : undefined;
    if (!hit) {
      const kkName = kkCol && namaCol ? kkNameKey(row.values[kkCol], row.values[namaCol]) : null;
      hit = kkName ? take(byKkName.get(kkName)) : undefined;
      // Same KK and name but a different usable NIK on both sides is a different person record, not a match.
      if (hit && nik && nikCol && nikKey(hit.values[nikCol]) && nikKey(hit.values[nikCol]) !== nik) hit = undefined;
      basis = 'no_kk+nama';
    }
    if (!hit) {
      added.push(row);
      continue;
    }
    matched.add(hit.id);
    const changes: FieldChange[] = [];
    for (const col of mappedCols) {
      const before = hit.values[col] ?? '';
      const after = row.values[col] ?? '';
      // Padding added or removed on the way through Excel is not a change.
      if (before === after || before.trim() === after.trim()) continue;
      const role = allRoles[col];
      if ((role === 'nik' || role === 'no_kk') && usableId(role, before) && !usableId(role, after)) {
        kept.push({ rowId: hit.id, position: row.position, col, before, after, reason: `${role === 'nik' ? 'NIK' : 'No KK'} di berkas rusak atau tidak sah (${after}); nilai di lembar dipertahankan.` });
        continue;
      }
      changes.push({ col, before, after });
    }
    if (changes.length) changed.push({ rowId: hit.id, incoming: row, matchedBy: basis, changes });
    else unchanged++;
  }
  const removed = existing.filter((r) => !matched.has(r.id));
  return { added, removed, changed, unchanged, kept };
}
