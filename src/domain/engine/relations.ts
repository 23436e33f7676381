// Findings that depend on other rows: program overlaps (the same person or
// household in two programs that may not be received together) and the DTKS /
// Non-DTKS classification against reference lists.
import { parseDtksStatus } from '../fields';
import type { Finding } from '../findings';
import { findingWithMessage, makeFinding } from '../messages';
import type { Features } from '../match/features';
import { pairReason } from '../match/reasons';
import type { PairScore } from '../match/compare';
import type { RecordRow } from '../schema';
import type { OverlapMemo } from './overlapMemo';
import { withItem } from '../shortList';
import { byCodeUnits, SMALL_SORT_MAX, sortSmall } from '../smallSort';
import { ALSO_ID, NOT_WITH, type OverlapTexts } from './overlapTexts';

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

/** The peers (their places) in program `b` that may not go with the row's program `a`. */
interface PairPeers {
  a: string;
  b: string;
  peers: Peer[];
}

function findPair(pairs: readonly PairPeers[], a: string, b: string): PairPeers | undefined {
  for (let i = 0; i < pairs.length; i++) {
    const e = pairs[i] as PairPeers;
    if (e.a === a && e.b === b) return e;
  }
  return undefined;
}

/**
 * Whether `peers` holds one with the place of `peer`: the same source, position and
 * way (its place text, "<source> baris <position>[, No KK sama]", is the same).
 */
function holdsPlace(peers: readonly Peer[], peer: Peer): boolean {
  for (let i = 0; i < peers.length; i++) {
    const p = peers[i] as Peer;
    if (p.row.source === peer.row.source && p.row.position === peer.row.position && p.via === peer.via) return true;
  }
  return false;
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
  if (pairs) out = overlapFindings(out, ctx.key, pairs, ctx.overlap.texts);
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
        out = withItem(out, makeFinding(key, 'program-overlap', { program: a, other: b, where: '', alsoId: 'Program ', alsoEn: 'Programme ' }, 'program'));
      }
    }
  }
  return out;
}

/** The peers in a program that may not go with one of `mine`: one entry per pair of programs, sorted. */
function overlapPlaces(mine: readonly string[], peers: readonly Peer[], overlap: OverlapMemo): PairPeers[] | undefined {
  // In the order first met (a handful at most), then sorted. Index loops: a for-of makes an
  // iterator per loop until this is optimised, and these run for every row with peers.
  let pairs: PairPeers[] | undefined;
  for (let i = 0; i < peers.length; i++) {
    const peer = peers[i] as Peer;
    const theirs = peer.feats.programs;
    for (let j = 0; j < mine.length; j++) {
      const a = mine[j] as string;
      for (let k = 0; k < theirs.length; k++) {
        const b = theirs[k] as string;
        if (overlap.may(a, b)) continue;
        const entry = pairs && findPair(pairs, a, b);
        if (!entry) pairs = withItem(pairs, { a, b, peers: [peer] });
        else if (!holdsPlace(entry.peers, peer)) entry.peers.push(peer);
      }
    }
  }
  if (pairs && pairs.length > 1) sortSmall(pairs, byPrograms);
  return pairs;
}

/**
 * Pairs by the text of their two programs together, `a + b`, mostly without building it:
 * when the `a`s are equal the `b`s decide, and when neither `a` starts the other the `a`s do.
 */
function byPrograms(x: PairPeers, y: PairPeers): number {
  if (x.a === y.a) return byCodeUnits(x.b, y.b);
  if (!x.a.startsWith(y.a) && !y.a.startsWith(x.a)) return byCodeUnits(x.a, y.a);
  return byCodeUnits(x.a + x.b, y.a + y.b);
}

// The 'program-overlap' sentence ({alsoId}{program} tidak boleh diterima bersamaan dengan
// {other}.) is joined here in one go from its repeating pieces (OverlapTexts) and the
// peers' positions: alsoId and where are slices of it (V8 shares a slice's characters),
// not strings of their own, and no place text is built for a single place. The tests
// check it against the template in messages.ts.
/** One 'program-overlap' finding per pair of programs, appended to `out`. */
function overlapFindings(out: Finding[] | undefined, key: string, pairs: readonly PairPeers[], texts: OverlapTexts): Finding[] {
  for (let i = 0; i < pairs.length; i++) {
    const entry = pairs[i] as PairPeers;
    out = withItem(out, entry.peers.length > 1 ? severalPlaces(key, entry, texts) : onePlace(key, entry, texts));
  }
  // `pairs` is never empty (the caller passes it only when a pair was found): `out` is set.
  return out as Finding[];
}

