// The relay: y-websocket protocol on /sync/<sheetId>, one room per sheet,
// authorization per connection, durable before forwarded (see room.ts and the
// protocol spec in src/sync/wire.ts). The HTTP server belongs to the caller,
// which hands WebSocket upgrades to handleUpgrade().

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from './ws';
import * as Y from 'yjs';
import type { Metrics } from '../ops/metrics';
import type { DocStore } from '../store/doc-store';
import { CloseCode, DURABLE_PARAM, SYNC_PATH } from '../../src/sync/wire';
import type { Access, Connection } from './connection';
import { closeConnection } from './connection';
import type { RelayLimits } from './limits';
import { resolveLimits } from './limits';
import { createRelayMetrics } from './relay-metrics';
import { Room } from './room';

export type AuthorizeResult =
  | { ok: true; userId: string; access: Access; rightsVersion?: number }
  | { ok: false; status: 401 | 403 | 404; reason: string };

export interface ConnectionAuthorizer {
  authorize(input: { token: string | null; sheetId: string }): Promise<AuthorizeResult>;
}

export interface RelayOptions {
  store: DocStore;
  authorizer: ConnectionAuthorizer;
  logger: Logger;
  metrics: Metrics;
  limits?: Partial<RelayLimits>;
}

export interface Relay {
  /** For requests whose path starts with /sync/; anything else is answered 404. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /**
   * Closes matching connections with `code` (default FORBIDDEN, permanent) and
   * `reason`. Pass UNAUTHORIZED when rights changed but may remain: the client
   * renews its token and reconnects, and is authorized anew. Returns how many.
   */
  closeWhere(
    pred: (c: { userId: string; sheetId: string; access: Access; rightsVersion: number | undefined }) => boolean,
    reason: string,
    code?: RevocationCloseCode,
  ): number;
  /** A server-side write (seed, import): applied, committed to disk, then broadcast. */
  applyServerUpdate(sheetId: string, update: Uint8Array): Promise<void>;
  /** A copy of the durable state of a sheet (loaded or not). */
  readDoc(sheetId: string): Promise<Y.Doc>;
  /** Counts for /healthz and logs. */
  stats(): { connections: number; docsLoaded: number };
  /** Stops accepting, closes clients (GOING_AWAY), handles what they sent, flushes. The store stays open. */
  close(): Promise<void>;
}

/** Close codes for rights that changed: permanent, or "renew the token and reconnect". */
export type RevocationCloseCode = typeof CloseCode.FORBIDDEN | typeof CloseCode.UNAUTHORIZED;

/** Sheet ids as they may appear in the URL path. */
const SHEET_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

const STATUS_CLOSE_CODE = { 401: CloseCode.UNAUTHORIZED, 403: CloseCode.FORBIDDEN, 404: CloseCode.NOT_FOUND } as const;

export function parseSyncUrl(url: string | undefined): { sheetId: string; token: string | null; durable: boolean } | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://relay.invalid');
  } catch {
    return null;
  }
  const prefix = SYNC_PATH + '/';
  if (!parsed.pathname.startsWith(prefix)) return null;
  let sheetId: string;
  try {
    sheetId = decodeURIComponent(parsed.pathname.slice(prefix.length));
  } catch {
    return null;
  }
  if (!SHEET_ID.test(sheetId)) return null;
  return {
    sheetId,
    token: parsed.searchParams.get('token'),
    durable: parsed.searchParams.get(DURABLE_PARAM) === '1',
  };
}

