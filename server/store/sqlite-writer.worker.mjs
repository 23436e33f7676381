// @ts-check
// The writing half of the SQLite doc store, on its own thread so that the
// relay's event loop never waits for an fsync. Plain ESM JavaScript on purpose:
// a worker thread must load without a TypeScript loader under Node, tsx and
// Vitest alike. It only inserts rows and swaps in snapshots; everything else
// (reads, merging) lives in sqlite-doc-store.ts.
//
// Group commit happens here: when a commit ends, every append message that
// arrived meanwhile is drained from the port (receiveMessageOnPort) and written
// in the next transaction, at once — no round trip through the main thread
// between two fsyncs. Each append message is answered after its own commit.
// WAL checkpoints (which fsync the database file) run when the writer is idle,
// not inside a commit whose caller is waiting; SQLite's automatic checkpoint
// stays as the safety net should the writer never be idle.
//
// Messages in:  { id, type: 'append', rows: [{ docId, data: Uint8Array }] }
//               { id, type: 'replace', docId, lastId, expectedEntries, snapshot: Uint8Array }
//               { id, type: 'close' }
// Messages out: { id, ok: true, result? } | { id, ok: false, error: string }

import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** @type {typeof import('better-sqlite3')} */
const Database = require(workerData.betterSqlite3Path);

/** Commits between idle-time checkpoints: each commit writes 3-4 pages, so just under SQLite's own 1000-page threshold. */
const CHECKPOINT_AFTER_COMMITS = 200;

const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');

const insert = db.prepare('INSERT INTO doc_log (doc_id, kind, data, created_at) VALUES (?, 0, ?, ?)');
const countBefore = db.prepare('SELECT count(*) FROM doc_log WHERE doc_id = ? AND id <= ?').pluck();
const replaceRow = db.prepare('UPDATE doc_log SET kind = 1, data = ?, created_at = ? WHERE id = ? AND doc_id = ?');
const deleteBefore = db.prepare('DELETE FROM doc_log WHERE doc_id = ? AND id < ?');

/** @param {Uint8Array} u */
const asBuffer = (u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** @typedef {{ id: number, type: 'append', rows: { docId: string, data: Uint8Array }[] }} AppendMsg */
/** @typedef {AppendMsg | { id: number, type: 'replace', docId: string, lastId: number, expectedEntries: number, snapshot: Uint8Array } | { id: number, type: 'close' }} Msg */

const appendAll = db.transaction((/** @type {AppendMsg[]} */ msgs, /** @type {number} */ now) => {
  for (const m of msgs) for (const r of m.rows) insert.run(r.docId, asBuffer(r.data), now);
});

// Replaces rows [.., lastId] of a doc by one snapshot, unless they changed
// since the caller read them (then it is a no-op and reports false).
const replace = db.transaction(
  (/** @type {string} */ docId, /** @type {number} */ lastId, /** @type {number} */ expected, /** @type {Uint8Array} */ snapshot) => {
    if (countBefore.get(docId, lastId) !== expected) return false;
    replaceRow.run(asBuffer(snapshot), Date.now(), lastId, docId);
    deleteBefore.run(docId, lastId);
    return true;
  },
);

const port = parentPort;
if (!port) throw new Error('sqlite-writer must run in a worker thread');

let commitsSinceCheckpoint = 0;
let closed = false;

/** @param {Msg[]} queue */
function drainInto(queue) {
  for (let m = receiveMessageOnPort(/** @type {import('node:worker_threads').MessagePort} */ (port)); m; m = receiveMessageOnPort(/** @type {import('node:worker_threads').MessagePort} */ (port))) {
    queue.push(m.message);
  }
}

/** @param {AppendMsg[]} batch */
function commit(batch) {
  try {
    appendAll(batch, Date.now());
    commitsSinceCheckpoint++;
    for (const m of batch) port?.postMessage({ id: m.id, ok: true });
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    for (const m of batch) port?.postMessage({ id: m.id, ok: false, error });
  }
}

/** @param {Msg} msg */
function handleOther(msg) {
  try {
    if (msg.type === 'replace') {
      port?.postMessage({ id: msg.id, ok: true, result: replace.immediate(msg.docId, msg.lastId, msg.expectedEntries, msg.snapshot) });
    } else if (msg.type === 'close') {
      closed = true;
      db.close();
      port?.postMessage({ id: msg.id, ok: true });
      port?.close();
    }
  } catch (err) {
    port?.postMessage({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
}

port.on('message', (/** @type {Msg} */ first) => {
  /** @type {Msg[]} */
  const queue = [first];
  drainInto(queue);
  while (queue.length > 0 && !closed) {
    // Consecutive appends form one transaction; anything else keeps its place in the order.
    /** @type {AppendMsg[]} */
    const batch = [];
    while (queue.length > 0 && queue[0]?.type === 'append') batch.push(/** @type {AppendMsg} */ (queue.shift()));
    if (batch.length > 0) commit(batch);
    else handleOther(/** @type {Msg} */ (queue.shift()));
    if (queue.length === 0 && !closed) drainInto(queue);
  }
  if (!closed && commitsSinceCheckpoint >= CHECKPOINT_AFTER_COMMITS) {
    commitsSinceCheckpoint = 0;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // A busy checkpoint is retried after the next commits; SQLite's automatic one remains.
    }
  }
});
