// One client's WebSocket as the relay sees it, and the only ways to send to it
// or close it (so close reasons always fit and slow clients cannot pile up data).

import type { WebSocket } from 'ws';
import { CloseCode } from '../../src/sync/wire';

export type Access = 'read' | 'write';

export interface Connection {
  readonly id: number;
  readonly ws: WebSocket;
  readonly userId: string;
  readonly sheetId: string;
  readonly access: Access;
  /** The user's rights version its token carried (absent when the authorizer has none). */
  readonly rightsVersion: number | undefined;
  /** The client asked for MESSAGE_DURABLE (`durable=1`). */
  readonly durable: boolean;
  /** Awareness client ids this connection has announced (removed when it leaves). */
  readonly awarenessIds: Set<number>;
  /** SYNC step-2/update frames received so far. */
  received: number;
  /** Of those, how many are settled (durable, no-op or refused). */
  settled: number;
  ackScheduled: boolean;
  /** Set when the server decided to close it: its later frames are ignored. */
  closedByServer: boolean;
  closed: boolean;
  /** Answered the last ping. */
  alive: boolean;
}

/** WebSocket close reasons are limited to 123 UTF-8 bytes. */
export function fitCloseReason(reason: string): string {
  const bytes = Buffer.from(reason, 'utf8');
  if (bytes.byteLength <= 123) return reason;
  let cut = 120;
  // Do not split a multi-byte character.
  while (cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--;
  return bytes.subarray(0, cut).toString('utf8') + '…';
}

export function closeConnection(conn: Connection, code: number, reason: string): void {
  if (conn.closedByServer || conn.closed) return;
  conn.closedByServer = true;
  try {
    conn.ws.close(code, fitCloseReason(reason));
  } catch {
    conn.ws.terminate();
  }
}

/** Sends a frame unless the connection is gone; drops clients that stopped reading. */
export function sendFrame(conn: Connection, frame: Uint8Array, maxBufferedBytes: number): void {
  if (conn.closed || conn.closedByServer || conn.ws.readyState !== conn.ws.OPEN) return;
  if (conn.ws.bufferedAmount > maxBufferedBytes) {
    closeConnection(conn, CloseCode.GOING_AWAY, 'klien terlalu lambat menerima data; sambungkan ulang');
    return;
  }
  conn.ws.send(frame, { binary: true });
}