export function createRelay(opts: RelayOptions): Relay {
  const limits = resolveLimits(opts.limits);
  const metrics = createRelayMetrics(opts.metrics);
  const log = opts.logger.child({ component: 'relay' });
  const store = opts.store;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.transportMaxBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });
  const rooms = new Map<string, Room>();
  const conns = new Set<Connection>();
  /** user\0sheet → until (ms) : recent oversize frames, to stop resend loops. */
  const oversizeStrikes = new Map<string, number>();
  let nextConnId = 1;
  let closing = false;

  const roomDeps = {
    store,
    logger: log,
    metrics,
    limits,
    onIdle: (room: Room) => scheduleUnload(room),
    onFailed: (room: Room) => {
      if (rooms.get(room.sheetId) === room) rooms.delete(room.sheetId);
      metrics.docsLoaded.set(rooms.size);
      // Appends still in flight settle (or fail) on their own; free memory after.
      room.drain().finally(() => room.destroy());
    },
  };

  const pingTimer = setInterval(() => {
    for (const conn of conns) {
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }, limits.pingIntervalMs);
  pingTimer.unref();

  function scheduleUnload(room: Room): void {
    if (room.unloadTimer || room.unloading || closing) return;
    room.unloadTimer = setTimeout(() => {
      room.unloadTimer = null;
      if (!room.isIdle() || rooms.get(room.sheetId) !== room) return;
      room.unloading = (async () => {
        try {
          await room.drain();
          await room.compactIfLarge(2);
        } catch (err) {
          log.error({ err, sheetId: room.sheetId }, 'unload: compaction failed');
        } finally {
          if (rooms.get(room.sheetId) === room) rooms.delete(room.sheetId);
          metrics.docsLoaded.set(rooms.size);
          room.destroy();
          log.debug({ sheetId: room.sheetId }, 'unloaded');
        }
      })();
    }, limits.unloadGraceMs);
    room.unloadTimer.unref();
  }

  /** Returns the loaded (or loading) room, retained for the caller. */
  async function acquireRoom(sheetId: string): Promise<Room> {
    for (;;) {
      const existing = rooms.get(sheetId);
      if (!existing) break;
      if (existing.unloading) {
        await existing.unloading;
        continue;
      }
      existing.retain();
      return existing;
    }
    const room = new Room(sheetId, roomDeps);
    rooms.set(sheetId, room);
    metrics.docsLoaded.set(rooms.size);
    room.retain();
    room.ready.catch((err: unknown) => {
      log.error({ err, sheetId }, 'could not load sheet');
      room.fail('gagal memuat lembar dari penyimpanan');
    });
    return room;
  }

  function strikeKey(userId: string, sheetId: string): string {
    return `${userId}\u0000${sheetId}`;
  }

  function recordOversize(conn: Connection): void {
    const now = Date.now();
    for (const [key, until] of oversizeStrikes) if (until <= now) oversizeStrikes.delete(key);
    oversizeStrikes.set(strikeKey(conn.userId, conn.sheetId), now + limits.oversizeCooldownMs);
    metrics.refusedMessages.inc({ reason: 'too_large' });
  }

  function inCooldown(userId: string, sheetId: string): boolean {
    const until = oversizeStrikes.get(strikeKey(userId, sheetId));
    return until !== undefined && until > Date.now();
  }

  function rejectHttp(socket: Duplex, status: number, text: string): void {
    if (socket.destroyed) return;
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  /** Completes the handshake only to say why the client must not retry (browsers cannot read HTTP statuses of a failed upgrade). */
  function acceptAndClose(req: IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string): void {
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => undefined);
      ws.close(code, reason);
    });
  }

  function setUp(ws: WebSocket, room: Room, userId: string, access: Access, durable: boolean, rightsVersion: number | undefined): Connection {
    const conn: Connection = {
      id: nextConnId++,
      ws,
      userId,
      sheetId: room.sheetId,
      access,
      rightsVersion,
      durable,
      awarenessIds: new Set(),
      received: 0,
      settled: 0,
      ackScheduled: false,
      closedByServer: false,
      closed: false,
      alive: true,
    };
    conns.add(conn);
    metrics.connections.set(conns.size);
    ws.on('message', (data, isBinary) => {
      if (conn.closedByServer) return;
      if (!isBinary) {
        metrics.refusedMessages.inc({ reason: 'text_frame' });
        closeConnection(conn, CloseCode.MALFORMED, 'hanya frame biner yang diterima');
        return;
      }
      const frame = toBytes(data);
      if (frame.byteLength > limits.maxMessageBytes) {
        recordOversize(conn);
        log.warn({ userId, sheetId: room.sheetId, bytes: frame.byteLength }, 'oversize message');
        closeConnection(
          conn,
          CloseCode.TOO_LARGE,
          `pesan terlalu besar (${frame.byteLength} byte, batas ${limits.maxMessageBytes})`,
        );
        return;
      }
      room.handle(conn, frame);
    });
    ws.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') recordOversize(conn);
      log.warn({ err: err.message, code: err.code, userId, sheetId: room.sheetId }, 'websocket error');
    });
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('close', () => {
      conn.closed = true;
      conns.delete(conn);
      metrics.connections.set(conns.size);
      room.detach(conn);
    });
    return conn;
  }

  return {
    handleUpgrade(req, socket, head) {
      if (closing) return rejectHttp(socket, 503, 'Service Unavailable');
      const target = parseSyncUrl(req.url);
      if (!target) return rejectHttp(socket, 404, 'Not Found');
      socket.on('error', () => undefined);
      void (async () => {
        let decision: AuthorizeResult;
        try {
          decision = await opts.authorizer.authorize({ token: target.token, sheetId: target.sheetId });
        } catch (err) {
          log.error({ err, sheetId: target.sheetId }, 'authorizer failed');
          return rejectHttp(socket, 500, 'Internal Server Error');
        }
        if (socket.destroyed) return;
        if (!decision.ok) {
          metrics.connectionsTotal.inc({ result: decision.status === 401 ? 'unauthorized' : decision.status === 403 ? 'forbidden' : 'not_found' });
          return acceptAndClose(req, socket, head, STATUS_CLOSE_CODE[decision.status], decision.reason);
        }
        if (inCooldown(decision.userId, target.sheetId)) {
          metrics.connectionsTotal.inc({ result: 'cooldown' });
          return acceptAndClose(
            req,
            socket,
            head,
            CloseCode.TOO_LARGE,
            'pesan terlalu besar dikirim berulang; coba lagi nanti',
          );
        }
        if (closing) return rejectHttp(socket, 503, 'Service Unavailable');
        const room = await acquireRoom(target.sheetId);
        if (socket.destroyed || closing || room.failed) {
          room.release();
          return rejectHttp(socket, 503, 'Service Unavailable');
        }
        let attached = false;
        socket.once('close', () => {
          if (!attached) room.release();
        });
        wss.handleUpgrade(req, socket, head, (ws) => {
          attached = true;
          const conn = setUp(ws, room, decision.userId, decision.access, target.durable, decision.rightsVersion);
          room.attach(conn);
          room.release();
          metrics.connectionsTotal.inc({ result: 'accepted' });
          log.debug({ userId: conn.userId, sheetId: conn.sheetId, access: conn.access }, 'connected');
        });
      })();
    },

    closeWhere(pred, reason, code = CloseCode.FORBIDDEN) {
      let n = 0;
      for (const conn of conns) {
        if (conn.closedByServer) continue;
        if (pred({ userId: conn.userId, sheetId: conn.sheetId, access: conn.access, rightsVersion: conn.rightsVersion })) {
          closeConnection(conn, code, reason);
          n++;
        }
      }
      return n;
    },

    async applyServerUpdate(sheetId, update) {
      if (closing) throw new Error('relay is closing');
      const room = await acquireRoom(sheetId);
      try {
        await room.ready;
        await room.applyServerUpdate(update);
      } finally {
        room.release();
      }
    },

    async readDoc(sheetId) {
      const room = rooms.get(sheetId);
      if (room && !room.unloading && !room.failed) {
        room.retain();
        try {
          await room.ready;
          return await room.snapshot();
        } finally {
          room.release();
        }
      }
      if (room?.unloading) await room.unloading;
      const stored = await store.load(sheetId);
      const doc = new Y.Doc();
      Y.transact(doc, () => {
        for (const u of stored.updates) Y.applyUpdate(doc, u);
      });
      return doc;
    },

    stats() {
      return { connections: conns.size, docsLoaded: rooms.size };
    },

    async close() {
      if (closing) return;
      closing = true;
      clearInterval(pingTimer);
      for (const conn of conns) closeConnection(conn, CloseCode.GOING_AWAY, 'server berhenti; sambungkan ulang nanti');
      // Frames already received are still handled and committed.
      await Promise.all([...rooms.values()].map((r) => r.drain()));
      await store.flush();
      for (const conn of conns) conn.ws.terminate();
      for (const room of rooms.values()) room.destroy();
      rooms.clear();
      metrics.docsLoaded.set(0);
      wss.close();
    },
  };
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
