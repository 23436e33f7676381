import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import ExcelJS from 'exceljs';
import { ImportSession } from '../../src/files/import-session';
import { applyImport, applyImportInParts, planOutline } from '../../src/files/import-apply';
import { addColumn, appendRows, getColumns, initSheet, templateColumns, rowIds, getRowValues, toRecordRows, type SheetMeta } from '../../src/sheet';

const META: SheetMeta = { name: 'BPNT 2025 — Medono', program: 'BPNT', period: '2025', kelurahan: '', kecamatan: '' };
const enc = (s: string) => new TextEncoder().encode(s);

/** Fault injection: the n-th Yjs map write while `run` runs fails (as a full disk or a bug would). */
function failingAfterMapWrites<T>(n: number, run: () => T): T {
  const original = Y.Map.prototype.set;
  let calls = 0;
  Y.Map.prototype.set = function (this: Y.Map<unknown>, key: string, value: unknown) {
    if (++calls === n) throw new Error('disk penuh');
    return original.call(this, key, value as never);
  } as typeof original;
  try {
    return run();
  } finally {
    Y.Map.prototype.set = original;
  }
}

function newSheet(): Y.Doc {
  const doc = new Y.Doc();
  initSheet(doc, META, templateColumns('standar'));
  return doc;
}

describe('import', () => {
  it('maps headers, previews problems and duplicates, applies in one transaction', () => {
    const csv = [
      'No;NIK;No. KK;Nama Lengkap;Alamat;Ukuran Baju',
      '1;3375015301891057;3375010101010001;Siti Aminah;Jl. Mawar 1;-',
      '2;3.37501530189105E+15;3375010101010002;Budi;Jl. Melati;=1+2',
      '3;3375015301891057;3375010101010001;Siti Aminah;Jl. Mawar 1;dup',
      '',
      '',
    ].join('\r\n');
    const doc = newSheet();
    const session = new ImportSession(enc(csv), 'kel.csv');
    const s = session.summary();
    expect(s.delimiter).toBe(';');
    expect(s.roles.slice(0, 4)).toEqual([null, 'nik', 'no_kk', 'nama']);
    const mapping = session.proposeMapping(getColumns(doc));
    expect(mapping[0]!.action).toBe('skip');
    expect(mapping[1]).toMatchObject({ action: 'existing', columnId: 'nik' });
    expect(mapping[5]).toMatchObject({ action: 'new' });
    const { plan, preview } = session.preview(mapping, getColumns(doc), []);
    expect(preview.summary.rows).toBe(3);
    expect(preview.summary.duplicatesInFile).toBe(2);
    expect(preview.sample[1]!.findings.map((f) => f.code)).toContain('file-excel-precision');
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const res = applyImport(doc, plan);
    expect(updates.length).toBe(1);
    expect(res.rowIds.length).toBe(3);
    const values = rowIds(doc).map((id) => getRowValues(doc, id));
    expect(values[1]!.nik).toBe('3.37501530189105E+15');
    expect(values[1]![res.columnsAdded[0]!]).toBe('=1+2');
    expect(toRecordRows(doc, 's1').length).toBe(3);
    // Against the existing sheet: every row of the same file again is already there (the engine matches the damaged NIK row by KK + name).
    const again = session.preview(mapping.map((m) => (m.action === 'new' ? { ...m, action: 'existing' as const } : m)), getColumns(doc), toRecordRows(doc, 's1'));
    expect(again.preview.summary.duplicatesWithExisting).toBe(3);
  });

  it('xlsx with title block, merged two-row header, numbering row, number NIKs and date serials', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Usulan');
    ws.getCell('A1').value = 'DAFTAR USULAN BPNT KELURAHAN MEDONO';
    ws.mergeCells('A1:E1');
    ws.getCell('A3').value = 'No';
    ws.mergeCells('A3:A4');
    ws.getCell('B3').value = 'Identitas';
    ws.mergeCells('B3:C3');
    ws.getCell('B4').value = 'NIK';
    ws.getCell('C4').value = 'Nomor KK';
    ws.getCell('D3').value = 'Nama';
    ws.mergeCells('D3:D4');
    ws.getCell('E3').value = 'Tanggal Lahir';
    ws.mergeCells('E3:E4');
    ws.getRow(5).values = ['1', '2', '3', '4', '5'];
    ws.getRow(6).values = [1, 3375015301891057, 3375010101010001, 'Siti', new Date(Date.UTC(1989, 0, 13))];
    ws.getCell('E6').numFmt = 'dd/mm/yyyy';
    ws.getRow(7).values = [2, 3375011204850003, '3375010101010002', 'Budi', 31152];
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const doc = newSheet();
    const session = new ImportSession(bytes, 'u.xlsx');
    const s = session.summary();
    expect(s.headerRow).toBe(4);
    expect(s.labels).toEqual(['No', 'NIK', 'Nomor KK', 'Nama', 'Tanggal Lahir']);
    const mapping = session.proposeMapping(getColumns(doc));
    const { plan } = session.preview(mapping, getColumns(doc), []);
    expect(plan.rows.map((r) => r.values)).toEqual([
      { nik: '3375015301891057', no_kk: '3375010101010001', nama: 'Siti', tanggal_lahir: '13-01-1989' },
      { nik: '3375011204850003', no_kk: '3375010101010002', nama: 'Budi', tanggal_lahir: '15-04-1985' },
    ]);
    expect(plan.rows[0]!.position).toBe(6);
  });
});

