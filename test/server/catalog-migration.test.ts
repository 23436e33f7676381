// A data folder made by an older Selaras opens with its data intact and the new
// schema. (Migrations run in an IMMEDIATE transaction that reads the version under
// the write lock, so a server and a CLI opening it at once migrate it once.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, openDb } from '../../server/catalog/db';

const dir = mkdtempSync(join(tmpdir(), 'selaras-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A catalog as the first release left it: the first migration only, one workspace. */
function schemaOneCatalog(file: string): void {
  const db = new Database(file);
  db.exec(MIGRATIONS[0] ?? '');
  db.pragma('user_version = 1');
  db.prepare('INSERT INTO workspaces (id, name, regency_code, created_at) VALUES (?, ?, ?, ?)').run('w_1', 'Kota Pekalongan', '33.75', 1);
  db.close();
}

const columns = (file: string) => {
  const db = new Database(file, { readonly: true });
  const names = (db.prepare('PRAGMA table_info(workspaces)').all() as Array<{ name: string }>).map((c) => c.name);
  const version = db.pragma('user_version', { simple: true });
  const name = (db.prepare('SELECT name FROM workspaces').get() as { name: string }).name;
  db.close();
  return { names, version, name };
};

describe('catalog migrations', () => {
  it('brings a schema-1 catalog up to date and keeps its data', () => {
    const file = join(dir, 'one.db');
    schemaOneCatalog(file);
    const before = columns(file);
    expect(before.version).toBe(1);
    expect(before.names).not.toContain('rules_json');
    // There is something to migrate (schema 2 added the workspace rules).
    expect(MIGRATIONS.length).toBeGreaterThanOrEqual(2);
    openDb(file).close();
    const after = columns(file);
    expect(after.version).toBe(MIGRATIONS.length);
    expect(after.names).toContain('rules_json');
    expect(after.name).toBe('Kota Pekalongan');
    openDb(file).close(); // and opening again changes nothing
    expect(columns(file).version).toBe(MIGRATIONS.length);
  });
});
