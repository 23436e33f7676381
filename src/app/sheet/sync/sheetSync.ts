// One open sheet on this device: the Y.Doc, its y-indexeddb copy (so it opens
// and edits with no network), and the y-websocket connection to the relay with
// the token, durable=1, the MESSAGE_DURABLE handler, jittered reconnects and no
// retry on the close codes wire.ts calls permanent.
import { createEffect, createSignal, on, type Accessor } from 'solid-js';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { CloseCode, DURABLE_PARAM, MESSAGE_DURABLE, SYNC_PATH, decodeDurable, isPermanentClose, type WireAccess } from '../../../sync/wire';
import { ApiError } from '../../api/client';
import type { AppServices } from '../../context';
import { sheetDbName, type LocalSheet } from '../../store/db';
import { createBackoff } from './backoff';
import { sendInChunks } from '../../../sync/chunkedSync';
import { mergeSv, pendingCount, type StateVector } from './durability';

export type LinkStatus =
  | 'offline' // the device has no network
  | 'connecting'
  | 'connected'
  | 'waiting' // closed by the network or server; retrying after a jittered delay
  | 'expired' // the session must be renewed by logging in again
  | 'refused'; // a permanent close code: no retry

export interface SheetSync {
  doc: Y.Doc;
  /** The relay connection; available once `whenLocal` resolved (before `ready`). */
  readonly provider: WebsocketProvider;
  /** Resolves once the device's copy is loaded (no network needed). */
  whenLocal: Promise<void>;
  /** True once the local copy holds the sheet's columns (opened before, or synced now). */
  ready: Accessor<boolean>;
  status: Accessor<LinkStatus>;
  /** Close code when status is 'refused'. */
  refusedCode: Accessor<number | null>;
  /** Local changes not yet durable on the server; null before the server ever acknowledged. */
  pending: Accessor<number | null>;
  /** Access the relay granted ('read' means writes are refused). */
  access: Accessor<WireAccess | null>;
  close(): void;
}

const PERSIST_EVERY_MS = 300;
const PERSIST_CROSSING_MS = 30;