describe('apply', () => {
  function planOf(n: number) {
    const doc = new Y.Doc();
    initSheet(doc, META, templateColumns('standar'));
    const csv = ['NIK,Nama,Alamat', ...Array.from({ length: n }, (_, i) => `33750153018910${String(i % 90 + 10)},Nama ${i},Jl. Panjang Sekali Nomor ${i}`)].join('\n');
    const session = new ImportSession(enc(csv), 'x.csv');
    return { doc, plan: session.plan(session.proposeMapping(getColumns(doc)), getColumns(doc)) };
  }

  it('splits a big import into updates under the relay budget, in order', () => {
    const { doc, plan } = planOf(3000);
    const sizes: number[] = [];
    doc.on('update', (u: Uint8Array) => sizes.push(u.length));
    const res = applyImport(doc, plan, { maxUpdateBytes: 100_000 });
    expect(res.transactions).toBeGreaterThan(2);
    expect(sizes.length).toBe(res.transactions);
    expect(Math.max(...sizes)).toBeLessThan(100_000);
    expect(rowIds(doc).map((id) => getRowValues(doc, id).nama)).toEqual(plan.rows.map((r) => r.values.nama));
  });

  it('applied in parts, the thread is given back between parts and the same rows are written', async () => {
    const { doc, plan } = planOf(2000);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const res = await applyImportInParts(doc, planOutline(plan, 50_000), async (from, to) => plan.rows.slice(from, to));
    clearInterval(timer);
    expect(res.transactions).toBeGreaterThan(3);
    expect(ticks).toBeGreaterThan(0);
    expect(rowIds(doc).length).toBe(2000);
  });

  it('parts fetched one by one: a part that cannot be fetched, or writes to an unknown column, undoes every part before it', async () => {
    for (const fault of ['fetch', 'column'] as const) {
      const { doc, plan } = planOf(3000);
      const before = JSON.stringify([getColumns(doc), rowIds(doc)]);
      const outline = planOutline(plan, 50_000);
      expect(outline.parts.length).toBeGreaterThan(3);
      const bad = outline.parts[2]![0];
      let fetched = 0;
      const attempt = applyImportInParts(doc, outline, async (from, to) => {
        fetched++;
        if (from === bad && fault === 'fetch') throw new Error('pekerja berkas berhenti');
        return plan.rows.slice(from, to).map((r) => (from === bad ? { ...r, values: { ...r.values, hilang: 'x' } } : r));
      });
      await expect(attempt).rejects.toThrow(fault === 'fetch' ? /Impor dibatalkan.*pekerja berkas berhenti/ : /Impor dibatalkan: baris \d+ menulis ke kolom "hilang"/);
      expect(fetched).toBe(3);
      expect(JSON.stringify([getColumns(doc), rowIds(doc)])).toBe(before);
    }
  });

  it('a column someone adds while the first part is on its way is not created twice: refused, nothing written', async () => {
    const doc = newSheet();
    const csv = ['NIK,Nama,Ukuran Baju', ...Array.from({ length: 500 }, (_, i) => `33750153018910${String(i % 90 + 10)},Nama ${i},L`)].join('\n');
    const session = new ImportSession(enc(csv), 'x.csv');
    const plan = session.plan(session.proposeMapping(getColumns(doc)), getColumns(doc));
    const added = plan.newColumns[0]!;
    const outline = planOutline(plan, 20_000);
    const attempt = applyImportInParts(doc, outline, async (from, to) => {
      if (from === 0) addColumn(doc, { id: added.id, label: 'Ukuran (rekan)' }, undefined, 'rekan');
      return plan.rows.slice(from, to);
    });
    await expect(attempt).rejects.toThrow(/sudah ada di lembar/);
    expect(getColumns(doc).filter((c) => c.id === added.id).map((c) => c.label)).toEqual(['Ukuran (rekan)']);
    expect(rowIds(doc)).toEqual([]);
  });

  it('a failure in the middle undoes every part: the sheet is unchanged', () => {
    const { doc, plan } = planOf(3000);
    const before = JSON.stringify([getColumns(doc), rowIds(doc)]);
    expect(() => failingAfterMapWrites(5000, () => applyImport(doc, plan, { maxUpdateBytes: 100_000 }))).toThrow(/Impor dibatalkan.*disk penuh/);
    expect(JSON.stringify([getColumns(doc), rowIds(doc)])).toBe(before);
  });
});

