// The layout of one sheet's Y.Doc (one Y.Doc per sheet, one room on the relay).
//
//   meta      Y.Map     name, program, period, kelurahan, kecamatan, …
//   columns   Y.Array   Y.Map per column: id, label, role?, width?, format?
//   order     Y.Array   row ids in sheet order (deleted rows leave it)
//   rows      Y.Map     row id → Y.Map of cell entries (see cells.ts)
//   writers   Y.Map     writer id (this client's Yjs clientID, base 36) → { user, name }
//   decisions Y.Array   audit of resolved same-cell conflicts
//   judgements Y.Map    "bukan duplikat" pairs and eligibility overrides (judgements.ts)
//
// Everything a person types is a string; formats (NIK, date, Rupiah) are applied
// on display and by the check engine, never by changing what was typed.
import * as Y from 'yjs';
import type { ColumnRole } from '../domain/schema';

export type ColumnFormat = 'text' | 'nik' | 'date' | 'rupiah' | 'number';

export interface ColumnDef {
  /** Stable id; never contains '@'. Template columns use their role as id. */
  id: string;
  label: string;
  role?: ColumnRole;
  width?: number;
  format?: ColumnFormat;
}

export interface SheetMeta {
  name: string;
  program: string;
  period: string;
  /** Kemendagri code of the kelurahan/desa, e.g. '33.75.01.1001'; '' for lists not tied to one. */
  kelurahan: string;
  kecamatan: string;
  archived?: boolean;
}

export type CellTuple = [value: string, time: number];
export type RowMap = Y.Map<unknown>;

export interface WriterInfo {
  user: string;
  name: string;
}

export interface ConflictDecision {
  row: string;
  col: string;
  chosen: string;
  candidates: Array<{ value: string; writer: string; user?: string; time: number }>;
  by: string;
  reason: string;
  time: number;
}

export const sheetParts = (doc: Y.Doc) => ({
  meta: doc.getMap<unknown>('meta'),
  columns: doc.getArray<Y.Map<unknown>>('columns'),
  order: doc.getArray<string>('order'),
  rows: doc.getMap<RowMap>('rows'),
  writers: doc.getMap<WriterInfo>('writers'),
  decisions: doc.getArray<ConflictDecision>('decisions'),
});

/** This client's writer id: its Yjs clientID, which is unique per open doc instance. */
export function writerId(doc: Y.Doc): string {
  return doc.clientID.toString(36);
}

/** Record who this client is, so conflicts can say who typed what. */
export function setWriter(doc: Y.Doc, info: WriterInfo, origin: unknown = null): void {
  const { writers } = sheetParts(doc);
  const me = writerId(doc);
  const known = writers.get(me);
  if (known && known.user === info.user && known.name === info.name) return;
  doc.transact(() => writers.set(me, { user: info.user, name: info.name }), origin);
}

export function writerInfo(doc: Y.Doc, writer: string): WriterInfo | undefined {
  return sheetParts(doc).writers.get(writer);
}

/** Write a new sheet's meta and columns. Only the sheet's creator (the server) calls this, once. */
export function initSheet(doc: Y.Doc, meta: SheetMeta, columns: ColumnDef[], origin: unknown = null): void {
  const parts = sheetParts(doc);
  if (parts.columns.length > 0) throw new Error('Lembar ini sudah memiliki kolom.');
  doc.transact(() => {
    for (const [k, v] of Object.entries(meta)) parts.meta.set(k, v);
    parts.columns.push(columns.map(columnToMap));
  }, origin);
}

export function getMeta(doc: Y.Doc): SheetMeta {
  const m = sheetParts(doc).meta;
  const str = (k: string) => {
    const v = m.get(k);
    return typeof v === 'string' ? v : '';
  };
  return {
    name: str('name'),
    program: str('program'),
    period: str('period'),
    kelurahan: str('kelurahan'),
    kecamatan: str('kecamatan'),
    archived: m.get('archived') === true,
  };
}

export function setMeta(doc: Y.Doc, patch: Partial<SheetMeta>, origin: unknown = null): void {
  const m = sheetParts(doc).meta;
  doc.transact(() => {
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) m.set(k, v);
  }, origin);
}

function columnToMap(def: ColumnDef): Y.Map<unknown> {
  if (def.id.includes('@')) throw new Error(`Id kolom tidak boleh memuat '@': ${def.id}`);
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(def)) if (v !== undefined) map.set(k, v);
  return map;
}

function mapToColumn(map: Y.Map<unknown>): ColumnDef {
  const def: ColumnDef = { id: String(map.get('id')), label: String(map.get('label') ?? '') };
  const role = map.get('role');
  if (typeof role === 'string') def.role = role as ColumnRole;
  const width = map.get('width');
  if (typeof width === 'number') def.width = width;
  const format = map.get('format');
  if (typeof format === 'string') def.format = format as ColumnFormat;
  return def;
}

export function getColumns(doc: Y.Doc): ColumnDef[] {
  return sheetParts(doc).columns.toArray().map(mapToColumn);
}

export function addColumn(doc: Y.Doc, def: ColumnDef, at?: number, origin: unknown = null): void {
  const { columns } = sheetParts(doc);
  if (getColumns(doc).some((c) => c.id === def.id)) throw new Error(`Kolom ${def.id} sudah ada.`);
  doc.transact(() => columns.insert(at ?? columns.length, [columnToMap(def)]), origin);
}

export function updateColumn(doc: Y.Doc, id: string, patch: Partial<Omit<ColumnDef, 'id'>>, origin: unknown = null): void {
  const map = sheetParts(doc).columns.toArray().find((m) => m.get('id') === id);
  if (!map) throw new Error(`Kolom ${id} tidak ada.`);
  doc.transact(() => {
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) map.delete(k);
      else map.set(k, v);
    }
  }, origin);
}
