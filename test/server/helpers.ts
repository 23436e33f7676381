// Helpers of the server tests: a real server (HTTP + relay + SQLite) on
// 127.0.0.1 port 0 in a temp data dir, JSON API calls, and a raw y-protocols
// WebSocket client.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits, type ServerConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/main';
import { createLogger } from '../../server/ops/logger';
// The Node `ws` (vitest's browser condition would map 'ws' to a stub).
import { WebSocket } from '../../server/relay/ws';
import { decodeDurable, MESSAGE_DURABLE, MESSAGE_SYNC, type DurableAck } from '../../src/sync/wire';

export interface TestServer extends RunningServer {
  dataDir: string;
  secret: string;
  config: ServerConfig;
  /** Close the server and delete its data dir. */
  stop(): Promise<void>;
}

export function tempDir(prefix = 'selaras-server-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startTestServer(
  opts: { demo?: boolean; dataDir?: string; loginLimits?: LoginLimits; secret?: string; keepData?: boolean; regencyCode?: string } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? tempDir();
  const secret = opts.secret ?? randomBytes(32).toString('base64url');
  const config: ServerConfig = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    distDir: join(dataDir, 'no-dist'),
    secret,
    demo: opts.demo ?? false,
    accessTtlSeconds: 3600,
    refreshTtlSeconds: 30 * 24 * 3600,
    loginLimits: opts.loginLimits ?? DEFAULT_LOGIN_LIMITS,
    logLevel: 'silent',
    ...(opts.regencyCode ? { regencyCode: opts.regencyCode } : {}),
  };
  const server = await startServer({ config, logger: createLogger({ level: 'silent' }), revocationCheckMs: 100 });
  return {
    ...server,
    dataDir,
    secret,
    config,
    async stop() {
      await server.close();
      if (!opts.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export async function api<T = Record<string, unknown>>(
  base: string,
  path: string,
  options: { method?: string; token?: string; body?: unknown } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    // not JSON (metrics, static files)
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

export interface LoginSession {
  accessToken: string;
  refreshToken: string;
  user: { id: string; username: string; role: string };
}

export async function login(base: string, username: string, password: string): Promise<LoginSession> {
  const res = await api<LoginSession>(base, '/api/login', { body: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A WebSocket client speaking y-protocols by hand, with its own Y.Doc. */
export class RawSyncClient {
  readonly doc = new Y.Doc();
  readonly ws: WebSocket;
  readonly acks: DurableAck[] = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  synced = false;
  /** Sync step-2 and update frames sent: what the server's durable acks count. */
  sent = 0;
  closeInfo: { code: number; reason: string } | null = null;

  constructor(base: string, sheetId: string, token: string) {
    const url = `${base.replace(/^http/, 'ws')}/sync/${encodeURIComponent(sheetId)}?token=${encodeURIComponent(token)}&durable=1`;
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'nodebuffer';
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => {
      this.ws.once('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString('utf8') };
        resolve(this.closeInfo);
      });
    });
    this.ws.on('message', (data: Buffer) => this.onMessage(new Uint8Array(data)));
    this.ws.once('open', () => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(e, this.doc);
      this.ws.send(encoding.toUint8Array(e));
    });
  }

  private onMessage(frame: Uint8Array): void {
    const d = decoding.createDecoder(frame);
    const type = decoding.readVarUint(d);
    if (type === MESSAGE_SYNC) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MESSAGE_SYNC);
      const sub = syncProtocol.readSyncMessage(d, reply, this.doc, 'server');
      if (sub === syncProtocol.messageYjsSyncStep2) this.synced = true;
      if (encoding.length(reply) > 1 && this.ws.readyState === WebSocket.OPEN) {
        this.sent++;
        this.ws.send(encoding.toUint8Array(reply));
      }
    } else if (type === MESSAGE_DURABLE) {
      this.acks.push(decodeDurable(d));
    }
  }

  /** Send an update the way y-websocket does (sync message, update sub-type). */
  sendUpdate(update: Uint8Array): void {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeUpdate(e, update);
    this.sent++;
    this.ws.send(encoding.toUint8Array(e));
  }

  /** Change the local doc and send exactly that change. */
  edit(change: (doc: Y.Doc) => void): void {
    const before = Y.encodeStateVector(this.doc);
    change(this.doc);
    this.sendUpdate(Y.encodeStateAsUpdate(this.doc, before));
  }

  async waitSynced(): Promise<void> {
    await waitFor(() => this.synced || this.closeInfo !== null, 'sync step 2');
    if (!this.synced) throw new Error(`closed before sync: ${JSON.stringify(this.closeInfo)}`);
  }

  /** Wait until the server has settled every update frame sent so far. */
  async waitSettled(seq = this.sent): Promise<DurableAck> {
    await waitFor(() => this.acks.some((a) => a.seq >= seq) || this.closeInfo !== null, `durable ack ${seq}`);
    const ack = this.acks.find((a) => a.seq >= seq);
    if (!ack) throw new Error(`closed before ack: ${JSON.stringify(this.closeInfo)}`);
    return ack;
  }

  close(): void {
    this.ws.close();
    this.doc.destroy();
  }
}

export async function waitFor(cond: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!cond()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
