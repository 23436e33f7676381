// A data folder made by an older Selaras opens with its data intact and the new
// schema. (Migrations run in an IMMEDIATE transaction that reads the version under
// the write lock, so a server and a CLI opening it at once migrate it once.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../server/catalog/db';

const dir = mkdtempSync(join(tmpdir(), 'selaras-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A catalog as the first release left it: schema 1, one workspace. */
function schemaOneCatalog(file: string): void {
  const db = openDb(file);
  db.prepare('INSERT INTO workspaces (id, name, regency_code, created_at) VALUES (?, ?, ?, ?)').run('w_1', 'Kota Pekalongan', '33.75', 1);
  for (const col of ['rules_json', 'rules_updated_by', 'rules_updated_at']) db.exec(`ALTER TABLE workspaces DROP COLUMN ${col}`);
  db.pragma('user_version = 1');
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
    openDb(file).close();
    const after = columns(file);
    expect(after.version).toBe(2);
    expect(after.names).toContain('rules_json');
    expect(after.name).toBe('Kota Pekalongan');
    openDb(file).close(); // and opening again changes nothing
    expect(columns(file).version).toBe(2);
  });
});
