// Findings that depend on other rows: program overlaps (the same person or
// household in two programs that may not be received together) and the DTKS /
// Non-DTKS classification against reference lists.
import { parseDtksStatus } from '../fields';
import type { Finding } from '../findings';
import { makeFinding } from '../messages';
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

function whereEn(row: RecordRow): string {
  return `${row.source} row ${row.position}`;
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
        out.push(makeFinding(row.key, 'program-overlap', { program: a, other: b, where: '', alsoId: 'Program ', alsoEn: 'Programme ' }, 'program'));
      }
    }
  }
  const byPair = new Map<string, { a: string; b: string; places: string[]; placesEn: string[] }>();
  for (const peer of ctx.peers) {
    for (const a of mine) {
      for (const b of peer.feats.programs) {
        if (mayOverlap(ctx.overlap, a, b)) continue;
        const k = `${a}\u0000${b}`;
        let entry = byPair.get(k);
        if (!entry) byPair.set(k, (entry = { a, b, places: [], placesEn: [] }));
        const household = peer.via === 'household';
        const place = `${where(peer.row)}${household ? ', No KK sama' : ''}`;
        if (!entry.places.includes(place)) {
          entry.places.push(place);
          entry.placesEn.push(`${whereEn(peer.row)}${household ? ', same family card number' : ''}`);
        }
      }
    }
  }
  for (const { a, b, places, placesEn } of [...byPair.values()].sort((x, y) => (x.a + x.b < y.a + y.b ? -1 : 1))) {
    // Sorted by the Indonesian text; the English list follows the same order.
    const order = places.map((_, i) => i).sort((x, y) => ((places[x] as string) < (places[y] as string) ? -1 : (places[x] as string) > (places[y] as string) ? 1 : 0));
    const id = order.map((i) => places[i] as string).join('; ');
    const en = order.map((i) => placesEn[i] as string).join('; ');
    out.push(makeFinding(row.key, 'program-overlap', {
      program: a, other: b, where: id,
      alsoId: `Juga terdaftar di program ${b} (${id}); `, alsoEn: `Also registered in programme ${b} (${en}); `,
    }, 'program'));
  }
  if (ctx.classify) {
    const stated = parseDtksStatus(row.values.status_dtks ?? '');
    const best = ctx.referenceLinks[0];
    if (best) {
      out.push(makeFinding(row.key, 'dtks', {
        where: where(best.row), whereEn: whereEn(best.row), reason: pairReason(best.score), reasonEn: pairReason(best.score, 'en'),
      }));
      if (stated === 'non-dtks') {
        out.push(makeFinding(row.key, 'dtks-status-mismatch', {
          stated: 'non-dtks', found: 'dtks',
          foundId: `ditemukan di DTKS (${where(best.row)})`, foundEn: `found in the DTKS list (${whereEn(best.row)})`,
          statedId: 'Non-DTKS', statedEn: 'Non-DTKS',
        }, 'status_dtks'));
      }
    } else {
      out.push(makeFinding(row.key, 'non-dtks'));
      if (stated === 'dtks') {
        out.push(makeFinding(row.key, 'dtks-status-mismatch', {
          stated: 'dtks', found: 'non-dtks',
          foundId: 'tidak ditemukan di daftar DTKS', foundEn: 'not found in the DTKS list',
          statedId: 'DTKS', statedEn: 'DTKS',
        }, 'status_dtks'));
      }
    }
  }
  return out;
}
