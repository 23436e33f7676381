// The one file for Selaras' wire format. Both the relay (server/relay) and the
// app import from here; nothing else may invent message types or close codes.
//
// ─── Protocol (spec) ────────────────────────────────────────────────────────
// Transport: one WebSocket per sheet, URL `/sync/<sheetId>?token=<jwt>[&durable=1]`
// (the stock client builds it as `new WebsocketProvider(base + '/sync', sheetId,
// doc, { params })`). Binary frames only. Every frame is
// `varUint messageType` followed by the type's payload (lib0 encoding):
//
//   0 SYNC             varUint syncType, varUint8Array payload
//                        syncType 0 step 1 (state vector), 1 step 2 (update),
//                        2 update. Exactly as y-protocols/sync.
//   1 AWARENESS        varUint8Array awareness update (y-protocols/awareness)
//   3 QUERY_AWARENESS  no payload; the server answers with AWARENESS of all
//   100 DURABLE        server → client only, and only when the client asked
//                      with `durable=1` (the stock client never sees it):
//                        varUint8Array state vector the server has on disk,
//                        varUint seq: how many SYNC step-2/update frames of
//                          THIS connection are settled (durable, or carried
//                          nothing new), counted in the order they were sent,
//                        varUint access: 0 write, 1 read-only (writes refused).
//                      `seq` also covers deletions, which a state vector
//                      cannot show. Sent once after the initial sync and
//                      after every commit that settled this client's frames.
//
// Sequence: the server loads the stored sheet completely, then sends SYNC step 1
// and the current awareness states. The client sends SYNC step 1; the server
// answers SYNC step 2 with durable content only. Every update a client sends is
// applied, committed to disk (fsync), and only then forwarded to the other
// clients of the sheet and acknowledged with DURABLE.
//
// Read-only connections: a step 2/update that adds nothing the server already
// has is accepted silently; one that adds something is refused (not applied,
// not stored, not forwarded, counted) and the connection stays open for
// reading. MESSAGE_AUTH (2) is never sent by clients; an unknown type closes.
//
// Close codes: 4400–4499 mean "reconnecting cannot help" (the stock y-websocket
// 3.x client stops retrying on them, and so must the Selaras client), 4500–4599
// mean "try again later" (reconnect with backoff and jitter).
// ────────────────────────────────────────────────────────────────────────────

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Standard y-websocket message types. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** y-protocols/sync sub-types of MESSAGE_SYNC. */
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/**
 * Selaras extension, server → client: "this is durable". Payload: a Yjs state
 * vector (Y.encodeStateVector format) of what the server has committed to disk.
 * Sent only to clients that connect with the `durable=1` URL parameter, so the
 * stock y-websocket client never sees a type it does not know.
 */
export const MESSAGE_DURABLE = 100;

/** URL path prefix of the relay; the sheet id follows it. */
export const SYNC_PATH = '/sync';
/** Query parameter that opts a client into MESSAGE_DURABLE. */
export const DURABLE_PARAM = 'durable';

/** WebSocket close codes used by the relay. */
export const CloseCode = {
  /** Normal shutdown of a connection we no longer need. */
  NORMAL: 1000,
  /** Malformed or truncated frame, unknown message type. Permanent. */
  MALFORMED: 4400,
  /**
   * Get a fresh token, then reconnect: the token is missing, invalid or
   * expired, or the user's rights changed (role, scope, password reset, the
   * sheet archived or reopened). The reconnect is authorized anew, so it gets
   * the new access, or a permanent refusal if none is left. Not permanent.
   */
  UNAUTHORIZED: 4401,
  /** No access to this sheet, or the account is disabled or deleted. Permanent. */
  FORBIDDEN: 4403,
  /** No such sheet. Permanent. */
  NOT_FOUND: 4404,
  /** A frame over the size limit, or repeated oversize frames. Permanent. */
  TOO_LARGE: 4413,
  /** A Yjs update the server cannot apply. Permanent. */
  INVALID_UPDATE: 4422,
  /** Server is shutting down or reloading the sheet. Retry with backoff. */
  GOING_AWAY: 4503,
  /** The store failed to commit. Retry with backoff; nothing was acknowledged. */
  STORE_FAILED: 4504,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** True when a client must NOT reconnect after this close code. */
export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code < 4500 && code !== CloseCode.UNAUTHORIZED;
}

