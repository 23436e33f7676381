// What the sheet-model tests share: a fresh standard sheet and the relay's exchange.
import * as Y from 'yjs';
import { initSheet, templateColumns, type SheetMeta } from '../../src/sheet';

export const MEDONO: SheetMeta = { name: 'BPNT 2025 — Medono', program: 'BPNT', period: '2025', kelurahan: '33.75.01.1002', kecamatan: '33.75.01' };

/** A sheet of the standard template (one programme's list for one kelurahan). */
export function newSheet(meta: SheetMeta = MEDONO): Y.Doc {
  const doc = new Y.Doc();
  initSheet(doc, meta, templateColumns('standar'));
  return doc;
}

/** Full two-way exchange between replicas, as the relay would do. */
export function sync(...docs: Y.Doc[]): void {
  for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}
