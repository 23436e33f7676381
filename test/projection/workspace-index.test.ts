import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createWorkspaceIndex, type IndexSources } from '../../server/projection/workspace-index';
import { openSqliteDocStore } from '../../server/store/sqlite-doc-store';
import type { DocStore } from '../../server/store/doc-store';
import { appendRows, initSheet, setCell, templateColumns } from '../../src/sheet';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Real SQLite doc store; docs are read back exactly as the relay would. */
function storeSources(store: DocStore): IndexSources & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async readDoc(id) {
      reads.push(id);
      const doc = new Y.Doc();
      for (const u of (await store.load(id)).updates) Y.applyUpdate(doc, u);
      return doc;
    },
    async versions() {
      return new Map((await store.listDocs()).map((d) => [d.docId, `${d.entries}:${d.bytes}:${d.updatedAt}`]));
    },
  };
}

async function saveSheet(store: DocStore, id: string, program: string, rows: Array<Record<string, string>>): Promise<Y.Doc> {
  const doc = new Y.Doc();
  initSheet(doc, { name: id, program, period: '2025', kelurahan: '33.75.01.1001', kecamatan: '33.75.01' }, templateColumns('standar'));
  appendRows(doc, rows);
  await store.append(id, Y.encodeStateAsUpdate(doc));
  return doc;
}

describe('workspace index', () => {
  it('lists rows of every sheet, with only identity fields for sheets the user may not read, and re-reads only changed sheets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'selaras-index-'));
    dirs.push(dir);
    const store = openSqliteDocStore(join(dir, 'docs.db'));
    try {
      const medono = await saveSheet(store, 'bpnt-medono', 'BPNT', [
        { nik: '3375015301891057', nama: 'Siti Aminah', alamat: 'Jl. Merdeka 4', penghasilan: '900000' },
      ]);
      await saveSheet(store, 'pkh-kauman', 'PKH', [{ nik: '3375024107850002', nama: 'Sri Wahyuni', alamat: 'Gang Mawar' }]);
      const sources = storeSources(store);
      const index = createWorkspaceIndex(sources);
      const sheets = [
        { id: 'bpnt-medono', name: 'BPNT — Medono', program: 'BPNT', kelurahan: '33.75.01.1001' },
        { id: 'pkh-kauman', name: 'PKH — Kauman', program: 'PKH', kelurahan: '33.75.02.1001' },
      ];
      const first = await index.entries(sheets, (id) => id === 'bpnt-medono');
      expect(first).toHaveLength(2);
      const own = first.find((e) => e.sheet === 'bpnt-medono')!;
      const other = first.find((e) => e.sheet === 'pkh-kauman')!;
      expect(own.readable).toBe(true);
      expect(own.values).toMatchObject({ nik: '3375015301891057', alamat: 'Jl. Merdeka 4', penghasilan: '900000', program: 'BPNT' });
      expect(other.readable).toBe(false);
      expect(other.values).toEqual({ nik: '3375024107850002', nama: 'Sri Wahyuni', program: 'PKH' });

      // An edit of one sheet: only that sheet is read again.
      sources.reads.length = 0;
      const before = Y.encodeStateVector(medono);
      const [rowId] = first.filter((e) => e.sheet === 'bpnt-medono').map((e) => e.key.split('/')[1]);
      setCell(medono, rowId, 'nama', 'Siti Aminah Z');
      await store.append('bpnt-medono', Y.encodeStateAsUpdate(medono, before));
      const second = await index.entries(sheets, () => true);
      expect(sources.reads).toEqual(['bpnt-medono']);
      expect(second.find((e) => e.sheet === 'bpnt-medono')!.values.nama).toBe('Siti Aminah Z');
      expect(second.find((e) => e.sheet === 'pkh-kauman')!.values.alamat).toBe('Gang Mawar');
    } finally {
      await store.close();
    }
  });
});
