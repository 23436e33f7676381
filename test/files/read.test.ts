import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { readTable, FileReadError, cellText, type Row } from '../../src/files';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function texts(rows: Row[]): string[][] {
  return rows.map((r) => r.cells.map((c) => cellText(c)));
}

describe('readTable CSV', () => {
  it('reads comma CSV with quotes, embedded newlines and CRLF', () => {
    const t = readTable(enc('NIK,Nama,Alamat\r\n3375015301891057,"Siti, Aminah","Jl. ""Mawar""\r\nRT 1"\r\n'), 'a.csv');
    expect(t.delimiter).toBe(',');
    expect(texts(t.sheets[0]!.rows)).toEqual([
      ['NIK', 'Nama', 'Alamat'],
      ['3375015301891057', 'Siti, Aminah', 'Jl. "Mawar"\r\nRT 1'],
    ]);
  });

  it('detects ; and strips a BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc('NIK;Nama\n3.37501530189105E+15;Budi\n;\n\n')]);
    const t = readTable(bytes, 'b.csv');
    expect(t.delimiter).toBe(';');
    expect(t.bom).toBe(true);
    expect(texts(t.sheets[0]!.rows)).toEqual([['NIK', 'Nama'], ['3.37501530189105E+15', 'Budi']]);
    expect(t.sheets[0]!.rows[1]!.n).toBe(2);
  });

  it('refuses non-UTF-8, binary and unterminated quotes with Indonesian messages', () => {
    expect(() => readTable(new Uint8Array([0x4e, 0x61, 0x6d, 0x61, 0x0a, 0x4a, 0xe9, 0x72, 0xf4, 0x6d, 0x65]), 'c.csv')).toThrow(/UTF-8/);
    expect(() => readTable(new Uint8Array([1, 2, 0, 4, 5]), 'd.csv')).toThrow(FileReadError);
    expect(() => readTable(enc('a,b\n"x,y\n'), 'e.csv')).toThrow(/tidak pernah ditutup/);
    expect(() => readTable(new Uint8Array(), 'f.csv')).toThrow(/kosong/);
  });
});

describe('readTable XLSX', () => {
  it('keeps raw numbers, shared strings, dates, merges, several sheets', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.mergeCells('A1:B1');
    ws.getCell('A1').value = 'Identitas';
    ws.getRow(2).values = ['NIK', 'No KK', 'Nama', 'Tgl Lahir'];
    ws.getRow(3).values = [3375015301891050, '3375010101010001', 'Siti & "Aminah" <x>', new Date(Date.UTC(1989, 0, 13))];
    ws.getCell('D3').numFmt = 'dd/mm/yyyy';
    wb.addWorksheet('Kedua').getCell('B2').value = 'halo';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const t = readTable(bytes, 'x.xlsx');
    expect(t.format).toBe('xlsx');
    expect(t.sheets.map((s) => s.name)).toEqual(['Data', 'Kedua']);
    const rows = t.sheets[0]!.rows;
    expect(texts(rows)[0]).toEqual(['Identitas']);
    expect(rows[2]!.cells[0]).toEqual({ raw: '3375015301891050', type: 'number' });
    expect(rows[2]!.cells[1]).toEqual({ raw: '3375010101010001', type: 'string' });
    expect(rows[2]!.cells[2]!.raw).toBe('Siti & "Aminah" <x>');
    expect(rows[2]!.cells[3]!.type).toBe('date');
    expect(t.sheets[0]!.merges).toEqual([{ r0: 0, c0: 0, r1: 0, c1: 1 }]);
    expect(t.sheets[1]!.rows).toEqual([{ n: 2, cells: [null, { raw: 'halo', type: 'string' }] }]);
    expect(readTable(bytes, 'x.xlsx', { sheet: 'Kedua' }).sheets[0]!.rows).toEqual([]);
  });

  it('reads inline strings, prefixed tags, 16 raw digits and skips blank rows', () => {
    const sheet = `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
      <x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>NIK</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:r><x:t>Na</x:t></x:r><x:r><x:t xml:space="preserve">ma_x000D_</x:t></x:r></x:is></x:c></x:row>
      <x:row r="2"><x:c r="A2"><x:v>3375015301891057</x:v></x:c><x:c r="B2" t="str"><x:f>A1&amp;"x"</x:f><x:v>NIKx</x:v></x:c></x:row>
      <x:row r="3"><x:c r="A3" s="0"/></x:row><x:row r="4"/></x:sheetData></x:worksheet>`;
    const files = {
      '[Content_Types].xml': strToU8('<Types/>'),
      '_rels/.rels': strToU8('<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
      'xl/workbook.xml': strToU8('<workbook><workbookPr date1904="1"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/s.xml"/></Relationships>'),
      'xl/worksheets/s.xml': strToU8(sheet),
    };
    const t = readTable(zipSync(files), 'renamed.csv');
    expect(t.date1904).toBe(true);
    const rows = t.sheets[0]!.rows;
    expect(rows.length).toBe(2);
    expect(texts(rows)).toEqual([['NIK', 'Nama\r'], ['3375015301891057', 'NIKx']]);
    expect(rows[1]!.cells[1]!.formula).toBe(true);
  });

  it('refuses truncated zips and legacy .xls', () => {
    const bad = zipSync({ 'a.txt': strToU8('x'.repeat(1000)) });
    expect(() => readTable(bad.subarray(0, 40), 'a.xlsx')).toThrow(FileReadError);
    expect(() => readTable(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'a.xls')).toThrow(/\.xls/);
  });

  it('reads parts in UTF-16 (with byte-order mark) or a declared encoding; refuses names that are not valid text instead of mangling them', () => {
    const sheet = '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>NIK</t></is></c><c r="B1" t="inlineStr"><is><t>Nama</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>3375015301891057</t></is></c><c r="B2" t="inlineStr"><is><t>José Müller</t></is></c></row></sheetData></worksheet>';
    const workbook = (part: Uint8Array) =>
      zipSync({
        '_rels/.rels': strToU8('<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        'xl/worksheets/sheet1.xml': part,
      });
    const utf16le = (t: string) => Uint8Array.from({ length: t.length * 2 }, (_, k) => (k % 2 ? t.charCodeAt(k >> 1) >> 8 : t.charCodeAt(k >> 1) & 0xff));
    const latin1 = (t: string) => Uint8Array.from(t, (c) => c.charCodeAt(0) & 0xff);
    const expected = [['NIK', 'Nama'], ['3375015301891057', 'José Müller']];
    expect(texts(readTable(workbook(new Uint8Array([0xff, 0xfe, ...utf16le(sheet)])), 'u16.xlsx').sheets[0]!.rows)).toEqual(expected);
    expect(texts(readTable(workbook(latin1(`<?xml version="1.0" encoding="windows-1252"?>${sheet}`)), 'cp.xlsx').sheets[0]!.rows)).toEqual(expected);
    // The same bytes without the declaration are not UTF-8: refused, not read as "Jos� M�ller".
    expect(() => readTable(workbook(latin1(sheet)), 'bad.xlsx')).toThrow(/bukan teks UTF-8/);
    expect(() => readTable(workbook(utf16le(sheet)), 'nobom.xlsx')).toThrow(/byte nol/);
  });
});
