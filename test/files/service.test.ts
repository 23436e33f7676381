// The files worker's API through real Comlink over a real MessageChannel.
import { MessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createFilesService, type FilesService } from '../../src/files/service';
import { applyImport, applyImportInParts } from '../../src/files/import-apply';
import { sheetToExportTable } from '../../src/files/sheet-export';
import { readTable } from '../../src/files';
import { getColumns, getRowValues, initSheet, rowIds, templateColumns, toRecordRows } from '../../src/sheet';
import { META, sampleSheet } from './helpers';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

function connect(): Comlink.Remote<FilesService> {
  const channel = new MessageChannel();
  channels.push(channel);
  Comlink.expose(createFilesService(), nodeEndpoint(channel.port1));
  return Comlink.wrap<FilesService>(nodeEndpoint(channel.port2));
}

describe('files service over Comlink', () => {
  it('export in the worker, import back through it, apply on this side', async () => {
    const api = connect();
    const source = sampleSheet(120, 4);
    const exported = await api.export('xlsx', [sheetToExportTable(source, 'a')]);
    expect(exported.ok).toBe(true);
    if (!exported.ok) return;
    const bytes = exported.value;
    const opened = await api.open(Comlink.transfer(bytes, [bytes.buffer]), 'a.xlsx');
    expect(opened.ok && opened.value.dataRows).toBe(120);
    const doc = new Y.Doc();
    initSheet(doc, META, []);
    const mapping = await api.proposeMapping(getColumns(doc));
    if (!mapping.ok) throw new Error(mapping.error.message);
    const preview = await api.preview(mapping.value, getColumns(doc), toRecordRows(doc, 'b'), { today: '2025-06-01' });
    expect(preview.ok && preview.value.summary.rows).toBe(120);
    const plan = await api.takePlan();
    if (!plan.ok) throw new Error(plan.error.message);
    applyImport(doc, plan.value);
    expect(rowIds(doc).length).toBe(120);
    const recap = await api.export('recap-xlsx', [sheetToExportTable(source, 'a'), sheetToExportTable(doc, 'b')]);
    expect(recap.ok && readTable(recap.value, 'r.xlsx').sheets[0]!.rows.at(-1)!.cells[3]!.raw).toBe('240');
  });

  it('the page takes the plan part by part and writes each part in its own transaction', async () => {
    const api = connect();
    const source = sampleSheet(300, 8);
    const exported = await api.export('csv', [sheetToExportTable(source, 'a')]);
    if (!exported.ok) throw new Error(exported.error.message);
    await api.open(exported.value, 'a.csv');
    const doc = new Y.Doc();
    initSheet(doc, META, templateColumns('standar'));
    const mapping = await api.proposeMapping(getColumns(doc));
    if (!mapping.ok) throw new Error(mapping.error.message);
    expect((await api.planOutline()).ok).toBe(false); // no preview yet
    await api.preview(mapping.value, getColumns(doc), [], { today: '2025-06-01' });
    const outline = await api.planOutline(50_000);
    if (!outline.ok) throw new Error(outline.error.message);
    expect(outline.value.rowCount).toBe(300);
    expect(outline.value.parts.length).toBeGreaterThan(2);
    const updates: number[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u.length));
    const res = await applyImportInParts(doc, outline.value, async (from, to) => {
      const rows = await api.planRows(from, to);
      if (!rows.ok) throw new Error(rows.error.message);
      return rows.value;
    });
    expect(updates.length).toBe(outline.value.parts.length);
    expect(res.rowIds).toEqual(rowIds(doc));
    expect(rowIds(doc).map((id) => getRowValues(doc, id))).toEqual(rowIds(source).map((id) => getRowValues(source, id)));
    expect(await api.planRows(250, 301)).toMatchObject({ ok: false, error: { code: 'import-failed' } });
  });

  it('refusals come back as { ok: false } with code and Indonesian message', async () => {
    const api = connect();
    const res = await api.open(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'lama.xls');
    expect(res).toMatchObject({ ok: false, error: { code: 'xls-legacy' } });
    const plan = await api.takePlan();
    expect(plan.ok).toBe(false);
  });
});
