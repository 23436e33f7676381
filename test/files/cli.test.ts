// selaras import / export against a real running server (HTTP + relay + SQLite),
// as the CLI really talks to it: login, y-websocket, durable acknowledgement.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as runImport } from '../../server/cli/import';
import { run as runExport } from '../../server/cli/export';
import { readTable } from '../../src/files';
import { exportCsv } from '../../src/files/export-table';
import { sheetToExportTable } from '../../src/files/sheet-export';
import { getColumns, getRowValues, rowIds } from '../../src/sheet';
import { startTestServer, type TestServer } from '../server/helpers';
import { sampleSheet } from './helpers';

let srv: TestServer;
let dir: string;
const out: string[] = [];

beforeAll(async () => {
  srv = await startTestServer({ demo: true });
  dir = mkdtempSync(join(tmpdir(), 'selaras-files-cli-'));
  process.env.SELARAS_TEST_PW = srv.credentials.find((c) => c.username === 'koordinator')!.password;
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
});

afterAll(async () => {
  vi.restoreAllMocks();
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const auth = () => ['--server', srv.url, '--user', 'koordinator', '--password-env', 'SELARAS_TEST_PW'];

async function sheetIdByName(name: string): Promise<string> {
  const ws = srv.catalog.areas.workspaces()[0]!.id;
  return srv.catalog.sheets.list(ws).find((s) => s.name === name)!.id;
}

describe('selaras import / export (client of a running server)', () => {
  it('imports a file into a new sheet, confirmed durable; export gives it back', async () => {
    const file = join(dir, 'usulan.csv');
    writeFileSync(file, exportCsv(sheetToExportTable(sampleSheet(250, 12), 'x'), { csv: { delimiter: ';' } }));
    out.length = 0;
    const code = await runImport([file, '--new', 'Usulan impor CLI', '--program', 'BPNT', '--period', '2025', '--kelurahan', '33.75.01.1002', ...auth(), '--json']);
    expect(code, out.join('\n')).toBe(0);
    const report = JSON.parse(out.at(-1)!);
    expect(report).toMatchObject({ added: 250, durable: true });
    // What the server holds on disk is the import.
    const doc = await srv.relay.readDoc(report.sheet);
    expect(rowIds(doc).length).toBe(250);
    expect(getRowValues(doc, rowIds(doc)[0]!).nik).toMatch(/^\d{16}$/);
    doc.destroy();

    const xlsx = join(dir, 'back.xlsx');
    expect(await runExport([report.sheet, '--format', 'xlsx', '--out', xlsx, '--findings', ...auth()])).toBe(0);
    const table = readTable(new Uint8Array(readFileSync(xlsx)), 'back.xlsx');
    expect(table.sheets[0]!.rows.length).toBe(251);
    expect(table.sheets[0]!.rows[0]!.cells.map((c) => c?.raw)).toContain('Galat');
    const recap = join(dir, 'rekap.xlsx');
    expect(await runExport(['--all', '--format', 'recap', '--out', recap, ...auth()])).toBe(0);
    const recapRows = readTable(new Uint8Array(readFileSync(recap)), 'rekap.xlsx').sheets[0]!.rows;
    expect(recapRows.some((r) => r.cells[1]?.raw === 'Medono')).toBe(true);
    const bnba = join(dir, 'bnba.xlsx');
    expect(await runExport([report.sheet, '--format', 'bnba', '--out', bnba, ...auth()])).toBe(0);
  });

  it('re-import of a returned list applies changes and additions, not removals unless asked', async () => {
    const id = await sheetIdByName('BPNT 2025 — Medono');
    const before = await srv.relay.readDoc(id);
    const table = sheetToExportTable(before, id);
    const n = table.rows.length;
    // The province sends it back: one name corrected, one row dropped, one row added.
    const nama = getColumns(before).find((c) => c.role === 'nama')!.id;
    const changedKey = table.rows[1]!.key;
    table.rows[1] = { ...table.rows[1]!, values: { ...table.rows[1]!.values, [nama]: 'NAMA DIKOREKSI PROVINSI' } };
    const dropped = table.rows.splice(2, 1)[0]!;
    table.rows.push({ key: 'new', values: { nik: '3375014501900003', no_kk: '3375011203040005', [nama]: 'Warga Baru' } });
    before.destroy();
    const file = join(dir, 'kembali.csv');
    writeFileSync(file, exportCsv(table));
    out.length = 0;
    const code = await runImport([file, '--sheet', id, '--reimport', ...auth(), '--json']);
    expect(code, out.join('\n')).toBe(0);
    const report = JSON.parse(out.at(-1)!);
    expect(report).toMatchObject({ added: 1, removed: 0, cellsChanged: 1, notApplied: { removed: 1 }, durable: true });
    const after = await srv.relay.readDoc(id);
    expect(rowIds(after).length).toBe(n + 1);
    expect(getRowValues(after, changedKey.split('/')[1]!)[nama]).toBe('NAMA DIKOREKSI PROVINSI');
    expect(rowIds(after)).toContain(dropped.key.split('/')[1]);
    after.destroy();
  });

  it('a bad file changes nothing on the server and exits non-zero with a clear message', async () => {
    const id = await sheetIdByName('BPNT 2025 — Medono');
    const before = await srv.relay.readDoc(id);
    const count = rowIds(before).length;
    before.destroy();
    const file = join(dir, 'rusak.xlsx');
    writeFileSync(file, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9, 9]));
    out.length = 0;
    expect(await runImport([file, '--sheet', id, ...auth()])).toBe(2);
    expect(out.join('\n')).toMatch(/rusak.*Tidak ada yang diimpor/s);
    const after = await srv.relay.readDoc(id);
    expect(rowIds(after).length).toBe(count);
    after.destroy();
    // A wrong password: refused before anything is read from the file's sheet.
    process.env.SELARAS_BAD_PW = 'salah';
    expect(await runImport([join(dir, 'usulan.csv'), '--sheet', id, '--server', srv.url, '--user', 'koordinator', '--password-env', 'SELARAS_BAD_PW'])).toBe(1);
    // Dry run needs no server.
    out.length = 0;
    expect(await runImport([join(dir, 'usulan.csv'), '--dry-run'])).toBe(0);
    expect(out.join('\n')).toMatch(/250 baris/);
  });
});