/** The finding for one place (most): joined from the repeating pieces and the peer's position. */
function onePlace(key: string, entry: PairPeers, texts: OverlapTexts): Finding {
  const { a, b } = entry;
  const peer = entry.peers[0] as Peer;
  const household = peer.via === 'household';
  const lead = texts.lead(b);
  const place = texts.place(peer.row.source);
  const position = peer.row.position;
  const message = [lead.id, place.id, position, household ? ', No KK sama' : '', texts.tail(a, b)].join('');
  const alsoEn = [lead.en, place.en, position, household ? ', same family card number); ' : '); '].join('');
  return overlapFinding(key, entry, message, alsoEn);
}

/**
 * The finding for several places, sorted by their Indonesian text (the English ones in
 * the same order): each place's text built for the sort, then joined.
 */
function severalPlaces(key: string, entry: PairPeers, texts: OverlapTexts): Finding {
  const { a, b, peers } = entry;
  const places: string[] = [];
  for (let i = 0; i < peers.length; i++) {
    const p = peers[i] as Peer;
    places.push([texts.place(p.row.source).id, p.row.position, p.via === 'household' ? ', No KK sama' : ''].join(''));
  }
  sortPlaces(places, peers);
  // Both sentences' parts in one list each (no joined list of places in between).
  const lead = texts.lead(b);
  const id: string[] = [lead.id];
  const en: (string | number)[] = [lead.en];
  for (let i = 0; i < peers.length; i++) {
    const p = peers[i] as Peer;
    id.push(i > 0 ? '; ' : '', places[i] as string);
    en.push(i > 0 ? '; ' : '', texts.place(p.row.source).en, p.row.position, p.via === 'household' ? ', same family card number' : '');
  }
  id.push(texts.tail(a, b));
  en.push('); ');
  return overlapFinding(key, entry, id.join(''), en.join(''));
}

/** The finding with alsoId and where cut from its message (they lead it). */
function overlapFinding(key: string, entry: PairPeers, message: string, alsoEn: string): Finding {
  const { a, b } = entry;
  // The message is alsoId, then a + NOT_WITH + b + '.'; alsoId is ALSO_ID, b, ' (', where, '); '.
  const alsoIdEnd = message.length - (a.length + NOT_WITH.length + b.length + 1);
  const from = ALSO_ID.length + b.length + ' ('.length;
  const alsoId = message.slice(0, alsoIdEnd);
  return findingWithMessage(key, 'program-overlap', message, {
    program: a, other: b, where: alsoId.slice(from, alsoIdEnd - '); '.length), alsoId, alsoEn,
  }, 'program');
}

/**
 * `places` sorted by their text, in place, and `peers` in the same order. sortSmall for
 * two parallel lists: an insertion sort of both (the texts are distinct), long lists
 * through an index sort instead.
 */
function sortPlaces(places: string[], peers: Peer[]): void {
  if (places.length > SMALL_SORT_MAX) {
    const order = Array.from(places, (_, i) => i).sort((x, y) => byCodeUnits(places[x] as string, places[y] as string));
    const byText = Array.from(order, (i) => places[i] as string);
    const peersByText = Array.from(order, (i) => peers[i] as Peer);
    for (let i = 0; i < order.length; i++) {
      places[i] = byText[i] as string;
      peers[i] = peersByText[i] as Peer;
    }
    return;
  }
  for (let i = 1; i < places.length; i++) {
    const x = places[i] as string;
    const peer = peers[i] as Peer;
    let j = i - 1;
    while (j >= 0 && (places[j] as string) > x) {
      places[j + 1] = places[j] as string;
      peers[j + 1] = peers[j] as Peer;
      j--;
    }
    places[j + 1] = x;
    peers[j + 1] = peer;
  }
}

/** The DTKS / Non-DTKS classification against the reference lists, appended to `out`. */
function classification(out: Finding[] | undefined, ctx: RelationContext): Finding[] {
  const key = ctx.key;
  const stated = parseDtksStatus(ctx.statusDtks ?? '');
  const best = ctx.referenceLinks?.[0];
  if (best) {
    out = withItem(out, makeFinding(key, 'dtks', {
      where: where(best.row), whereEn: whereEn(best.row), reason: pairReason(best.score), reasonEn: pairReason(best.score, 'en'),
    }));
    if (stated === 'non-dtks') {
      out = withItem(out, makeFinding(key, 'dtks-status-mismatch', {
        stated: 'non-dtks', found: 'dtks',
        foundId: `ditemukan di DTKS (${where(best.row)})`, foundEn: `found in the DTKS list (${whereEn(best.row)})`,
        statedId: 'Non-DTKS', statedEn: 'Non-DTKS',
      }, 'status_dtks'));
    }
  } else {
    out = withItem(out, makeFinding(key, 'non-dtks'));
    if (stated === 'dtks') {
      out = withItem(out, makeFinding(key, 'dtks-status-mismatch', {
        stated: 'dtks', found: 'non-dtks',
        foundId: 'tidak ditemukan di daftar DTKS', foundEn: 'not found in the DTKS list',
        statedId: 'DTKS', statedEn: 'DTKS',
      }, 'status_dtks'));
    }
  }
  return out;
}
