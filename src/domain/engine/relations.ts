// Findings that depend on other rows: program overlaps (the same person or
// household in two programs that may not be received together) and the DTKS /
// Non-DTKS classification against reference lists.
import { parseDtksStatus } from '../fields';
import type { Finding } from '../findings';
import type { Features } from '../match/features';
import { pairReason } from '../match/reasons';
import type { PairScore } from '../match/compare';
import { mayOverlap, type CompiledOverlap } from '../overlap';
import type { RecordRow } from '../schema';

export interface RelationContext {
  row: RecordRow;
  feats: Features;
  /** Rows that are the same person (group members and linked reference rows) or household (same No KK). */
  peers: { row: RecordRow; feats: Features; via: 'person' | 'household' }[];
  /** Links to reference rows, strongest first. */
  referenceLinks: { row: RecordRow; score: PairScore }[];
  overlap: CompiledOverlap;
  /** Whether any reference list is loaded (only then is a row classified). */
  classify: boolean;
}

function where(row: RecordRow): string {
  return `${row.source} baris ${row.position}`;
}

export function relationFindings(ctx: RelationContext): Finding[] {
  const out: Finding[] = [];
  const { row, feats } = ctx;
  const mine = feats.programs;
  // Two programs in the same row that may not go together.
  for (let i = 0; i < mine.length; i++) {
    for (let j = i + 1; j < mine.length; j++) {
      const a = mine[i] as string;
      const b = mine[j] as string;
      if (!mayOverlap(ctx.overlap, a, b)) {
        out.push({
          row: row.key,
          column: 'program',
          code: 'program-overlap',
          severity: 'warning',
          message: `Program ${a} tidak boleh diterima bersamaan dengan ${b}.`,
          params: { program: a, other: b, where: '' },
        });
      }
    }
  }
  const byPair = new Map<string, { a: string; b: string; places: string[] }>();
  for (const peer of ctx.peers) {
    for (const a of mine) {
      for (const b of peer.feats.programs) {
        if (mayOverlap(ctx.overlap, a, b)) continue;
        const k = `${a}\u0000${b}`;
        let entry = byPair.get(k);
        if (!entry) byPair.set(k, (entry = { a, b, places: [] }));
        const place = `${where(peer.row)}${peer.via === 'household' ? ', No KK sama' : ''}`;
        if (!entry.places.includes(place)) entry.places.push(place);
      }
    }
  }
  for (const { a, b, places } of [...byPair.values()].sort((x, y) => (x.a + x.b < y.a + y.b ? -1 : 1))) {
    places.sort();
    out.push({
      row: row.key,
      column: 'program',
      code: 'program-overlap',
      severity: 'warning',
      message: `Juga terdaftar di program ${b} (${places.join('; ')}); ${a} tidak boleh diterima bersamaan dengan ${b}.`,
      params: { program: a, other: b, where: places.join('; ') },
    });
  }
  if (ctx.classify) {
    const stated = parseDtksStatus(row.values.status_dtks ?? '');
    const best = ctx.referenceLinks[0];
    if (best) {
      out.push({
        row: row.key,
        code: 'dtks',
        severity: 'info',
        message: `Terdaftar di DTKS (${where(best.row)}: ${pairReason(best.score)}).`,
        params: { where: where(best.row) },
      });
      if (stated === 'non-dtks') {
        out.push({
          row: row.key,
          column: 'status_dtks',
          code: 'dtks-status-mismatch',
          severity: 'warning',
          message: `Status DTKS tertulis Non-DTKS, tetapi ditemukan di DTKS (${where(best.row)}).`,
          params: { stated: 'non-dtks', found: 'dtks' },
        });
      }
    } else {
      out.push({ row: row.key, code: 'non-dtks', severity: 'info', message: 'Tidak ditemukan di DTKS (Non-DTKS).' });
      if (stated === 'dtks') {
        out.push({
          row: row.key,
          column: 'status_dtks',
          code: 'dtks-status-mismatch',
          severity: 'warning',
          message: 'Status DTKS tertulis DTKS, tetapi tidak ditemukan di daftar DTKS.',
          params: { stated: 'dtks', found: 'non-dtks' },
        });
      }
    }
  }
  return out;
}
