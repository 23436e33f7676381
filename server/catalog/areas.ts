// The workspace and its areas (kecamatan → kelurahan), as seeded on first start.
import type { Db } from './db';

export interface Workspace {
  id: string;
  name: string;
  regencyCode: string;
}

export interface Kecamatan {
  code: string;
  name: string;
}

export interface Kelurahan {
  code: string;
  name: string;
  kecamatanCode: string;
}

export interface AreaSeed {
  workspace: Workspace;
  kecamatan: Kecamatan[];
  kelurahan: Kelurahan[];
}

export function createAreaRepo(db: Db) {
  return {
    workspaces(): Workspace[] {
      return db
        .prepare<[], { id: string; name: string; regency_code: string }>('SELECT id, name, regency_code FROM workspaces ORDER BY created_at')
        .all()
        .map((r) => ({ id: r.id, name: r.name, regencyCode: r.regency_code }));
    },
    workspace(id: string): Workspace | undefined {
      const r = db.prepare<[string], { id: string; name: string; regency_code: string }>('SELECT * FROM workspaces WHERE id = ?').get(id);
      return r ? { id: r.id, name: r.name, regencyCode: r.regency_code } : undefined;
    },
    kecamatan(workspaceId: string): Kecamatan[] {
      return db.prepare<[string], Kecamatan>('SELECT code, name FROM kecamatan WHERE workspace_id = ? ORDER BY code').all(workspaceId);
    },
    kelurahan(workspaceId: string): Kelurahan[] {
      return db
        .prepare<[string], Kelurahan>(
          `SELECT k.code, k.name, k.kecamatan_code AS kecamatanCode FROM kelurahan k
           JOIN kecamatan c ON c.code = k.kecamatan_code WHERE c.workspace_id = ? ORDER BY k.code`,
        )
        .all(workspaceId);
    },
    kelurahanByCode(code: string): (Kelurahan & { workspaceId: string }) | undefined {
      return db
        .prepare<[string], Kelurahan & { workspaceId: string }>(
          `SELECT k.code, k.name, k.kecamatan_code AS kecamatanCode, c.workspace_id AS workspaceId FROM kelurahan k
           JOIN kecamatan c ON c.code = k.kecamatan_code WHERE k.code = ?`,
        )
        .get(code);
    },
    kecamatanByCode(code: string): (Kecamatan & { workspaceId: string }) | undefined {
      return db
        .prepare<[string], Kecamatan & { workspaceId: string }>('SELECT code, name, workspace_id AS workspaceId FROM kecamatan WHERE code = ?')
        .get(code);
    },
    /** The workspace's stored eligibility settings (raw JSON, validated by the caller); null = defaults. */
    ruleSettings(workspaceId: string): { json: string | null; updatedBy: string | null; updatedAt: number | null } {
      const r = db
        .prepare<[string], { rules_json: string | null; rules_updated_by: string | null; rules_updated_at: number | null }>(
          'SELECT rules_json, rules_updated_by, rules_updated_at FROM workspaces WHERE id = ?',
        )
        .get(workspaceId);
      return { json: r?.rules_json ?? null, updatedBy: r?.rules_updated_by ?? null, updatedAt: r?.rules_updated_at ?? null };
    },
    setRuleSettings(workspaceId: string, json: string, by: string, at = Date.now()): void {
      db.prepare('UPDATE workspaces SET rules_json = ?, rules_updated_by = ?, rules_updated_at = ? WHERE id = ?').run(json, by, at, workspaceId);
    },
    /** Insert a workspace with its areas in one transaction. */
    insert(seed: AreaSeed): void {
      db.transaction(() => {
        db.prepare('INSERT INTO workspaces (id, name, regency_code, created_at) VALUES (?, ?, ?, ?)').run(
          seed.workspace.id,
          seed.workspace.name,
          seed.workspace.regencyCode,
          Date.now(),
        );
        const kec = db.prepare('INSERT INTO kecamatan (code, workspace_id, name) VALUES (?, ?, ?)');
        for (const k of seed.kecamatan) kec.run(k.code, seed.workspace.id, k.name);
        const kel = db.prepare('INSERT INTO kelurahan (code, kecamatan_code, name) VALUES (?, ?, ?)');
        for (const k of seed.kelurahan) kel.run(k.code, k.kecamatanCode, k.name);
      })();
    },
  };
}

export type AreaRepo = ReturnType<typeof createAreaRepo>;
