// Sheets in the catalog: what each list is and where it belongs. The contents
// (rows, cells) live in the relay's doc store under the same id.
import { randomBytes } from 'node:crypto';
import type { SheetScope } from '../auth/access';
import type { Db } from './db';

export interface SheetRecord extends SheetScope {
  id: string;
  name: string;
  program: string;
  period: string;
  /** The OPD (agency) name for 'opd' sheets. */
  opd: string | null;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export type NewSheet = Omit<SheetRecord, 'id' | 'archived' | 'createdAt' | 'updatedAt'>;

interface SheetRow {
  id: string;
  workspace_id: string;
  name: string;
  program: string;
  period: string;
  kind: string;
  kecamatan_code: string | null;
  kelurahan_code: string | null;
  opd: string | null;
  owner_id: string | null;
  archived: number;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

function fromRow(r: SheetRow): SheetRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    name: r.name,
    program: r.program,
    period: r.period,
    kind: r.kind === 'opd' ? 'opd' : 'wilayah',
    kecamatan: r.kecamatan_code,
    kelurahan: r.kelurahan_code,
    opd: r.opd,
    ownerId: r.owner_id,
    archived: r.archived !== 0,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Sheet ids appear in URLs (/sync/<id>): letters, digits, '_' and '-' only. */
export const SHEET_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function createSheetRepo(db: Db) {
  const byIdStmt = db.prepare<[string], SheetRow>('SELECT * FROM sheets WHERE id = ?');
  const byId = (id: string): SheetRecord | undefined => {
    const row = byIdStmt.get(id);
    return row ? fromRow(row) : undefined;
  };
  return {
    byId,
    list(workspaceId: string): SheetRecord[] {
      return db
        .prepare<[string], SheetRow>('SELECT * FROM sheets WHERE workspace_id = ? ORDER BY name')
        .all(workspaceId)
        .map(fromRow);
    },
    create(s: NewSheet): SheetRecord {
      const id = 's_' + randomBytes(9).toString('base64url');
      const now = Date.now();
      db.prepare(
        `INSERT INTO sheets (id, workspace_id, name, program, period, kind, kecamatan_code, kelurahan_code, opd, owner_id, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, s.workspaceId, s.name, s.program, s.period, s.kind, s.kecamatan, s.kelurahan, s.opd, s.ownerId, s.createdBy, now, now);
      return byId(id) as SheetRecord;
    },
    /** Only to undo a creation whose doc could not be written. */
    remove(id: string): void {
      db.prepare('DELETE FROM sheets WHERE id = ?').run(id);
    },
    update(id: string, patch: { name?: string; archived?: boolean }): SheetRecord | undefined {
      const cur = byId(id);
      if (!cur) return undefined;
      db.prepare('UPDATE sheets SET name = ?, archived = ?, updated_at = ? WHERE id = ?').run(
        patch.name ?? cur.name,
        (patch.archived ?? cur.archived) ? 1 : 0,
        Date.now(),
        id,
      );
      return byId(id);
    },
  };
}

export type SheetRepo = ReturnType<typeof createSheetRepo>;