export function openSheetSync(services: AppServices, sheetId: string): SheetSync {
  const { db, session, online, base } = services;
  const doc = new Y.Doc();
  const idb = new IndexeddbPersistence(sheetDbName(sheetId), doc);
  const [ready, setReady] = createSignal(false);
  const [status, setStatus] = createSignal<LinkStatus>(online() ? 'connecting' : 'offline');
  const [refusedCode, setRefusedCode] = createSignal<number | null>(null);
  const [pending, setPending] = createSignal<number | null>(null);
  const [access, setAccess] = createSignal<WireAccess | null>(null);
  const backoff = createBackoff();
  const mine = new Set<number>([doc.clientID]);
  let durable: StateVector | undefined;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let persistTimer: ReturnType<typeof setTimeout> | undefined;

  // ── durability ──
  const recount = () => {
    const before = pending();
    const n = durable ? pendingCount(Y.decodeStateVector(Y.encodeStateVector(doc)), durable, mine) : null;
    setPending(n);
    // Crossing zero is written almost at once (the logout warning reads it: a
    // just-typed edit must not look "already on the server" for 300 ms), but
    // never inside the keystroke's task, which must reach the paint first.
    if ((before ?? 0) > 0 !== (n ?? 0) > 0) {
      clearTimeout(persistTimer);
      persistTimer = setTimeout(persist, PERSIST_CROSSING_MS);
    } else if (persistTimer === undefined) persistTimer = setTimeout(persist, PERSIST_EVERY_MS);
  };
  const persist = () => {
    persistTimer = undefined;
    const row: LocalSheet = {
      id: sheetId,
      mine: [...mine],
      pending: pending() ?? countAll(),
      lastOpened: Date.now(),
      ...(durable ? { durable: [...durable] } : {}),
    };
    // Keep the counts the sheet page wrote (rows, problems); create the record on first open.
    void db.transaction('rw', db.sheets, async () => {
      const old = await db.sheets.get(sheetId);
      await db.sheets.put({ ...old, ...row });
    });
  };
  // Before the first acknowledgement, everything this device wrote counts as pending.
  const countAll = () => pendingCount(Y.decodeStateVector(Y.encodeStateVector(doc)), undefined, mine);

  const onUpdate = () => recount();

  // ── connection ──
  const connect = async () => {
    clearTimeout(retryTimer);
    if (closed || !provider || !online() || refusedCode() !== null || provider.wsconnected || provider.wsconnecting) return;
    let token: string;
    try {
      token = await session.validToken();
    } catch (err) {
      if (err instanceof ApiError && err.offline) return scheduleRetry();
      setStatus('expired');
      session.markExpired();
      return;
    }
    if (closed || !online() || !provider) return;
    provider.params = { ...provider.params, token };
    setStatus('connecting');
    provider.connect();
  };
  const scheduleRetry = () => {
    if (closed) return;
    clearTimeout(retryTimer);
    setStatus(online() ? 'waiting' : 'offline');
    retryTimer = setTimeout(() => void connect(), backoff.next());
  };
  const createProvider = (): WebsocketProvider => {
    const p = new WebsocketProvider(base.replace(/^http/, 'ws') + SYNC_PATH, sheetId, doc, {
      connect: false,
      params: { [DURABLE_PARAM]: '1' },
      // Every server close comes back to the 'connection-close' handler below, which owns the retry policy.
      shouldReconnect: () => false,
      maxBackoffTime: 30_000,
      // The cross-tab BroadcastChannel re-encodes the whole sheet on every connect
      // (0.5 s for 10k rows); tabs of one device meet through the relay instead.
      disableBc: true,
    });
    // y-websocket sends every awareness change back to the relay, also the ones
    // it just received from it: each cursor move of one person would cost every
    // other open tablet a frame and a send. Only this device's own changes go out.
    const sendAwareness = p._awarenessUpdateHandler;
    p.awareness.off('update', sendAwareness);
    p._awarenessUpdateHandler = (change: unknown, origin: unknown) => {
      if (origin !== p) sendAwareness(change, origin);
    };
    p.awareness.on('update', p._awarenessUpdateHandler);
    // Frames stay under the relay's message limit, however much was typed offline.
    sendInChunks(p);
    p.messageHandlers[MESSAGE_DURABLE] = (_encoder, decoder: decoding.Decoder) => {
      const ack = decodeDurable(decoder);
      durable = mergeSv(durable, Y.decodeStateVector(ack.stateVector));
      setAccess(ack.access);
      backoff.reset();
      recount();
    };
    p.on('status', ({ status: s }) => {
      if (s === 'connected') setStatus('connected');
    });
    p.on('connection-close', (event) => {
      if (closed || event === null) return; // we closed it ourselves
      if (event.code === CloseCode.UNAUTHORIZED) {
        session.tokenRefused();
        return scheduleRetry();
      }
      if (isPermanentClose(event.code)) {
        setRefusedCode(event.code);
        setStatus('refused');
        return;
      }
      scheduleRetry();
    });
    return p;
  };

  const goOffline = () => {
    clearTimeout(retryTimer);
    provider?.disconnect();
    setStatus('offline');
  };
  const goOnline = () => {
    // A short random delay: every tablet of an office regains the Wi-Fi at once.
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void connect(), Math.random() * 400);
  };
  window.addEventListener('offline', goOffline);
  window.addEventListener('online', goOnline);

  // ── local copy first, then the network ──
  // While y-indexeddb loads the stored sheet, no 'update' listener may be
  // attached: Yjs re-encodes a transaction for 'update' listeners, which for a
  // 10k-row sheet costs as much as decoding it. Its own store listener ignores
  // that transaction anyway (origin = the persistence), so it is re-attached after.
  doc.off('update', idb._storeUpdate);
  let provider: WebsocketProvider | undefined;
  const whenLocal = (async () => {
    const known = await db.sheets.get(sheetId);
    for (const c of known?.mine ?? []) mine.add(c);
    if (known?.durable) durable = new Map(known.durable);
    await idb.whenSynced;
    doc.on('update', idb._storeUpdate);
    if (closed) return;
    provider = createProvider();
    doc.on('update', onUpdate);
    if (doc.getArray('columns').length > 0) setReady(true);
    recount();
    persist();
  })();
  const onColumns = () => {
    // Ready only once the provider exists (the page reads it at mount).
    if (provider && doc.getArray('columns').length > 0) setReady(true);
  };
  doc.getArray('columns').observe(onColumns);
  void whenLocal.then(() => connect());

  // A new login (after the session expired) hands us a fresh token.
  // (Called under the sheet page's owner, so the effect ends with the page.)
  createEffect(
    on(
      session.tokenEpoch,
      () => {
        if (status() === 'expired' || status() === 'waiting') void connect();
      },
      { defer: true },
    ),
  );

  return {
    doc,
    get provider() {
      if (!provider) throw new Error('provider is created once the local copy is loaded');
      return provider;
    },
    whenLocal,
    ready,
    status,
    refusedCode,
    pending,
    access,
    close() {
      closed = true;
      clearTimeout(retryTimer);
      if (persistTimer !== undefined) {
        clearTimeout(persistTimer);
        persist();
      }
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      doc.off('update', onUpdate);
      provider?.destroy();
      void idb.destroy();
      doc.destroy();
    },
  };
}
