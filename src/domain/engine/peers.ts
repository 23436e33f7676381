// The other rows a row's relation findings look at: its person group, its linked
// reference rows and the rows on its No KK, each once.
import type { Features } from '../match/features';
import type { RecordRow } from '../schema';
import { append, type Peer } from './relations';
import { sortSmall } from '../smallSort';

function holds(peers: readonly Peer[], key: string): boolean {
  for (const p of peers) if (p.row.key === key) return true;
  return false;
}

/** A row as the engine holds it: its current features (null once it is gone). */
export interface Held {
  readonly row: RecordRow;
  readonly feats: Features | null;
}

/**
 * Peers sorted by key, without `self`, rows that are gone and rows not `relevant`; undefined
 * when there are none. A key met twice keeps its first `via`: group members and reference
 * rows (person) come before the rows on the No KK (household). `kin` are held rows already
 * (the engine's No KK index keeps them): only members and reference rows are looked up in
 * `rows`. A list the row does not have is undefined, not a shared empty one: an empty
 * literal is another kind of array, and every reader of these would meet both (a deopt).
 */
export function collectPeers(
  self: string,
  members: readonly string[] | undefined,
  referenceLinks: readonly { row: RecordRow }[] | undefined,
  kin: readonly Held[] | undefined,
  rows: ReadonlyMap<string, Held>,
  relevant: (f: Features) => boolean,
): Peer[] | undefined {
  // Peer lists are short: a linear look-up beats a Set until they are not.
  const seen = (members?.length ?? 0) + (referenceLinks?.length ?? 0) + (kin?.length ?? 0) > 32 ? new Set<string>([self]) : undefined;
  let out: Peer[] | undefined;
  // A person group's members include the row itself: skipped before its look-up.
  if (members) for (const m of members) if (m !== self) out = take(out, seen, self, rows.get(m), 'person', relevant);
  if (referenceLinks) for (const link of referenceLinks) out = take(out, seen, self, rows.get(link.row.key), 'person', relevant);
  if (kin) for (const held of kin) out = take(out, seen, self, held, 'household', relevant);
  return out && out.length > 1 ? sortSmall(out, byRowKey) : out;
}

/**
 * `out` with `held` added as a peer by `via` when it is new (not `self`, not in `out`: `seen`
 * holds those keys when given), still held and `relevant`. A row left out is left out under
 * every `via`: it need not be marked seen.
 */
function take(out: Peer[] | undefined, seen: Set<string> | undefined, self: string, held: Held | undefined, via: Peer['via'], relevant: (f: Features) => boolean): Peer[] | undefined {
  if (!held) return out;
  const key = held.row.key;
  if (seen ? seen.has(key) : key === self || (out !== undefined && holds(out, key))) return out;
  const f = held.feats;
  if (!f || !relevant(f)) return out;
  seen?.add(key);
  // Most rows have one or two peers: a list of one is made exact ([] and a push reserve 16).
  return append(out, { row: held.row, feats: f, via });
}

const byRowKey = (a: Peer, b: Peer): number => (a.row.key < b.row.key ? -1 : a.row.key > b.row.key ? 1 : 0);
