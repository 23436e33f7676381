// Findings that depend on other rows: program overlaps (the same person or
// household in two programs that may not be received together) and the DTKS /
// Non-DTKS classification against reference lists.
import { parseDtksStatus } from '../fields';
import type { Finding } from '../findings';
import { makeFinding } from '../messages';
import type { Features } from '../match/features';
import { pairReason } from '../match/reasons';
import type { PairScore } from '../match/compare';
import type { RecordRow } from '../schema';
import type { OverlapMemo } from './overlapMemo';
import { byCodeUnits, sortSmall } from '../smallSort';

/** A row that is the same person (group member or linked reference row) or household (same No KK). */
export interface Peer {
  row: RecordRow;
  feats: Features;
  via: 'person' | 'household';
}

export interface ReferenceLink {
  row: RecordRow;
  score: PairScore;
}

export interface RelationContext {
  key: string;
  feats: Features;
  /** The row's status_dtks cell: read only when `classify`. */
  statusDtks: string | undefined;
  /** The row's peers, sorted by key. */
  peers: readonly Peer[];
  /** Links to reference rows, strongest first. */
  referenceLinks: readonly ReferenceLink[];
  overlap: OverlapMemo;
  /** Whether any reference list is loaded (only then is a row classified). */
  classify: boolean;
}

function where(row: RecordRow): string {
  return `${row.source} baris ${row.position}`;
}

function whereEn(row: RecordRow): string {
  return `${row.source} row ${row.position}`;
}

interface PairPlaces {
  a: string;
  b: string;
  places: string[];
  placesEn: string[];
}

function findPair(pairs: readonly PairPlaces[], a: string, b: string): PairPlaces | undefined {
  for (const e of pairs) if (e.a === a && e.b === b) return e;
  return undefined;
}

/**
 * Appends `x` to `list`, or starts a list of one: `[]` and a push would reserve room
 * for 16, and these lists are made for tens of thousands of rows and hold one or two.
 */
export function append<T>(list: T[] | undefined, x: T): T[] {
  if (!list) return [x];
  list.push(x);
  return list;
}

/** The row's relation findings, in a new list; undefined when it has none. */
export function relationFindings(ctx: RelationContext): Finding[] | undefined {
  let out: Finding[] | undefined;
  const { key, feats } = ctx;
  const mine = feats.programs;
  // Two programs in the same row that may not go together.
  for (let i = 0; i < mine.length; i++) {
    for (let j = i + 1; j < mine.length; j++) {
      const a = mine[i] as string;
      const b = mine[j] as string;
      if (!ctx.overlap.may(a, b)) {
        out = append(out, makeFinding(key, 'program-overlap', { program: a, other: b, where: '', alsoId: 'Program ', alsoEn: 'Programme ' }, 'program'));
      }
    }
  }
  // One entry per pair of programs, in the order first met (a handful at most).
  let pairs: PairPlaces[] | undefined;
  for (const peer of ctx.peers) {
    const household = peer.via === 'household';
    let place: string | undefined;
    let placeEn: string | undefined;
    for (const a of mine) {
      for (const b of peer.feats.programs) {
        if (ctx.overlap.may(a, b)) continue;
        place ??= `${where(peer.row)}${household ? ', No KK sama' : ''}`;
        const entry = pairs && findPair(pairs, a, b);
        if (entry && entry.places.includes(place)) continue;
        placeEn ??= `${whereEn(peer.row)}${household ? ', same family card number' : ''}`;
        if (entry) {
          entry.places.push(place);
          entry.placesEn.push(placeEn);
        } else pairs = append(pairs, { a, b, places: [place], placesEn: [placeEn] });
      }
    }
  }
  if (pairs && pairs.length > 1) sortSmall(pairs, (x, y) => byCodeUnits(x.a + x.b, y.a + y.b));
  for (const { a, b, places, placesEn } of pairs ?? []) {
    // Sorted by the Indonesian text; the English list follows the same order.
    let id = places[0] as string;
    let en = placesEn[0] as string;
    if (places.length > 1) {
      const order = sortSmall(places.map((_, i) => i), (x, y) => byCodeUnits(places[x] as string, places[y] as string));
      id = order.map((i) => places[i] as string).join('; ');
      en = order.map((i) => placesEn[i] as string).join('; ');
    }
    // Joined flat, and `where` a slice of alsoId: findings live as long as their row, and a
    // template's concatenation tree is a handful of objects that every scavenge copies.
    const alsoId = ['Juga terdaftar di program ', b, ' (', id, '); '].join('');
    // The places start after the three parts before them.
    const from = 'Juga terdaftar di program '.length + b.length + ' ('.length;
    out = append(out, makeFinding(key, 'program-overlap', {
      program: a, other: b, where: alsoId.slice(from, from + id.length),
      alsoId, alsoEn: ['Also registered in programme ', b, ' (', en, '); '].join(''),
    }, 'program'));
  }
  if (ctx.classify) {
    const stated = parseDtksStatus(ctx.statusDtks ?? '');
    const best = ctx.referenceLinks[0];
    if (best) {
      out = append(out, makeFinding(key, 'dtks', {
        where: where(best.row), whereEn: whereEn(best.row), reason: pairReason(best.score), reasonEn: pairReason(best.score, 'en'),
      }));
      if (stated === 'non-dtks') {
        out = append(out, makeFinding(key, 'dtks-status-mismatch', {
          stated: 'non-dtks', found: 'dtks',
          foundId: `ditemukan di DTKS (${where(best.row)})`, foundEn: `found in the DTKS list (${whereEn(best.row)})`,
          statedId: 'Non-DTKS', statedEn: 'Non-DTKS',
        }, 'status_dtks'));
      }
    } else {
      out = append(out, makeFinding(key, 'non-dtks'));
      if (stated === 'dtks') {
        out = append(out, makeFinding(key, 'dtks-status-mismatch', {
          stated: 'dtks', found: 'non-dtks',
          foundId: 'tidak ditemukan di daftar DTKS', foundEn: 'not found in the DTKS list',
          statedId: 'DTKS', statedEn: 'DTKS',
        }, 'status_dtks'));
      }
    }
  }
  return out;
}
