// The storage contract of the relay: a durable, append-only log of Yjs updates
// per document, with an occasional snapshot that replaces a prefix of the log.
// Implementations live beside it (sqlite-doc-store.ts); the relay only sees
// this interface.

export interface StoredDoc {
  /**
   * Everything stored for the doc, in commit order: the snapshot (if any)
   * first, then the updates appended after it. Applying them all to an empty
   * Y.Doc yields the stored state. Empty for an unknown doc.
   */
  updates: Uint8Array[];
  /** Total bytes of `updates`. */
  bytes: number;
}

export interface DocInfo {
  docId: string;
  /** Rows in the log (snapshot counts as one). */
  entries: number;
  bytes: number;
  /** Unix ms of the last append or compaction. */
  updatedAt: number;
}

export interface CompactionResult {
  docId: string;
  /** Log entries merged into the new snapshot. */
  merged: number;
  bytesBefore: number;
  bytesAfter: number;
}

export interface DocStore {
  /** Loads every stored update of a doc. */
  load(docId: string): Promise<StoredDoc>;
  /**
   * Appends one update. Resolves only after the update is committed to disk
   * (fsync); rejects if it is not. Appends of the same doc commit in call order.
   * Implementations may group appends that arrive together into one commit.
   */
  append(docId: string, update: Uint8Array): Promise<void>;
  /** Resolves when every append issued so far has settled. */
  flush(): Promise<void>;
  /**
   * Merges the stored log of a doc into one snapshot. Appends committed while
   * (or after) it runs are kept. A no-op for docs with fewer than 2 entries.
   */
  compact(docId: string): Promise<CompactionResult>;
  /** Number of log entries of a doc (to decide when to compact). */
  entryCount(docId: string): number;
  listDocs(): Promise<DocInfo[]>;
  /** True when the store can commit a write right now. */
  healthCheck(): boolean;
  /** Flushes pending appends and closes. Further calls reject. */
  close(): Promise<void>;
}

/** Thrown by stores for I/O failures; the relay closes affected clients with STORE_FAILED. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
}
