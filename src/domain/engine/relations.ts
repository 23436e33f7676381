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
import { byCodeUnits, SMALL_SORT_MAX, sortSmall } from '../smallSort';

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
  /** The row's peers, sorted by key (undefined: none). */
  peers: readonly Peer[] | undefined;
  /** Links to reference rows, strongest first (undefined: none). */
  referenceLinks: readonly ReferenceLink[] | undefined;
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

/**
 * The row's relation findings, in a new list; undefined when it has none. In parts, each
 * its own function: small ones are optimised quickly, and a rare case met late (several
 * places, a reference list) deoptimises only its own part.
 */
export function relationFindings(ctx: RelationContext): Finding[] | undefined {
  const mine = ctx.feats.programs;
  let out = mine.length > 1 ? ownOverlaps(ctx.key, mine, ctx.overlap) : undefined;
  const pairs = ctx.peers ? overlapPlaces(mine, ctx.peers, ctx.overlap) : undefined;
  if (pairs) out = overlapFindings(out, ctx.key, pairs);
  return ctx.classify ? classification(out, ctx) : out;
}

/** Two programs in the same row that may not go together. */
function ownOverlaps(key: string, mine: readonly string[], overlap: OverlapMemo): Finding[] | undefined {
  let out: Finding[] | undefined;
  for (let i = 0; i < mine.length; i++) {
    for (let j = i + 1; j < mine.length; j++) {
      const a = mine[i] as string;
      const b = mine[j] as string;
      if (!overlap.may(a, b)) {
        out = append(out, makeFinding(key, 'program-overlap', { program: a, other: b, where: '', alsoId: 'Program ', alsoEn: 'Programme ' }, 'program'));
      }
    }
  }
  return out;
}

/** The places of the peers in a program that may not go with one of `mine`: one entry per pair of programs, sorted. */
function overlapPlaces(mine: readonly string[], peers: readonly Peer[], overlap: OverlapMemo): PairPlaces[] | undefined {
  // In the order first met (a handful at most), then sorted.
  let pairs: PairPlaces[] | undefined;
  for (const peer of peers) {
    const household = peer.via === 'household';
    let place: string | undefined;
    let placeEn: string | undefined;
    for (const a of mine) {
      for (const b of peer.feats.programs) {
        if (overlap.may(a, b)) continue;
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
  return pairs;
}

/** One 'program-overlap' finding per pair of programs, appended to `out`. */
function overlapFindings(out: Finding[] | undefined, key: string, pairs: readonly PairPlaces[]): Finding[] {
  for (const entry of pairs) {
    if (entry.places.length > 1) sortPlaces(entry);
    const { a, b, places, placesEn } = entry;
    const id = places.length > 1 ? places.join('; ') : (places[0] as string);
    const en = placesEn.length > 1 ? placesEn.join('; ') : (placesEn[0] as string);
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
  // `pairs` is never empty (the caller passes it only when a pair was found): `out` is set.
  return out as Finding[];
}

/**
 * An entry's places sorted by the Indonesian text, in place; the English list follows the
 * same order. sortSmall for two parallel lists: an insertion sort of both (their texts are
 * distinct), long lists through an index sort instead.
 */
function sortPlaces(entry: PairPlaces): void {
  const { places, placesEn } = entry;
  if (places.length > SMALL_SORT_MAX) {
    const order = Array.from(places, (_, i) => i).sort((x, y) => byCodeUnits(places[x] as string, places[y] as string));
    entry.places = Array.from(order, (i) => places[i] as string);
    entry.placesEn = Array.from(order, (i) => placesEn[i] as string);
    return;
  }
  for (let i = 1; i < places.length; i++) {
    const x = places[i] as string;
    const xEn = placesEn[i] as string;
    let j = i - 1;
    while (j >= 0 && (places[j] as string) > x) {
      places[j + 1] = places[j] as string;
      placesEn[j + 1] = placesEn[j] as string;
      j--;
    }
    places[j + 1] = x;
    placesEn[j + 1] = xEn;
  }
}

/** The DTKS / Non-DTKS classification against the reference lists, appended to `out`. */
function classification(out: Finding[] | undefined, ctx: RelationContext): Finding[] {
  const key = ctx.key;
  const stated = parseDtksStatus(ctx.statusDtks ?? '');
  const best = ctx.referenceLinks?.[0];
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
  return out;
}
