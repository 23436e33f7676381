// Shared helpers of the relay tests: temp dirs, stock y-websocket clients in
// Node, a raw protocol client, and polling.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import { WebSocket } from '../../server/relay/ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  decodeDurable,
  type DurableAck,
  MESSAGE_AWARENESS,
  MESSAGE_DURABLE,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  encodeSyncStep1,
} from '../../src/sync/wire';

export function makeTempDir(prefix = 'selaras-relay-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function waitFor(cond: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!cond()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await sleep(10);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A stock y-websocket 3.x client in Node (ws as WebSocket, no BroadcastChannel shortcut). */
export function stockClient(
  url: string,
  sheetId: string,
  token: string,
  options: { doc?: Y.Doc; params?: Record<string, string>; maxBackoffTime?: number } = {},
): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(url, sheetId, doc, {
    params: { token, ...options.params },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: options.maxBackoffTime ?? 2500,
  });
  return { doc, provider };
}

export function waitSynced(provider: WebsocketProvider, timeoutMs = 15_000): Promise<void> {
  return waitFor(() => provider.synced, 'provider synced', timeoutMs);
}

export interface Received {
  type: number;
  sub?: number;
  payload?: Uint8Array;
  durable?: DurableAck;
}

/** A client speaking the wire protocol by hand, recording every frame and the close. */
export class RawClient {
  readonly received: Received[] = [];
  closeCode: number | null = null;
  closeReason = '';
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  private readonly waiters = new Set<() => void>();

  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'nodebuffer';
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.ws.on('error', () => undefined);
    // Callers that only watch the close code need not handle a failed handshake.
    this.opened.catch(() => undefined);
    this.ws.on('message', (data: Buffer) => {
      this.received.push(parseServerFrame(new Uint8Array(data)));
      this.wake();
    });
    this.ws.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = reason.toString();
      this.wake();
    });
  }

  /** Resolves when `cond` holds, checked on every frame and on close (no polling delay). */
  until(cond: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    if (cond()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!cond()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for: ${what}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  static async open(url: string): Promise<RawClient> {
    const c = new RawClient(url);
    await c.opened;
    return c;
  }

  send(frame: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  /** Sends sync step 1 with an empty state vector and waits for the server's step 2. */
  async syncEmpty(): Promise<Y.Doc> {
    const before = this.received.length;
    this.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await waitFor(
      () => this.received.slice(before).some((m) => m.type === MESSAGE_SYNC && m.sub === SYNC_STEP2),
      'sync step 2',
    );
    const doc = new Y.Doc();
    for (const m of this.received) {
      if (m.type === MESSAGE_SYNC && (m.sub === SYNC_STEP2 || m.sub === SYNC_UPDATE)) Y.applyUpdate(doc, m.payload!);
    }
    return doc;
  }

  lastDurable(): DurableAck | undefined {
    for (let i = this.received.length - 1; i >= 0; i--) if (this.received[i]!.durable) return this.received[i]!.durable;
    return undefined;
  }

  updates(): Uint8Array[] {
    return this.received.filter((m) => m.type === MESSAGE_SYNC && m.sub !== SYNC_STEP1).map((m) => m.payload!);
  }

  waitClosed(timeoutMs = 15_000): Promise<void> {
    return waitFor(() => this.closeCode !== null, 'connection closed', timeoutMs);
  }

  close(): void {
    this.ws.close();
  }
}

export function parseServerFrame(frame: Uint8Array): Received {
  const d = decoding.createDecoder(frame);
  const type = decoding.readVarUint(d);
  if (type === MESSAGE_SYNC) {
    const sub = decoding.readVarUint(d);
    return { type, sub, payload: decoding.readVarUint8Array(d) };
  }
  if (type === MESSAGE_AWARENESS) return { type, payload: decoding.readVarUint8Array(d) };
  if (type === MESSAGE_DURABLE) return { type, durable: decodeDurable(d) };
  return { type };
}

export function docJson(doc: Y.Doc, name = 'cells'): Record<string, unknown> {
  return doc.getMap(name).toJSON();
}

/** Canonical JSON of a map (keys sorted), to compare docs whose insertion orders differ. */
export function mapKey(doc: Y.Doc, name = 'cells'): string {
  const json = doc.getMap(name).toJSON();
  return JSON.stringify(Object.keys(json).sort().map((k) => [k, json[k]]));
}
