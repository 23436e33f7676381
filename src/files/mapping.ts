// The mapping step: which file column goes into which sheet column. Proposed
// from the header roles, corrected by the user, validated before anything is
// written.
import type { ColumnRole } from '../domain/schema';
import type { ColumnDef, ColumnFormat } from '../sheet/doc';
import { templateColumns } from '../sheet/templates';

export type MappingAction = 'existing' | 'new' | 'skip';

export interface ColumnMapping {
  /** 0-based column index in the file. */
  source: number;
  /** Header text in the file. */
  label: string;
  /** What the column holds (drives value conversion and the checks). */
  role: ColumnRole | null;
  /** Into an existing sheet column, a new column, or not imported. */
  action: MappingAction;
  /** Target column id (existing or to be created). */
  columnId: string;
}

const FORMAT_BY_ROLE: Partial<Record<ColumnRole, ColumnFormat>> = {
  nik: 'nik',
  no_kk: 'nik',
  tanggal_lahir: 'date',
  penghasilan: 'rupiah',
};

/** A sequence-number column ("No", "No.", "Nomor Urut") the sheet replaces with its own order. */
export function isSequenceLabel(label: string): boolean {
  return /^(no\.?|nomor( urut)?|no\.? urut|#)$/i.test(label.trim());
}

function slug(label: string): string {
  const s = label
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
    .slice(0, 40);
  return s || 'kolom';
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}_${i}`;
  taken.add(id);
  return id;
}

/**
 * First proposal. Into an existing sheet: the column with the same role, else
 * the same label; otherwise a new column. Into a new sheet: every column is
 * new, role columns take the standard template's id and label.
 */
export function proposeMapping(labels: string[], roles: (ColumnRole | null)[], existing: ColumnDef[]): ColumnMapping[] {
  const taken = new Set(existing.map((c) => c.id));
  const used = new Set<string>();
  return labels.map((label, source) => {
    const role = roles[source] ?? null;
    const byRole = role ? existing.find((c) => c.role === role && !used.has(c.id)) : undefined;
    const byLabel = existing.find((c) => c.label.trim().toLowerCase() === label.trim().toLowerCase() && !used.has(c.id));
    const hit = byRole ?? byLabel;
    if (hit) {
      used.add(hit.id);
      return { source, label, role: role ?? hit.role ?? null, action: 'existing', columnId: hit.id };
    }
    if (!role && isSequenceLabel(label)) return { source, label, role, action: 'skip', columnId: '' };
    return { source, label, role, action: 'new', columnId: uniqueId(role ?? slug(label), taken) };
  });
}

/** The columns an import will create, in file order. */
export function newColumnsOf(mapping: ColumnMapping[]): ColumnDef[] {
  const template = new Map(templateColumns('standar').map((c) => [c.role, c]));
  return mapping
    .filter((m) => m.action === 'new')
    .map((m) => {
      const base = m.role ? template.get(m.role) : undefined;
      const def: ColumnDef = { id: m.columnId, label: m.label || base?.label || m.columnId };
      if (m.role) def.role = m.role;
      const format = m.role ? FORMAT_BY_ROLE[m.role] : undefined;
      if (format) def.format = format;
      def.width = base?.width ?? Math.min(260, Math.max(90, m.label.length * 9));
      return def;
    });
}

/** Problems that make a mapping unusable, in Bahasa Indonesia; empty when it can be applied. */
export function validateMapping(mapping: ColumnMapping[], existing: ColumnDef[]): string[] {
  const errors: string[] = [];
  const existingIds = new Set(existing.map((c) => c.id));
  const targets = new Map<string, string>();
  const roles = new Map<ColumnRole, string>();
  for (const m of mapping) {
    if (m.action === 'skip') continue;
    const name = `"${m.label}"`;
    if (!m.columnId || m.columnId.includes('@') || m.columnId.length > 64) {
      errors.push(`Kolom ${name}: nama kolom tujuan tidak sah.`);
      continue;
    }
    if (m.action === 'existing' && !existingIds.has(m.columnId)) errors.push(`Kolom ${name}: kolom tujuan "${m.columnId}" tidak ada di lembar.`);
    if (m.action === 'new' && existingIds.has(m.columnId)) errors.push(`Kolom ${name}: kolom "${m.columnId}" sudah ada di lembar; pilih "kolom yang ada".`);
    const other = targets.get(m.columnId);
    if (other) errors.push(`Kolom ${other} dan ${name} diarahkan ke kolom lembar yang sama.`);
    targets.set(m.columnId, name);
    if (m.role) {
      const dup = roles.get(m.role);
      if (dup) errors.push(`Peran "${m.role}" dipakai dua kali (kolom ${dup} dan ${name}).`);
      roles.set(m.role, name);
    }
  }
  if (!mapping.some((m) => m.action !== 'skip')) errors.push('Tidak ada kolom yang akan diimpor.');
  return errors;
}
