// Duplicate groups from linked pairs. Person groups are the connected
// components of the non-reference edges; each group's score is its weakest
// necessary link (the lowest probability on a maximum spanning tree) and its
// reasons are those links' reasons. Household groups are rows sharing a usable
// No KK within a household-unit program.
import type { DuplicateGroup } from '../findings';
import type { PairScore } from '../match/compare';
import { pairReason } from '../match/reasons';
import { byCodeUnits, sortSmall } from '../smallSort';

const HEX = '0123456789abcdef';
/** The character code of the hex digit of `h` at bit `shift` (h read as unsigned). */
const hexDigit = (h: number, shift: number): number => HEX.charCodeAt((h >>> shift) & 15);

/**
 * A short stable id for a set of members (64-bit FNV-1a, hex). `head`, when given, is
 * hashed as a part before `parts` (a household's key: no list copied to put it first).
 */
export function groupId(prefix: 'p' | 'h', parts: readonly string[], head?: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  // Index loop: a for-of allocates an iterator result per step until optimised.
  for (let p = head === undefined ? 0 : -1; p < parts.length; p++) {
    const part = p < 0 ? (head as string) : (parts[p] as string);
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 7);
    }
    h1 = Math.imul(h1 ^ 0x0a, 0x01000193);
    h2 = Math.imul(h2 ^ 0x1f, 0x01000193);
  }
  // One flat string from character codes: the id is a Map key, and a template of padded
  // toString pieces made a concatenation tree to flatten for its hash (~3x the time).
  return String.fromCharCode(
    prefix.charCodeAt(0),
    hexDigit(h1, 28), hexDigit(h1, 24), hexDigit(h1, 20), hexDigit(h1, 16), hexDigit(h1, 12), hexDigit(h1, 8), hexDigit(h1, 4), hexDigit(h1, 0),
    hexDigit(h2, 28), hexDigit(h2, 24), hexDigit(h2, 20), hexDigit(h2, 16), hexDigit(h2, 12), hexDigit(h2, 8), hexDigit(h2, 4), hexDigit(h2, 0),
  );
}

export function roundScore(p: number): number {
  return Math.round(p * 1000) / 1000;
}

type Edges = ReadonlyMap<string, ReadonlyMap<string, PairScore>>;

/**
 * The connected component of `start` over edges whose other end passes `keep`, sorted.
 * Its rows are added to `seen`, which may hold other components' rows (disjoint from
 * this one: edges go both ways), so one set serves a whole walk over many starts.
 */
export function component(start: string, edges: Edges, keep: (key: string) => boolean, seen = new Set<string>()): string[] {
  seen.add(start);
  const members = [start];
  const stack = [start];
  while (stack.length > 0) {
    const key = stack.pop() as string;
    for (const other of edges.get(key)?.keys() ?? []) {
      if (seen.has(other) || !keep(other)) continue;
      seen.add(other);
      members.push(other);
      stack.push(other);
    }
  }
  return sortSmall(members, byCodeUnits);
}

/** A person group from its (sorted) members. */
export function personGroup(members: string[], edges: Edges): DuplicateGroup {
  // A pair (nearly every group): its one link is the whole spanning tree.
  const pair = members.length === 2 ? edges.get(members[0] as string)?.get(members[1] as string) : undefined;
  if (pair) return { id: groupId('p', members), kind: 'person', score: roundScore(Math.min(1, pair.probability)), members, reasons: [pairReason(pair)] };
  const inGroup = new Set(members);
  const links: [string, string, PairScore][] = [];
  for (const a of members) {
    // forEach: a for-of over entries allocates a [key, value] array per step until optimised.
    edges.get(a)?.forEach((score, b) => {
      if (a < b && inGroup.has(b)) links.push([a, b, score]);
    });
  }
  sortSmall(links, (x, y) => y[2].weight - x[2].weight || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : 1));
  // Kruskal: the strongest links that connect the group.
  const parent = new Map<string, string>(members.map((m) => [m, m]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    parent.set(x, r);
    return r;
  };
  let score = 1;
  const reasons: string[] = [];
  for (const [a, b, s] of links) {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    parent.set(ra, rb);
    score = Math.min(score, s.probability);
    const reason = pairReason(s);
    if (!reasons.includes(reason)) reasons.push(reason);
  }
  return { id: groupId('p', members), kind: 'person', score: roundScore(score), members, reasons };
}

export function householdGroup(hhKey: string, members: string[], program: string): DuplicateGroup {
  return {
    id: groupId('h', members, hhKey),
    kind: 'household',
    score: 1,
    members,
    reasons: [program ? `No KK sama dalam program ${program}` : 'No KK sama'],
  };
}

export function sameGroup(a: DuplicateGroup, b: DuplicateGroup): boolean {
  return (
    a.id === b.id &&
    a.kind === b.kind &&
    a.score === b.score &&
    a.members.length === b.members.length &&
    a.members.every((m, i) => m === b.members[i]) &&
    a.reasons.length === b.reasons.length &&
    a.reasons.every((r, i) => r === b.reasons[i])
  );
}
