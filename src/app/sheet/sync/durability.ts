// "Tersimpan di server" / "N perubahan belum di server", from the relay's
// MESSAGE_DURABLE acknowledgement (a state vector of what is on disk).
//
// Pending = for every Yjs client id this device has written the sheet with
// (one per page load; remembered in Dexie), how far our clock is ahead of the
// server's durable clock. Counting only our own clients matters: the relay
// acknowledges after *our* frames, so other people's edits it forwards later
// would otherwise look pending. One typed cell is one Yjs item, so the count is
// the number of cell writes (a new row counts its cells).
export type StateVector = Map<number, number>;

export function pendingCount(local: StateVector, durable: StateVector | undefined, mine: Iterable<number>): number {
  let n = 0;
  for (const client of mine) {
    const ahead = (local.get(client) ?? 0) - (durable?.get(client) ?? 0);
    if (ahead > 0) n += ahead;
  }
  return n;
}

/** The durable vector only grows: an older ack arriving late must not undo a newer one. */
export function mergeSv(a: StateVector | undefined, b: StateVector): StateVector {
  const out = new Map(a ?? []);
  for (const [client, clock] of b) out.set(client, Math.max(out.get(client) ?? 0, clock));
  return out;
}
