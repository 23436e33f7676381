// Decides whether an update from a read-only client would change the doc. A
// read-only client's sync step 2 after (re)connecting usually carries only what
// the server already has (plus its full delete set); that must pass silently,
// while anything new is a refused write.

import * as Y from 'yjs';

/** True when applying `update` to `doc` would add nothing. Throws if `update` does not decode. */
export function updateAddsNothing(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  for (const s of structs) {
    // Skip structs are placeholders for gaps, not content.
    if (s instanceof Y.Skip) continue;
    if (s.id.clock + s.length > Y.getState(doc.store, s.id.client)) return false;
  }
  if (ds.clients.size === 0) return true;
  const known = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, items] of ds.clients) {
    const have = known.clients.get(client) ?? [];
    for (const item of items) {
      if (item.len === 0) continue;
      if (!have.some((h) => h.clock <= item.clock && item.clock + item.len <= h.clock + h.len)) return false;
    }
  }
  return true;
}
