// DocStore on SQLite (better-sqlite3): WAL journal with synchronous=FULL, so a
// COMMIT returns only after the WAL is fsynced. Commits run on a worker thread
// (sqlite-writer.worker.mjs) so the relay's event loop keeps forwarding and
// parsing while the disk works. Group commit is the writer's: appends posted
// while a commit is in flight are written together in the next one (one fsync
// for all), started as soon as the previous one returns, and every caller's
// promise settles only after its own commit.
// Reads (load, counts, listing) use a second connection on this thread; WAL
// lets them run beside the writer and see every committed row. Compaction
// merges on a third thread (sqlite-compactor.worker.mjs), so that merging a
// big sheet holds up neither the relay nor the commits.

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { CompactionResult, DocInfo, DocStore, StoredDoc } from './doc-store';
import { StoreError } from './doc-store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS doc_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_id TEXT NOT NULL,
  kind INTEGER NOT NULL, -- 0 update, 1 snapshot (replaces every earlier row of the doc)
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_log_by_doc ON doc_log (doc_id, id);
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

type AppendRow = { docId: string; data: Uint8Array };

type WriterRequest =
  | { type: 'append'; rows: AppendRow[] }
  | { type: 'replace'; docId: string; lastId: number; expectedEntries: number; snapshot: Uint8Array }
  | { type: 'close' };

type WorkerReply = { id: number; ok: true; result?: unknown } | { id: number; ok: false; error: string };

/** What the compactor answers: the merged snapshot of the first `entries` rows (up to `lastId`), or null under 2 rows. */
interface MergeResult {
  entries: number;
  lastId: number;
  bytesBefore: number;
  snapshot: Uint8Array | null;
}

/**
 * Bytes that can be moved to another thread: `u` itself when it owns its whole,
 * non-shared buffer, otherwise a copy of just its bytes (moving a view's buffer
 * would move, and detach, bytes that are not its own; a shared one cannot move).
 */
function ownedCopy(u: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = u;
  if (buffer instanceof ArrayBuffer && u.byteOffset === 0 && u.byteLength === buffer.byteLength) return new Uint8Array(buffer);
  return u.slice();
}

/** Request/reply over a worker thread started on first use. */
function workerClient(url: URL, data: unknown, onFailure: (err: Error) => void, isClosing: () => boolean) {
  const requests = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  let nextRequest = 1;
  let worker: Worker | null = null;
  const failAll = (w: Worker, err: Error): void => {
    if (worker !== w) return;
    worker = null;
    onFailure(err);
    for (const r of requests.values()) r.reject(new StoreError(err.message));
    requests.clear();
  };
  const start = (): Worker => {
    const w = new Worker(url, { workerData: data, execArgv: [] });
    w.on('message', (reply: WorkerReply) => {
      const r = requests.get(reply.id);
      if (!r) return;
      requests.delete(reply.id);
      if (reply.ok) r.resolve(reply.result);
      else r.reject(new StoreError(reply.error));
    });
    w.on('error', (err) => failAll(w, err));
    w.on('exit', (code) => {
      if (!isClosing()) failAll(w, new Error(`${url.pathname.split('/').pop()} stopped (exit ${code})`));
    });
    return w;
  };
  return {
    started: () => worker !== null,
    /** `transfer`: buffers handed over to the worker (moved, not copied). */
    request(msg: object, transfer: ArrayBuffer[] = []): Promise<unknown> {
      worker ??= start();
      const w = worker;
      const id = nextRequest++;
      return new Promise((resolve, reject) => {
        requests.set(id, { resolve, reject });
        w.postMessage({ ...msg, id }, transfer);
      });
    },
    async stop(): Promise<void> {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
      // The thread is gone and its exit is not a failure (failAll skips it while
      // closing): whatever it left unanswered would otherwise never settle.
      for (const r of requests.values()) r.reject(new StoreError('store is closed'));
      requests.clear();
    },
  };
}

