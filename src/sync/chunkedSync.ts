// Keeps every frame this device sends to the relay under the relay's message
// limit. After a long offline session the sync step 2 that carries everything
// typed meanwhile can be larger than the limit, and the relay refuses such a
// frame for good (4413): those edits would never reach the server. So a large
// Yjs update is split into several smaller updates that together carry exactly
// the same structs and deletions; applied in any order (Yjs holds back a struct
// until what it depends on has arrived), they give the same document.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { CLIENT_SYNC_CHUNK_BYTES, MESSAGE_SYNC, SYNC_STEP1, encodeSyncStep2, encodeSyncUpdate } from './wire';

/** Consecutive structs of one client: one client section of an update. */
interface Run {
  client: number;
  /** Clock of the first struct, and just past the last one. */
  clock: number;
  end: number;
  count: number;
  /** The structs, v1-encoded (v1 writes each struct on its own, so they concatenate). */
  bytes: encoding.Encoder;
}

/** Framing of an update and of each client section (counts, client id, clock), at most, in bytes. */
const HEADER_BYTES = 24;

/**
 * Splits a Yjs (v1) update into updates of at most `maxBytes` each (a single
 * struct larger than that travels alone). Updates already small enough are
 * returned as they are, without decoding. The delete set travels in the last part.
 */
export function splitUpdate(update: Uint8Array, maxBytes: number = CLIENT_SYNC_CHUNK_BYTES): Uint8Array[] {
  if (update.byteLength <= maxBytes) return [update];
  const { structs } = Y.decodeUpdate(update);
  const parts: Uint8Array[] = [];
  let runs: Run[] = [];
  let size = HEADER_BYTES;
  let run: Run | null = null;
  const flush = () => {
    if (runs.length > 0) parts.push(encodeRuns(runs, null));
    runs = [];
    size = HEADER_BYTES;
    run = null;
  };
  for (const struct of structs) {
    // A Skip is a gap in the update, not content: the next struct starts a new run.
    if (struct instanceof Y.Skip) {
      run = null;
      continue;
    }
    const one = new Y.UpdateEncoderV1();
    struct.write(one, 0);
    const bytes = encoding.toUint8Array(one.restEncoder);
    const { client, clock } = struct.id;
    const continues = run !== null && run.client === client && run.end === clock;
    if (size + bytes.byteLength + (continues ? 0 : HEADER_BYTES) > maxBytes) flush();
    // An update lists each client once: a second run of a client goes into the next part.
    if (!run || run.client !== client || run.end !== clock) {
      if (runs.some((r) => r.client === client)) flush();
      run = { client, clock, end: clock, count: 0, bytes: encoding.createEncoder() };
      runs.push(run);
      size += HEADER_BYTES;
    }
    encoding.writeUint8Array(run.bytes, bytes);
    run.count++;
    run.end = clock + struct.length;
    size += bytes.byteLength;
  }
  const deletions = deleteSetOnly(update, structs);
  if (runs.length > 0 && size + deletions.byteLength > maxBytes) flush();
  parts.push(runs.length > 0 ? encodeRuns(runs, deletions) : deletions);
  return parts;
}

/** One v1 update: the runs' structs, then the delete set of `deletions` (an update with no structs) or none. */
function encodeRuns(runs: Run[], deletions: Uint8Array | null): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, runs.length);
  for (const r of runs) {
    encoding.writeVarUint(e, r.count);
    encoding.writeVarUint(e, r.client);
    encoding.writeVarUint(e, r.clock);
    encoding.writeUint8Array(e, encoding.toUint8Array(r.bytes));
  }
  if (deletions) {
    // `deletions` is "0 clients, then the delete set": append what follows its leading 0.
    encoding.writeUint8Array(e, deletions.subarray(1));
  } else {
    encoding.writeVarUint(e, 0);
  }
  return encoding.toUint8Array(e);
}

/** The update's delete set, as an update without structs. */
function deleteSetOnly(update: Uint8Array, structs: readonly { id: Y.ID; length: number }[]): Uint8Array {
  // Diffing against a state vector past every struct of the update keeps only
  // the deletions. (Y.encodeStateVectorFromUpdate will not do: it counts only
  // clients whose structs start at clock 0.)
  const end = new Map<number, number>();
  for (const s of structs) end.set(s.id.client, Math.max(end.get(s.id.client) ?? 0, s.id.clock + s.length));
  return Y.diffUpdate(update, Y.encodeStateVector(end));
}

/**
 * Makes a y-websocket provider send large updates as several frames: its reply
 * to the relay's sync step 1 (everything the relay lacks, e.g. a long offline
 * session) and its live updates (e.g. a big paste). Call right after creating
 * the provider; the provider's destroy() removes the update listener as usual.
 * The provider must have the BroadcastChannel disabled (as the app's has): the
 * sync handler below answers on the WebSocket only.
 */
export function sendInChunks(provider: WebsocketProvider, maxBytes: number = CLIENT_SYNC_CHUNK_BYTES): void {
  if (!provider.disableBc) throw new Error('sendInChunks needs a provider with disableBc: true');
  const doc = provider.doc;
  const send = (frame: Uint8Array) => {
    const ws = provider.ws;
    if (provider.wsconnected && ws && ws.readyState === ws.OPEN) ws.send(frame);
  };

  const stockSync = provider.messageHandlers[MESSAGE_SYNC];
  if (!stockSync) throw new Error('y-websocket provider without a sync handler');
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, messageType) => {
    const start = decoder.pos;
    if (decoding.readVarUint(decoder) !== SYNC_STEP1) {
      decoder.pos = start;
      stockSync(encoder, decoder, p, emitSynced, messageType);
      return;
    }
    const missing = Y.encodeStateAsUpdate(doc, decoding.readVarUint8Array(decoder));
    const parts = splitUpdate(missing, maxBytes);
    // The first part answers as sync step 2 (as the stock handler would); the rest follow as updates.
    const ws = p.ws;
    if (!ws || ws.readyState !== ws.OPEN) return;
    ws.send(encodeSyncStep2(parts[0]!));
    for (const part of parts.slice(1)) ws.send(encodeSyncUpdate(part));
  };

  doc.off('update', provider._updateHandler);
  provider._updateHandler = (update: Uint8Array, origin: unknown) => {
    if (origin === provider) return;
    for (const part of splitUpdate(update, maxBytes)) send(encodeSyncUpdate(part));
  };
  doc.on('update', provider._updateHandler);
}
