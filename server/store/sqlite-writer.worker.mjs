// @ts-check
// The writing half of the SQLite doc store, on its own thread so that the
// relay's event loop never waits for an fsync. Plain ESM JavaScript on purpose:
// a worker thread must load without a TypeScript loader under Node, tsx and
// Vitest alike. It only inserts rows and swaps in snapshots; everything else
// (reads, merging, batching) lives in sqlite-doc-store.ts.
//
// Messages in:  { id, type: 'append', rows: [{ docId, data: Uint8Array }] }
//               { id, type: 'replace', docId, lastId, expectedEntries, snapshot: Uint8Array }
//               { id, type: 'close' }
// Messages out: { id, ok: true, result? } | { id, ok: false, error: string }

import { parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** @type {typeof import('better-sqlite3')} */
const Database = require(workerData.betterSqlite3Path);

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

const appendAll = db.transaction((/** @type {{docId: string, data: Uint8Array}[]} */ rows, /** @type {number} */ now) => {
  for (const r of rows) insert.run(r.docId, asBuffer(r.data), now);
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
port.on('message', (msg) => {
  try {
    if (msg.type === 'append') {
      const started = performance.now();
      appendAll(msg.rows, Date.now());
      port.postMessage({ id: msg.id, ok: true, result: (performance.now() - started) / 1000 });
    } else if (msg.type === 'replace') {
      port.postMessage({ id: msg.id, ok: true, result: replace.immediate(msg.docId, msg.lastId, msg.expectedEntries, msg.snapshot) });
    } else if (msg.type === 'close') {
      db.close();
      port.postMessage({ id: msg.id, ok: true });
      port.close();
    }
  } catch (err) {
    port.postMessage({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