export function openSqliteDocStore(file: string): DocStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 2000');
  db.exec(SCHEMA);

  const selectDoc = db.prepare('SELECT id, data FROM doc_log WHERE doc_id = ? ORDER BY id');
  const countDoc = db.prepare('SELECT count(*) FROM doc_log WHERE doc_id = ?').pluck();
  const listAll = db.prepare(
    'SELECT doc_id AS docId, count(*) AS entries, sum(length(data)) AS bytes, max(created_at) AS updatedAt FROM doc_log GROUP BY doc_id ORDER BY doc_id',
  );
  const touchHealth = db.prepare(
    "INSERT INTO store_meta (key, value) VALUES ('health_checked_at', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
  );

  let writerFailure: Error | null = null;
  let closed = false;
  const workerData = { file, betterSqlite3Path: createRequire(import.meta.url).resolve('better-sqlite3') };
  // Started on first use: readers (exports, checks, tests) never pay for them.
  const writer = workerClient(new URL('./sqlite-writer.worker.mjs', import.meta.url), workerData, (err) => {
    writerFailure = err;
  }, () => closed);
  // A failing compactor only fails compactions; the next one starts a new thread.
  const compactor = workerClient(new URL('./sqlite-compactor.worker.mjs', import.meta.url), workerData, () => undefined, () => closed);

  function request(msg: WriterRequest, transfer?: ArrayBuffer[]): Promise<unknown> {
    if (writerFailure) return Promise.reject(new StoreError(writerFailure.message));
    return writer.request(msg, transfer);
  }

  /** Appends of this event-loop turn, posted to the writer together. */
  let outgoing: AppendRow[] | null = null;
  let outgoingDone: Promise<void> | null = null;
  let lastDone: Promise<void> = Promise.resolve();

  function postAppends(rows: AppendRow[]): Promise<void> {
    // The rows are the store's own copies: move them to the writer rather than copy again.
    const done = request({ type: 'append', rows }, rows.map((r) => r.data.buffer as ArrayBuffer)).then(
      () => undefined,
      (err: unknown) => {
        throw err instanceof StoreError ? err : new StoreError(String(err));
      },
    );
    // Callers may drop the promise (flush() observes it); never leave it unhandled.
    done.catch(() => undefined);
    return done;
  }

  function assertOpen(): void {
    if (closed) throw new StoreError('store is closed');
  }

  return {
    async load(docId): Promise<StoredDoc> {
      assertOpen();
      const rows = selectDoc.all(docId) as { id: number; data: Buffer }[];
      const updates = rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength));
      return { updates, bytes: updates.reduce((n, u) => n + u.byteLength, 0) };
    },

    append(docId, update) {
      if (closed) return Promise.reject(new StoreError('store is closed'));
      if (writerFailure) return Promise.reject(new StoreError(writerFailure.message));
      if (!outgoing) {
        const rows: AppendRow[] = [];
        outgoing = rows;
        // One message per microtask turn: a burst of appends crosses to the
        // writer once, which then commits it with whatever else is waiting.
        outgoingDone = new Promise<void>((resolve) => queueMicrotask(resolve)).then(() => {
          outgoing = null;
          return postAppends(rows);
        });
        outgoingDone.catch(() => undefined);
        lastDone = outgoingDone;
      }
      // A copy with its own ArrayBuffer (new Uint8Array copies even from a Node
      // Buffer, whose slice() would be a view into a shared pool): the caller's
      // bytes may be a view into a larger network buffer, and the copy is moved
      // to the writer thread.
      outgoing.push({ docId, data: new Uint8Array(update) });
      return outgoingDone!;
    },

    async flush() {
      await lastDone.catch(() => undefined);
    },

    async compact(docId): Promise<CompactionResult> {
      assertOpen();
      // Merge what is stored now; the writer swaps it in only if those rows are
      // still exactly there, leaving rows appended meanwhile (higher ids) alone.
      const merged = (await compactor.request({ type: 'merge', docId })) as MergeResult;
      const { entries, lastId, bytesBefore, snapshot } = merged;
      if (!snapshot) return { docId, merged: 0, bytesBefore, bytesAfter: bytesBefore };
      // Closed while merging: the writer is stopping (or stopped); do not post to it.
      assertOpen();
      // Read before the move: a transferred buffer reads as empty here.
      const bytesAfter = snapshot.byteLength;
      const moved = ownedCopy(snapshot);
      const replaced = await request({ type: 'replace', docId, lastId, expectedEntries: entries, snapshot: moved }, [moved.buffer]);
      if (!replaced) return { docId, merged: 0, bytesBefore, bytesAfter: bytesBefore };
      return { docId, merged: entries, bytesBefore, bytesAfter };
    },

    entryCount(docId) {
      assertOpen();
      return countDoc.get(docId) as number;
    },

    async listDocs(): Promise<DocInfo[]> {
      assertOpen();
      return listAll.all() as DocInfo[];
    },

    healthCheck() {
      if (closed || writerFailure || !db.open) return false;
      try {
        touchHealth.run(new Date().toISOString());
        return true;
      } catch {
        return false;
      }
    },

    async close() {
      if (closed) return;
      // Appends may still be issued while earlier ones settle; wait for all.
      for (let settled: Promise<void> | null = null; settled !== lastDone; ) {
        settled = lastDone;
        await settled.catch(() => undefined);
      }
      closed = true;
      if (writer.started() && !writerFailure) await request({ type: 'close' }).catch(() => undefined);
      await Promise.all([writer.stop(), compactor.stop()]);
      db.close();
    },
  };
}
