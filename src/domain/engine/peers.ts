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
 * Peers sorted by key, without `self`, rows that are gone and rows not `relevant`. A key
 * met twice keeps its first `via`: group members and reference rows (person) come before
 * the rows on the No KK (household). `kin` are held rows already (the engine's No KK index
 * keeps them): only members and reference rows are looked up in `rows`.
 */
export function collectPeers(
  self: string,
  members: readonly string[],
  referenceLinks: readonly { row: RecordRow }[],
  kin: readonly Held[],
  rows: ReadonlyMap<string, Held>,
  relevant: (f: Features) => boolean,
): readonly Peer[] {
  // Most rows have one or two peers: a list of one is made exact ([] and a push reserve 16).
  let out: Peer[] | undefined;
  // Peer lists are short: a linear look-up beats a Set until they are not.
  const seen = members.length + referenceLinks.length + kin.length > 32 ? new Set<string>([self]) : undefined;
  const fresh = (key: string) => !(seen ? seen.has(key) : key === self || (out !== undefined && holds(out, key)));
  // A row left out is left out under every `via`: no need to mark it seen.
  const take = (held: Held | undefined, via: Peer['via']) => {
    const f = held?.feats;
    if (!held || !f || !relevant(f)) return;
    seen?.add(held.row.key);
    out = append(out, { row: held.row, feats: f, via });
  };
  for (const m of members) if (fresh(m)) take(rows.get(m), 'person');
  for (const link of referenceLinks) if (fresh(link.row.key)) take(rows.get(link.row.key), 'person');
  for (const held of kin) if (fresh(held.row.key)) take(held, 'household');
  return out ? sortSmall(out, (a, b) => (a.row.key < b.row.key ? -1 : a.row.key > b.row.key ? 1 : 0)) : [];
}