describe('re-import diff', () => {
  it('matches by NIK, then No KK + name; ignores padding; never overwrites a good NIK with an Excel-damaged one', async () => {
    const { diffReimport } = await import('../../src/files/reimport');
    const existing = [
      { id: 'a', values: { nik: '3375015301891057', no_kk: '3375010101010001', nama: 'Siti Aminah', alamat: 'Jl. Mawar 1' } },
      { id: 'b', values: { nik: '3375011204850003', no_kk: '3375010101010002', nama: 'Budi Santoso', alamat: 'Jl. Melati' } },
      { id: 'c', values: { nik: '3375014107920001', no_kk: '3375010101010003', nama: 'Dewi Lestari', alamat: 'Gg. Kenanga' } },
    ];
    const roles = { nik: 'nik', no_kk: 'no_kk', nama: 'nama', alamat: 'alamat' } as const;
    const row = (position: number, values: Record<string, string>) => ({ key: `impor#${position}`, position, values });
    const plan = {
      newColumns: [],
      fileFindings: [],
      roles: { ...roles },
      rows: [
        row(2, { nik: '3375015301891057', no_kk: '3375010101010001', nama: 'Siti Aminah ', alamat: 'Jl. Mawar No. 1' }),
        // The province's Excel turned Budi's NIK into a number: matched by KK + name, NIK kept.
        row(3, { nik: '3.37501120485E+15', no_kk: '3375010101010002', nama: 'Budi Santoso', alamat: 'Jl. Melati' }),
        row(4, { nik: '3375016005000004', no_kk: '3375010101010009', nama: 'Warga Baru', alamat: 'Jl. Baru' }),
      ],
    };
    const diff = diffReimport(existing, { ...roles }, plan);
    expect(diff.changed).toEqual([{ rowId: 'a', incoming: plan.rows[0], matchedBy: 'nik', changes: [{ col: 'alamat', before: 'Jl. Mawar 1', after: 'Jl. Mawar No. 1' }] }]);
    expect(diff.kept).toMatchObject([{ rowId: 'b', col: 'nik', before: '3375011204850003' }]);
    expect(diff.unchanged).toBe(1);
    expect(diff.added.map((r) => r.position)).toEqual([4]);
    expect(diff.removed.map((r) => r.id)).toEqual(['c']);
  });
});

describe('re-import apply', () => {
  it('a returned list that adds thousands of rows goes in as updates under the budget; a failure in a later part undoes the edits too', async () => {
    const { applyReimport, defaultDecision } = await import('../../src/files/reimport-apply');
    const build = () => {
      const doc = newSheet();
      const [a] = appendRows(doc, [{ nik: '3375015301891057', nama: 'Siti Aminah', alamat: 'Jl. Mawar 1' }]);
      const csv = ['NIK,Nama,Alamat', '3375015301891057,Siti Aminah,Jl. Mawar No. 1', ...Array.from({ length: 3000 }, (_, i) => `33750153018920${String(i % 90 + 10)},Warga ${i},Jl. Baru ${i}`)].join('\n');
      const session = new ImportSession(enc(csv), 'kembali.csv');
      const existing = rowIds(doc).map((id) => ({ id, values: getRowValues(doc, id) }));
      const { plan, diff } = session.diff(session.proposeMapping(getColumns(doc)), getColumns(doc), existing);
      return { doc, a: a!, plan, diff, decision: defaultDecision(diff) };
    };
    const ok = build();
    expect(ok.diff.added.length).toBe(3000);
    const sizes: number[] = [];
    ok.doc.on('update', (u: Uint8Array) => sizes.push(u.length));
    const res = applyReimport(ok.doc, ok.plan, ok.diff, ok.decision, undefined, { maxUpdateBytes: 100_000 });
    expect(res).toEqual({ added: 3000, removed: 0, cellsChanged: 1 });
    expect(sizes.length).toBeGreaterThan(2);
    expect(Math.max(...sizes)).toBeLessThan(100_000);
    expect(getRowValues(ok.doc, ok.a).alamat).toBe('Jl. Mawar No. 1');
    expect(rowIds(ok.doc).length).toBe(3001);

    const bad = build();
    const before = JSON.stringify([getColumns(bad.doc), rowIds(bad.doc).map((id) => getRowValues(bad.doc, id))]);
    expect(() => failingAfterMapWrites(5000, () => applyReimport(bad.doc, bad.plan, bad.diff, bad.decision, undefined, { maxUpdateBytes: 100_000 }))).toThrow(/Impor dibatalkan.*disk penuh/);
    expect(JSON.stringify([getColumns(bad.doc), rowIds(bad.doc).map((id) => getRowValues(bad.doc, id))])).toBe(before);
  });
});