/** Access a connection has, as carried in MESSAGE_DURABLE. */
export type WireAccess = 'read' | 'write';

export interface DurableAck {
  /** Encoded Yjs state vector of what is on disk. */
  stateVector: Uint8Array;
  /** Number of this connection's SYNC step-2/update frames that are settled. */
  seq: number;
  access: WireAccess;
}

export function encodeDurable(ack: DurableAck): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_DURABLE);
  encoding.writeVarUint8Array(e, ack.stateVector);
  encoding.writeVarUint(e, ack.seq);
  encoding.writeVarUint(e, ack.access === 'read' ? 1 : 0);
  return encoding.toUint8Array(e);
}

/** Decodes the payload after the MESSAGE_DURABLE type byte(s). */
export function decodeDurable(decoder: decoding.Decoder): DurableAck {
  const stateVector = decoding.readVarUint8Array(decoder);
  const seq = decoding.readVarUint(decoder);
  const access: WireAccess = decoding.readVarUint(decoder) === 1 ? 'read' : 'write';
  return { stateVector, seq, access };
}

/** A frame a client may send, fully decoded and checked. */
export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'sync-update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' };

/** Thrown for frames that do not follow the protocol. */
export class WireError extends Error {
  override readonly name = 'WireError';
}

/**
 * Strictly decodes one client frame: known type, complete payload, no trailing
 * bytes. Anything else throws WireError (the caller closes with MALFORMED).
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  const d = decoding.createDecoder(frame);
  const message = readOrThrow(() => {
    const type = decoding.readVarUint(d);
    switch (type) {
      case MESSAGE_SYNC: {
        const sub = decoding.readVarUint(d);
        const payload = decoding.readVarUint8Array(d);
        if (sub === SYNC_STEP1) return { kind: 'sync-step1', stateVector: payload } as const;
        if (sub === SYNC_STEP2) return { kind: 'sync-step2', update: payload } as const;
        if (sub === SYNC_UPDATE) return { kind: 'sync-update', update: payload } as const;
        throw new WireError(`jenis pesan sync tidak dikenal: ${sub}`);
      }
      case MESSAGE_AWARENESS:
        return { kind: 'awareness', update: decoding.readVarUint8Array(d) } as const;
      case MESSAGE_QUERY_AWARENESS:
        return { kind: 'query-awareness' } as const;
      default:
        throw new WireError(`jenis pesan tidak dikenal: ${type}`);
    }
  });
  if (decoding.hasContent(d)) throw new WireError('pesan berisi byte berlebih');
  return message;
}

function readOrThrow<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof WireError) throw err;
    throw new WireError('pesan terpotong atau rusak');
  }
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeSync(SYNC_STEP1, stateVector);
}
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeSync(SYNC_STEP2, update);
}
export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  return encodeSync(SYNC_UPDATE, update);
}
function encodeSync(sub: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export function encodeQueryAwareness(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS);
  return encoding.toUint8Array(e);
}

/** Reads the message type of a server frame (client side). */
export function readMessageType(decoder: decoding.Decoder): number {
  return decoding.readVarUint(decoder);
}

/**
 * Largest Yjs update a Selaras client puts in one frame; bigger ones (a long
 * offline session, a big paste) are split into several update frames. Well under
 * the smallest message limit the relay can be configured with (1 MiB), so that
 * nothing typed is ever refused as too large.
 */
export const CLIENT_SYNC_CHUNK_BYTES = 512 * 1024;
