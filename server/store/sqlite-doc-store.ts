// DocStore on SQLite (better-sqlite3): WAL journal with synchronous=FULL, so a
// COMMIT returns only after the WAL is fsynced. Appends that arrive in the same
// turn of the event loop are written in one transaction (group commit): one
// fsync for all of them, and every caller's promise settles after it.

import Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { CompactionResult, DocInfo, DocStore, StoredDoc } from './doc-store';
import { StoreError } from './doc-store';

const KIND_UPDATE = 0;
const KIND_SNAPSHOT = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS doc_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_id TEXT NOT NULL,
  kind INTEGER NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_log_by_doc ON doc_log (doc_id, id);
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

interface Batch {
  rows: { docId: string; update: Uint8Array }[];
  committed: boolean;
  done: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface SqliteDocStoreOptions {
  /** Called after every commit with its size and duration (for metrics). */
  onCommit?: (info: { updates: number; seconds: number }) => void;
}

export function openSqliteDocStore(file: string, options: SqliteDocStoreOptions = {}): DocStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const insert = db.prepare('INSERT INTO doc_log (doc_id, kind, data, created_at) VALUES (?, ?, ?, ?)');
  const selectDoc = db.prepare('SELECT id, data FROM doc_log WHERE doc_id = ? ORDER BY id');
  const countDoc = db.prepare('SELECT count(*) AS n FROM doc_log WHERE doc_id = ?').pluck();
  const deleteBefore = db.prepare('DELETE FROM doc_log WHERE doc_id = ? AND id < ?');
  const replaceRow = db.prepare('UPDATE doc_log SET kind = ?, data = ?, created_at = ? WHERE id = ?');
  const listAll = db.prepare(
    'SELECT doc_id AS docId, count(*) AS entries, sum(length(data)) AS bytes, max(created_at) AS updatedAt FROM doc_log GROUP BY doc_id ORDER BY doc_id',
  );
  const touchHealth = db.prepare(
    "INSERT INTO store_meta (key, value) VALUES ('health_checked_at', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
  );

  const insertBatch = db.transaction((rows: Batch['rows'], now: number) => {
    for (const r of rows) insert.run(r.docId, KIND_UPDATE, asBuffer(r.update), now);
  });

  let pending: Batch | null = null;
  let lastBatch: Promise<void> = Promise.resolve();
  let closed = false;

  function commit(batch: Batch): void {
    if (batch.committed) return;
    batch.committed = true;
    if (pending === batch) pending = null;
    const started = performance.now();
    try {
      insertBatch(batch.rows, Date.now());
    } catch (err) {
      batch.reject(new StoreError(`commit failed: ${(err as Error).message}`));
      return;
    }
    options.onCommit?.({ updates: batch.rows.length, seconds: (performance.now() - started) / 1000 });
    batch.resolve();
  }

  function newBatch(): Batch {
    let resolve!: () => void;
    let reject!: (err: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Callers may drop the promise (flush() observes it); never leave it unhandled.
    done.catch(() => undefined);
    const batch: Batch = { rows: [], committed: false, done, resolve, reject };
    setImmediate(() => commit(batch));
    return batch;
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
      if (!pending) {
        pending = newBatch();
        lastBatch = pending.done;
      }
      pending.rows.push({ docId, update });
      return pending.done;
    },

    async flush() {
      await lastBatch.catch(() => undefined);
    },

    async compact(docId): Promise<CompactionResult> {
      assertOpen();
      // Synchronous inside one transaction: no append of this process can
      // interleave, and rows appended later (higher ids) are left alone.
      return db.transaction((): CompactionResult => {
        const rows = selectDoc.all(docId) as { id: number; data: Buffer }[];
        const bytesBefore = rows.reduce((n, r) => n + r.data.byteLength, 0);
        if (rows.length < 2) return { docId, merged: 0, bytesBefore, bytesAfter: bytesBefore };
        const merged = Y.mergeUpdates(rows.map((r) => new Uint8Array(r.data)));
        const last = rows[rows.length - 1]!;
        replaceRow.run(KIND_SNAPSHOT, asBuffer(merged), Date.now(), last.id);
        deleteBefore.run(docId, last.id);
        return { docId, merged: rows.length, bytesBefore, bytesAfter: merged.byteLength };
      }).immediate();
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
      if (closed || !db.open) return false;
      try {
        touchHealth.run(new Date().toISOString());
        return true;
      } catch {
        return false;
      }
    },

    async close() {
      if (closed) return;
      if (pending) commit(pending);
      await lastBatch.catch(() => undefined);
      closed = true;
      db.close();
    },
  };
}

/** better-sqlite3 binds Buffers; wrap without copying. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
