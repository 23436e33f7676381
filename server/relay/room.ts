// One sheet's room: the loaded Y.Doc, its awareness and its connections.
// Every client frame of the room is handled in one serial queue, so that
// (1) nothing is answered before the stored doc has loaded completely,
// (2) a sync step 2 reply carries only content already committed to disk, and
// (3) after an update the server could not apply, the doc is rebuilt from disk
//     before anything else touches it.
// Updates are applied in memory, appended to the store (group commit), and only
// after the commit forwarded to the other clients and acknowledged.

import type { Logger } from 'pino';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { DocStore } from '../store/doc-store';
import {
  type ClientMessage,
  CloseCode,
  decodeClientMessage,
  encodeAwareness,
  encodeDurable,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  WireError,
} from '../../src/sync/wire';
import type { Connection } from './connection';
import { closeConnection, sendFrame } from './connection';
import type { RelayLimits } from './limits';
import type { RelayMetrics } from './relay-metrics';
import { updateAddsNothing } from './read-only';

export interface RoomDeps {
  store: DocStore;
  logger: Logger;
  metrics: RelayMetrics;
  limits: RelayLimits;
  /** The room has no connection and nothing retains it. */
  onIdle(room: Room): void;
  /** A commit failed: the room must be dropped (its memory holds non-durable data). */
  onFailed(room: Room): void;
}

/** Why a write was not applied. */
export class InvalidUpdateError extends Error {
  override readonly name = 'InvalidUpdateError';
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

const noop = (): void => undefined;

export class Room {
  readonly conns = new Set<Connection>();
  readonly awareness: awarenessProtocol.Awareness;
  /** Resolves once the stored doc is loaded; rejects if it cannot be. */
  readonly ready: Promise<void>;
  /** Set when the relay started unloading this room. */
  unloading: Promise<void> | null = null;
  unloadTimer: NodeJS.Timeout | null = null;
  failed = false;

  private doc: Y.Doc;
  private changed = false;
  /** State after the last transaction (Yjs computes it anyway; encoded only when acked). */
  private lastState = new Map<number, number>();
  private queue: Promise<void>;
  private lastAppend: Promise<void> = Promise.resolve();
  private durableState: Map<number, number>;
  /** Encoded form of durableState, computed once per commit on demand. */
  private durableStateVector: Uint8Array | null = null;
  private appendsSinceCompaction = 0;
  private retained = 0;
  private readonly log: Logger;

  constructor(
    readonly sheetId: string,
    private readonly deps: RoomDeps,
  ) {
    this.log = deps.logger.child({ sheetId });
    this.doc = this.newDoc();
    this.durableState = new Map();
    // Awareness gets its own doc: the content doc may be rebuilt from disk.
    this.awareness = new awarenessProtocol.Awareness(new Y.Doc());
    this.awareness.setLocalState(null);
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.onAwareness(change, origin));
    this.ready = this.loadFromStore().then((doc) => {
      this.doc.destroy();
      this.doc = doc;
      this.setDurableState(Y.decodeStateVector(Y.encodeStateVector(doc)));
    });
    this.queue = this.ready.catch(noop);
  }

  /** Keeps the room loaded while a connection is being set up. */
  retain(): void {
    this.retained++;
    if (this.unloadTimer) {
      clearTimeout(this.unloadTimer);
      this.unloadTimer = null;
    }
  }

  release(): void {
    this.retained--;
    this.checkIdle();
  }

  isIdle(): boolean {
    return this.conns.size === 0 && this.retained === 0 && !this.failed;
  }

  attach(conn: Connection): void {
    this.conns.add(conn);
    this.enqueue(() => this.greet(conn));
  }

  detach(conn: Connection): void {
    if (!this.conns.delete(conn)) return;
    if (conn.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
    }
    this.checkIdle();
  }

  /** Queues one client frame (already size-checked). */
  handle(conn: Connection, frame: Uint8Array): void {
    this.enqueue(() => this.process(conn, frame));
  }

