// The command line as a real client of a running Selaras server: log in over
// HTTP, open a sheet through the relay with the stock y-websocket provider
// (durable=1), and wait for MESSAGE_DURABLE to cover what we wrote — the same
// path and the same guarantees as the app. Writing the server's SQLite behind
// the running relay's back would bypass its rights checks and its rooms.
// The WebSocket class is passed in (the CLI gives Node's `ws`).
import * as Y from 'yjs';
import type * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { sendInChunks } from '../sync/chunkedSync';
import { DURABLE_PARAM, MESSAGE_DURABLE, SYNC_PATH, decodeDurable, isPermanentClose, type WireAccess } from '../sync/wire';

export class RemoteError extends Error {
  override readonly name = 'RemoteError';
}

async function call<T>(base: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(base.replace(/\/$/, '') + path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  } catch (e) {
    throw new RemoteError(`Server ${base} tidak dapat dihubungi (${e instanceof Error ? e.message : String(e)}).`);
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { error: text };
  }
  if (!res.ok) {
    const msg = body && typeof body === 'object' && 'error' in body ? String((body as { error: unknown }).error) : res.statusText;
    throw new RemoteError(`${path}: ${msg} (HTTP ${res.status})`);
  }
  return body as T;
}

export async function login(base: string, username: string, password: string): Promise<string> {
  const session = await call<{ accessToken: string }>(base, '/api/login', { body: { username, password } });
  return session.accessToken;
}

export interface NewSheetRequest {
  program: string;
  period: string;
  /** Kemendagri code of the kelurahan (not needed for an OPD proposer). */
  kelurahan?: string;
  name?: string;
  template?: string;
}

export async function createSheet(base: string, token: string, req: NewSheetRequest): Promise<{ id: string; name: string }> {
  return call(base, '/api/sheets', { token, body: req });
}

/** A minimal constructor type the y-websocket provider accepts (the browser's WebSocket or Node's `ws`). */
export type WebSocketClass = typeof WebSocket;

export interface RemoteSheet {
  doc: Y.Doc;
  access: WireAccess;
  /** Resolves once the server has durably stored everything this client wrote. */
  whenDurable(timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Opens a sheet through the relay and resolves once it is synced and the server told us our access. */
export function openRemoteSheet(base: string, token: string, sheetId: string, WS: WebSocketClass, timeoutMs = 60_000): Promise<RemoteSheet> {
  const doc = new Y.Doc();
  const url = base.replace(/^http/, 'ws').replace(/\/$/, '') + SYNC_PATH;
  const provider = new WebsocketProvider(url, sheetId, doc, {
    connect: false,
    params: { [DURABLE_PARAM]: '1', token },
    WebSocketPolyfill: WS,
    disableBc: true,
    shouldReconnect: () => false,
  });
  // Every frame under the relay's limit, whatever the transaction size (as the app does).
  sendInChunks(provider);
  let durable = new Map<number, number>();
  let access: WireAccess | null = null;
  const waiters = new Set<() => void>();
  let failure: RemoteError | null = null;
  const settled = () => {
    for (const w of [...waiters]) w();
  };
  provider.messageHandlers[MESSAGE_DURABLE] = (_encoder: unknown, decoder: decoding.Decoder) => {
    const ack = decodeDurable(decoder);
    for (const [client, clock] of Y.decodeStateVector(ack.stateVector)) durable.set(client, Math.max(clock, durable.get(client) ?? 0));
    access = ack.access;
    settled();
  };
  provider.on('sync', () => settled());
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (!event) return;
    const why = event.reason ? `: ${event.reason}` : '';
    failure = new RemoteError(
      isPermanentClose(event.code) ? `Server menolak sambungan ke lembar ${sheetId} (kode ${event.code}${why}).` : `Sambungan ke server terputus (kode ${event.code}${why}).`,
    );
    settled();
  });
  const until = (ok: () => boolean, what: string, ms: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (failure) finish(() => reject(failure));
        else if (ok()) finish(resolve);
      };
      const timer = setTimeout(() => finish(() => reject(new RemoteError(`Waktu habis menunggu ${what}.`))), ms);
      const finish = (f: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        f();
      };
      waiters.add(check);
      check();
    });
  const mineDurable = () => (Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0) <= (durable.get(doc.clientID) ?? 0);
  const sheet: RemoteSheet = {
    doc,
    get access() {
      return access ?? 'read';
    },
    whenDurable: (ms = timeoutMs) => until(mineDurable, 'konfirmasi server bahwa data tersimpan', ms),
    close() {
      provider.destroy();
      doc.destroy();
      durable = new Map();
    },
  };
  provider.connect();
  return until(() => provider.synced && access !== null, `lembar ${sheetId} dari server`, timeoutMs).then(
    () => sheet,
    (e: unknown) => {
      sheet.close();
      throw e;
    },
  );
}
