// The device's local catalog (Dexie over IndexedDB): the session, settings,
// the workspace tree as last fetched, what each sheet looks like on this device
// (durability, pending changes, counts) and the cross-sheet index for offline
// checks. Sheet contents themselves live in y-indexeddb, one database per sheet.
import { Dexie, type Table } from 'dexie';
import type { IndexEntry, SessionUser, Workspace } from '../api/types';

export interface StoredSession {
  key: 'current';
  token: string;
  refreshToken: string;
  /** ms since epoch when `token` expires. */
  expiresAt: number;
  user: SessionUser;
  /** Set when the server refused the refresh token: edits wait for a new login. */
  expired?: boolean;
}

export interface Setting {
  key: string;
  value: unknown;
}

export interface CachedWorkspace {
  key: 'tree';
  tree: Workspace;
  fetchedAt: number;
}

/** What this device knows about one sheet it has opened. */
export interface LocalSheet {
  id: string;
  /** Yjs state vector (client → clock) of what the server last said is on disk. */
  durable?: Array<[number, number]>;
  /** Yjs client ids this device has written this sheet with (one per page load). */
  mine: number[];
  /** Changes made here that the server has not acknowledged as durable. */
  pending: number;
  rows?: number;
  problems?: number;
  lastOpened: number;
}

export class SelarasDb extends Dexie {
  session!: Table<StoredSession, string>;
  settings!: Table<Setting, string>;
  workspace!: Table<CachedWorkspace, string>;
  sheets!: Table<LocalSheet, string>;
  index!: Table<IndexEntry, string>;

  constructor(name = 'selaras') {
    super(name);
    this.version(1).stores({
      session: 'key',
      settings: 'key',
      workspace: 'key',
      sheets: 'id',
      index: 'key, sheet',
    });
  }
}

/** y-indexeddb database name of one sheet. */
export function sheetDbName(sheetId: string): string {
  return `selaras-sheet-${sheetId}`;
}
