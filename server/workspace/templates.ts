// The columns a new sheet starts with: the client's own (checked here), a named
// template, or the default template of src/sheet/templates.ts.
import type { ColumnDef } from '../../src/sheet/doc';
import { SHEET_TEMPLATES, templateColumns, type SheetTemplateId } from '../../src/sheet/templates';
import { isColumnRole } from '../../src/domain/schema';

/** The template a new sheet starts from when the client sends no columns. */
export function defaultColumns(kind: 'wilayah' | 'opd', template?: unknown): ColumnDef[] | string {
  if (template !== undefined) {
    if (typeof template !== 'string' || !Object.hasOwn(SHEET_TEMPLATES, template)) {
      return `Templat tidak dikenal: ${String(template)}. Pilih: ${Object.keys(SHEET_TEMPLATES).join(', ')}.`;
    }
    return templateColumns(template as SheetTemplateId);
  }
  return templateColumns(kind === 'opd' ? 'usulan_opd' : 'standar');
}

const FORMATS = new Set(['text', 'nik', 'date', 'rupiah', 'number']);

/** Columns sent by a client, checked; a message (Bahasa Indonesia) when unusable. */
export function parseColumns(input: unknown): ColumnDef[] | string {
  if (!Array.isArray(input) || input.length === 0 || input.length > 200) return 'Kolom harus berupa daftar berisi 1–200 kolom.';
  const seen = new Set<string>();
  const out: ColumnDef[] = [];
  for (const raw of input) {
    if (!raw || typeof raw !== 'object') return 'Setiap kolom harus berupa objek {id, label}.';
    const c = raw as Record<string, unknown>;
    if (typeof c.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(c.id)) return 'Id kolom hanya boleh huruf, angka, _ dan - (maksimal 64).';
    if (seen.has(c.id)) return `Id kolom ganda: ${c.id}.`;
    seen.add(c.id);
    if (typeof c.label !== 'string' || !c.label.trim()) return `Kolom ${c.id} belum diberi judul.`;
    const def: ColumnDef = { id: c.id, label: c.label.trim().slice(0, 100) };
    if (c.role !== undefined) {
      if (typeof c.role !== 'string' || !isColumnRole(c.role)) return `Peran kolom tidak dikenal: ${String(c.role)}.`;
      def.role = c.role;
    }
    if (c.format !== undefined) {
      if (typeof c.format !== 'string' || !FORMATS.has(c.format)) return `Format kolom tidak dikenal: ${String(c.format)}.`;
      def.format = c.format as ColumnDef['format'];
    }
    if (typeof c.width === 'number' && c.width >= 20 && c.width <= 2000) def.width = Math.round(c.width);
    out.push(def);
  }
  return out;
}