  /** A server-side write: applied, committed, then broadcast. Rejects on invalid updates. */
  applyServerUpdate(update: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.enqueue(async () => {
        if (this.failed) return reject(new Error(`sheet ${this.sheetId} is not available`));
        const outcome = await this.integrate(update, null);
        if (outcome === 'invalid') return reject(new InvalidUpdateError('pembaruan Yjs tidak valid'));
        outcome.durable.then(resolve, reject);
      });
    });
  }

  /** A copy of the durable doc. */
  snapshot(): Promise<Y.Doc> {
    return new Promise<Y.Doc>((resolve, reject) => {
      this.enqueue(async () => {
        await this.lastAppend.catch(noop);
        if (this.failed) return reject(new Error(`sheet ${this.sheetId} is not available`));
        const copy = new Y.Doc();
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
        resolve(copy);
      });
    });
  }

  /** Waits until every queued frame is handled and every append has settled. */
  async drain(): Promise<void> {
    await this.queue;
    await this.lastAppend.catch(noop);
  }

  /** Compacts the stored log if it has grown; safe while writes continue. */
  async compactIfLarge(minEntries: number): Promise<void> {
    if (this.deps.store.entryCount(this.sheetId) < minEntries) return;
    const result = await this.deps.store.compact(this.sheetId);
    this.deps.metrics.compactions.inc();
    this.log.debug({ ...result }, 'compacted');
  }

  /** Frees memory. The caller has made sure nobody uses the room any more. */
  destroy(): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.awareness.destroy();
    this.awareness.doc.destroy();
    this.doc.destroy();
  }

  /** Closes every connection (after a store failure, or at shutdown). */
  closeAll(code: number, reason: string): void {
    for (const conn of this.conns) closeConnection(conn, code, reason);
  }

  fail(reason: string): void {
    if (this.failed) return;
    this.failed = true;
    this.closeAll(CloseCode.STORE_FAILED, reason);
    this.deps.onFailed(this);
  }

  private checkIdle(): void {
    if (this.isIdle()) this.deps.onIdle(this);
  }

  private enqueue(task: () => void | Promise<void>): void {
    this.queue = this.queue.then(task).catch((err: unknown) => {
      this.log.error({ err }, 'room task failed');
    });
  }

  private newDoc(): Y.Doc {
    const doc = new Y.Doc();
    // 'afterTransaction' rather than 'update': with an 'update' listener Yjs
    // would encode every transaction as an update that nobody reads.
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      this.lastState = tr.afterState;
      if (tr.deleteSet.clients.size > 0) {
        this.changed = true;
        return;
      }
      for (const [client, clock] of tr.afterState) {
        if (tr.beforeState.get(client) !== clock) {
          this.changed = true;
          return;
        }
      }
    });
    return doc;
  }

  private async loadFromStore(): Promise<Y.Doc> {
    const started = performance.now();
    const stored = await this.deps.store.load(this.sheetId);
    const doc = this.newDoc();
    Y.transact(doc, () => {
      for (const update of stored.updates) {
        try {
          Y.applyUpdate(doc, update);
        } catch (err) {
          // Only validated updates are stored; log loudly if one still fails.
          this.log.error({ err }, 'stored update could not be applied');
        }
      }
    });
    this.log.debug(
      { entries: stored.updates.length, bytes: stored.bytes, ms: Math.round(performance.now() - started) },
      'loaded',
    );
    return doc;
  }

  /** First frames to a new connection, sent only once the doc is loaded. */
  private greet(conn: Connection): void {
    if (this.failed) return;
    const max = this.deps.limits.maxBufferedBytes;
    sendFrame(conn, encodeSyncStep1(Y.encodeStateVector(this.doc)), max);
    if (this.awareness.getStates().size > 0) {
      const states = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]);
      sendFrame(conn, encodeAwareness(states), max);
    }
    if (conn.durable) this.sendDurable(conn);
  }

  private async process(conn: Connection, frame: Uint8Array): Promise<void> {
    if (conn.closedByServer || this.failed) return;
    let message: ClientMessage;
    try {
      message = decodeClientMessage(frame);
    } catch (err) {
      const reason = err instanceof WireError ? err.message : 'pesan rusak';
      this.refuse(conn, 'malformed', CloseCode.MALFORMED, reason);
      return;
    }
    const max = this.deps.limits.maxBufferedBytes;
    switch (message.kind) {
      case 'sync-step1': {
        try {
          Y.decodeStateVector(message.stateVector);
        } catch {
          this.refuse(conn, 'malformed', CloseCode.MALFORMED, 'state vector rusak');
          return;
        }
        // Only what is on disk goes out: wait for the appends in flight.
        await this.lastAppend.catch(noop);
        if (this.failed) return;
        sendFrame(conn, encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)), max);
        return;
      }
      case 'sync-step2':
      case 'sync-update': {
        const seq = ++conn.received;
        if (conn.access === 'read') {
          this.refuseReadOnlyWrite(conn, message.update);
          this.settleAfter(conn, seq, this.lastAppend);
          return;
        }
        const outcome = await this.integrate(message.update, conn);
        if (outcome === 'invalid') return;
        this.settleAfter(conn, seq, outcome.durable);
        return;
      }
      case 'awareness': {
        try {
          awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, conn);
        } catch {
          this.refuse(conn, 'malformed', CloseCode.MALFORMED, 'pesan awareness rusak');
        }
        return;
      }
      case 'query-awareness': {
        const states = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]);
        sendFrame(conn, encodeAwareness(states), max);
        return;
      }
    }
  }

  /**
   * Validates and applies one update, appends it to the store, and on commit
   * forwards it to everyone but its origin. Returns (wrapped, so that awaiting
   * this does not wait for the disk) a promise that settles when the update, or
   * if it changed nothing everything before it, is durable; or 'invalid' after
   * refusing it.
   */
  private async integrate(update: Uint8Array, origin: Connection | null): Promise<{ durable: Promise<void> } | 'invalid'> {
    try {
      // Decode fully first: Yjs integrates structs before it reads the delete
      // set, so a truncated update would otherwise half-apply.
      Y.decodeUpdate(update);
    } catch {
      if (origin) this.refuse(origin, 'invalid_update', CloseCode.INVALID_UPDATE, 'pembaruan Yjs rusak');
      return 'invalid';
    }
    const store = this.doc.store;
    const pendingBefore = [store.pendingStructs, store.pendingDs];
    this.changed = false;
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (err) {
      this.log.warn({ err, userId: origin?.userId }, 'update could not be applied; rebuilding the doc from disk');
      if (origin) this.refuse(origin, 'invalid_update', CloseCode.INVALID_UPDATE, 'pembaruan Yjs tidak dapat diterapkan');
      await this.rebuildFromStore();
      return 'invalid';
    }
    const pendingChanged = store.pendingStructs !== pendingBefore[0] || store.pendingDs !== pendingBefore[1];
    if (!this.changed && !pendingChanged) return { durable: this.lastAppend };

    const state = this.lastState;
    const started = performance.now();
    const durable = this.deps.store.append(this.sheetId, update);
    this.lastAppend = durable;
    durable.then(
      () => {
        const m = this.deps.metrics;
        m.updatesPersisted.inc();
        m.persistSeconds.observe((performance.now() - started) / 1000);
        this.setDurableState(state);
        this.broadcast(encodeSyncUpdate(update), origin);
        if (++this.appendsSinceCompaction >= this.deps.limits.compactAfterEntries) {
          this.appendsSinceCompaction = 0;
          setImmediate(() => {
            this.compactIfLarge(this.deps.limits.compactAfterEntries).catch((err: unknown) => {
              this.log.error({ err }, 'compaction failed');
            });
          });
        }
      },
      (err: unknown) => {
        this.log.error({ err }, 'commit failed; dropping the sheet from memory');
        this.fail('gagal menyimpan ke disk; sambungkan ulang');
      },
    );
    return { durable };
  }

  private refuseReadOnlyWrite(conn: Connection, update: Uint8Array): void {
    let harmless: boolean;
    try {
      harmless = updateAddsNothing(this.doc, update);
    } catch {
      this.refuse(conn, 'invalid_update', CloseCode.INVALID_UPDATE, 'pembaruan Yjs rusak');
      return;
    }
    if (harmless) return;
    // Refused, not punished: the connection stays open for reading.
    this.deps.metrics.refusedMessages.inc({ reason: 'read_only' });
    this.log.warn({ userId: conn.userId }, 'write on a read-only connection refused');
  }

  private async rebuildFromStore(): Promise<void> {
    await this.lastAppend.catch(noop);
    if (this.failed) return;
    try {
      const fresh = await this.loadFromStore();
      this.doc.destroy();
      this.doc = fresh;
    } catch (err) {
      this.log.error({ err }, 'could not reload the doc');
      this.fail('gagal memuat ulang lembar; sambungkan ulang');
    }
  }

  private refuse(conn: Connection, reason: string, code: number, text: string): void {
    this.deps.metrics.refusedMessages.inc({ reason });
    this.log.warn({ userId: conn.userId, reason, text }, 'client message refused');
    closeConnection(conn, code, text);
  }

  private settleAfter(conn: Connection, seq: number, durable: Promise<void>): void {
    if (!conn.durable) return;
    durable.then(() => {
      if (seq > conn.settled) conn.settled = seq;
      if (conn.ackScheduled) return;
      conn.ackScheduled = true;
      // One DURABLE frame per connection per commit, however many frames it settled.
      queueMicrotask(() => {
        conn.ackScheduled = false;
        this.sendDurable(conn);
      });
    }, noop);
  }

  private setDurableState(state: Map<number, number>): void {
    this.durableState = state;
    this.durableStateVector = null;
  }

  private sendDurable(conn: Connection): void {
    this.durableStateVector ??= Y.encodeStateVector(this.durableState);
    const frame = encodeDurable({ stateVector: this.durableStateVector, seq: conn.settled, access: conn.access });
    sendFrame(conn, frame, this.deps.limits.maxBufferedBytes);
  }

  private broadcast(frame: Uint8Array, except: Connection | null): void {
    const max = this.deps.limits.maxBufferedBytes;
    for (const conn of this.conns) if (conn !== except) sendFrame(conn, frame, max);
  }

  private onAwareness({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    const changed = added.concat(updated, removed);
    const from = origin && this.conns.has(origin as Connection) ? (origin as Connection) : null;
    if (from) {
      for (const id of added) from.awarenessIds.add(id);
      for (const id of removed) from.awarenessIds.delete(id);
    }
    if (changed.length === 0) return;
    const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    // Not back to the sender: it has its own state already (every cursor move
    // would otherwise cost it a frame).
    this.broadcast(frame, from);
  }
}
