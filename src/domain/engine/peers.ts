// The other rows a row's relation findings look at: its person group, its linked
// reference rows and the rows on its No KK, each once.
import type { Features } from '../match/features';
import type { OverlapMemo } from './overlapMemo';
import type { RecordRow } from '../schema';
import { withItem } from '../shortList';
import type { Peer } from './relations';
import { sortSmall } from '../smallSort';

// Index loops throughout: a for-of allocates an iterator result per step until the loop is
// optimised, and these run for tens of thousands of rows while it is not.

function holds(peers: readonly Peer[], key: string): boolean {
  for (let i = 0; i < peers.length; i++) if ((peers[i] as Peer).row.key === key) return true;
  return false;
}

/** A row as the engine holds it: its current features (null once it is gone). */
export interface Held {
  readonly row: RecordRow;
  readonly feats: Features | null;
}

/**
 * Peers sorted by key, without `self`, rows that are gone and rows in no programme that
 * clashes with one of `mine` (the rest add no findings); undefined
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
  mine: readonly string[],
  overlap: OverlapMemo,
): Peer[] | undefined {
  // Peer lists are short: a linear look-up beats a Set until they are not.
  const seen = (members?.length ?? 0) + (referenceLinks?.length ?? 0) + (kin?.length ?? 0) > 32 ? new Set<string>([self]) : undefined;
  let out: Peer[] | undefined;
  // A person group's members include the row itself: skipped before its look-up.
  if (members) {
    for (let i = 0; i < members.length; i++) {
      const m = members[i] as string;
      if (m !== self) out = take(out, seen, self, rows.get(m), 'person', mine, overlap);
    }
  }
  if (referenceLinks) {
    for (let i = 0; i < referenceLinks.length; i++) out = take(out, seen, self, rows.get((referenceLinks[i] as { row: RecordRow }).row.key), 'person', mine, overlap);
  }
  if (kin) for (let i = 0; i < kin.length; i++) out = take(out, seen, self, kin[i], 'household', mine, overlap);
  return out && out.length > 1 ? sortSmall(out, byRowKey) : out;
}

/**
 * `out` with `held` added as a peer by `via` when it is new (not `self`, not in `out`: `seen`
 * holds those keys when given), still held and in a programme that clashes with one of `mine`.
 * The programmes and memo are passed, not a test of them: a closure per row was garbage.
 * A row left out is left out under every `via`: it need not be marked seen.
 */
function take(out: Peer[] | undefined, seen: Set<string> | undefined, self: string, held: Held | undefined, via: Peer['via'], mine: readonly string[], overlap: OverlapMemo): Peer[] | undefined {
  if (!held) return out;
  const key = held.row.key;
  if (seen ? seen.has(key) : key === self || (out !== undefined && holds(out, key))) return out;
  const f = held.feats;
  if (!f || !overlap.clash(mine, f.programs)) return out;
  seen?.add(key);
  return withItem(out, { row: held.row, feats: f, via });
}

const byRowKey = (a: Peer, b: Peer): number => (a.row.key < b.row.key ? -1 : a.row.key > b.row.key ? 1 : 0);
