// Seeded fuzz: ≥1,000 (1,190) malformed, truncated, oversized, wrongly encoded
// and binary-garbage files through the whole import path, and again through the
// files worker's API. Each must give a clear FileReadError in Bahasa Indonesia
// (no untranslated library message), import nothing and leave the existing
// sheet unchanged.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { strToU8, zipSync } from 'fflate';
import { FileReadError, createFilesService } from '../../src/files';
import { ImportSession } from '../../src/files/import-session';
import { applyImport } from '../../src/files/import-apply';
import { exportXlsx, exportCsv } from '../../src/files/export-table';
import { sheetToExportTable } from '../../src/files/sheet-export';
import { getColumns, toRecordRows, type ColumnDef } from '../../src/sheet';
import type { ReadOptions } from '../../src/files';
import { sampleSheet, seeded } from './helpers';

type Case = { name: string; bytes: Uint8Array; opts?: ReadOptions };

const SEED = 20251123;
const enc = (s: string) => new TextEncoder().encode(s);

function rels(sheetTarget = 'worksheets/sheet1.xml'): Record<string, Uint8Array> {
  return {
    '[Content_Types].xml': strToU8('<Types/>'),
    '_rels/.rels': strToU8('<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8(`<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${sheetTarget}"/></Relationships>`),
  };
}

function xlsxWithSheet(sheetXml: string, extra: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({ ...rels(), 'xl/worksheets/sheet1.xml': strToU8(sheetXml), ...extra });
}

const HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>NIK</t></is></c><c r="B1" t="inlineStr"><is><t>Nama</t></is></c></row>';

function makeCases(): Case[] {
  const rnd = seeded(SEED);
  const int = (n: number) => Math.floor(rnd() * n);
  const source = sampleSheet(40, 5);
  const goodXlsx = exportXlsx(sheetToExportTable(source, 'src'));
  const goodCsv = exportCsv(sheetToExportTable(source, 'src'));
  const cases: Case[] = [];

  // 1. Binary garbage (300): random bytes, some with a plausible start.
  for (let i = 0; i < 300; i++) {
    const len = 1 + int(4096);
    const bytes = new Uint8Array(len);
    for (let k = 0; k < len; k++) bytes[k] = int(256);
    if (i % 3 === 0) bytes[k0(bytes)] = 0;
    if (i % 10 === 1) bytes.set([0x4e, 0x49, 0x4b, 0x2c], 0); // "NIK," then garbage
    cases.push({ name: `garbage-${i}`, bytes });
  }
  // 2. Truncated .xlsx (250): any cut loses the zip's central directory.
  for (let i = 0; i < 250; i++) cases.push({ name: `xlsx-cut-${i}`, bytes: goodXlsx.slice(0, 1 + int(goodXlsx.length - 23)) });
  // 3. Truncated CSV inside a quoted field (100).
  const csvText = new TextDecoder().decode(goodCsv);
  for (let i = 0; i < 100; i++) {
    // Whole records, then a quoted field opened and cut off (the tail holds no quote to close it).
    const lines = csvText.split('\r\n');
    const head = lines.slice(0, 1 + int(lines.length - 2)).join('\r\n');
    const tail = 'Siti Aminah, Jl. Mawar\r\n3375015301891057,Budi'.slice(0, int(40));
    cases.push({ name: `csv-open-quote-${i}`, bytes: enc(`${head}\r\n3375015301891057,"${tail}`) });
  }
  // 4. Wrongly encoded (150): Windows-1252 accents, UTF-16 without BOM, Latin-1 names.
  for (let i = 0; i < 150; i++) {
    const name = ['José', 'Ñoman', 'Zoë', 'André', 'Müller'][i % 5]!;
    const text = `NIK;Nama\r\n33750153018910${String(10 + (i % 90))};${name} ${i}\r\n`;
    if (i % 3 === 2) {
      const u16 = new Uint8Array(text.length * 2);
      for (let k = 0; k < text.length; k++) u16[2 * k] = text.charCodeAt(k) & 0xff;
      cases.push({ name: `utf16-nobom-${i}`, bytes: u16 });
    } else {
      cases.push({ name: `cp1252-${i}`, bytes: Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff) });
    }
  }
  // 5. Malformed .xlsx structure (150): valid zips with broken parts.
  const broken: Array<() => Uint8Array> = [
    () => xlsxWithSheet(`<worksheet><sheetData>${HEADER_ROW}<row r="2"><c r="A2"><v>1`),
    () => xlsxWithSheet(`<worksheet><sheetData>${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>${5 + int(99)}</v></c></row></sheetData></worksheet>`),
    () => xlsxWithSheet(`<worksheet><sheetData>${HEADER_ROW}<row r="2"><c r=A2><v>1</v></c></row></sheetData></worksheet>`),
    () => xlsxWithSheet(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>NIK</t></is></c></row></sheetData></worksheet>`),
    () => zipSync({ ...rels('worksheets/missing.xml'), 'xl/worksheets/sheet1.xml': strToU8('<worksheet/>') }),
    () => zipSync({ 'xl/worksheets/sheet1.xml': strToU8('<worksheet/>') }),
    () => zipSync({ ...rels(), 'xl/workbook.xml': strToU8('<workbook><sheets/></workbook>') }),
    () => zipSync({ 'hello.txt': strToU8('not a workbook') }),
    () => xlsxWithSheet(`<worksheet><sheetData>${HEADER_ROW}</sheetData></worksheet>`),
    () => xlsxWithSheet(`<worksheet><sheetData>${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c>`),
    () => xlsxWithSheet(`<worksheet><sheetData>${HEADER_ROW}<row r="2"><c r="A2"><v>3</v></c></row><!-- unterminated`),
    () => xlsxWithSheet(`<worksheet><sheetData>${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>x<![CDATA[oops</t></is></c></row></sheetData></worksheet>`),
  ];
  for (let i = 0; i < 150; i++) cases.push({ name: `xlsx-broken-${i % broken.length}-${i}`, bytes: broken[i % broken.length]!() });
  // 6. Oversized (60): beyond Excel's own limits with the default options, or beyond a configured limit.
  for (let i = 0; i < 20; i++) {
    cases.push({ name: `rows-beyond-excel-${i}`, bytes: xlsxWithSheet(`<worksheet><sheetData>${HEADER_ROW}<row r="${1_048_577 + int(1000)}"><c><v>1</v></c></row></sheetData></worksheet>`) });
    cases.push({ name: `cols-beyond-excel-${i}`, bytes: xlsxWithSheet(`<worksheet><sheetData>${HEADER_ROW}<row r="2"><c r="XF${'EFGHZ'[i % 5]}2"><v>1</v></c></row></sheetData></worksheet>`) });
    const big = 'NIK,Nama\r\n' + '3375015301891057,Siti\r\n'.repeat(2000 + int(2000));
    const limits: ReadOptions[] = [{ maxBytes: 20_000 }, { maxRows: 1000 }, { maxUncompressedBytes: 10_000 }];
    const which = limits[i % 3]!;
    const bytes = 'maxUncompressedBytes' in which ? xlsxWithSheet(`<worksheet><sheetData>${HEADER_ROW}${'<row><c><v>1</v></c></row>'.repeat(3000)}</sheetData></worksheet>`) : enc(big);
    cases.push({ name: `over-limit-${i}`, bytes, opts: which });
  }
  // 7. Other formats and empty content (60).
  const others = [
    new Uint8Array(0),
    enc('\r\n\r\n  \r\n'),
    enc('NIK,Nama\r\n'),
    enc('\ufeff'),
    Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
    enc('%PDF-1.4\n%âãÏÓ\n'),
    zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'content.xml': strToU8('<x/>') }),
    Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
    enc('<html><body><table><tr><td>NIK</td></tr></table>'.replace(/</g, '\u0000<')),
    enc('PK not really'),
  ];
  for (let i = 0; i < 60; i++) cases.push({ name: `other-${i % others.length}-${i}`, bytes: others[i % others.length]!, ...(i % 2 ? {} : {}) });
  // 8. Wrongly encoded parts inside a valid .xlsx (80): names in Latin-1, UTF-16 without its
  //    byte-order mark, binary garbage as the sheet, shared strings or workbook, an unknown encoding.
  const SHEET = `<worksheet><sheetData>${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>3375015301891057</t></is></c><c r="B2" t="inlineStr"><is><t>NAME</t></is></c></row></sheetData></worksheet>`;
  const latin1 = (t: string) => Uint8Array.from(t, (c) => c.charCodeAt(0) & 0xff);
  const utf16 = (t: string) => Uint8Array.from({ length: t.length * 2 }, (_, k) => (k % 2 ? t.charCodeAt(k >> 1) >> 8 : t.charCodeAt(k >> 1) & 0xff));
  const garbage = (n: number) => Uint8Array.from({ length: n }, () => int(256));
  const sstRels = strToU8(
    '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
  );
  const badParts: Array<(name: string) => Uint8Array> = [
    (name) => zipSync({ ...rels(), 'xl/worksheets/sheet1.xml': latin1(SHEET.replace('NAME', name)) }),
    (name) => zipSync({ ...rels(), 'xl/worksheets/sheet1.xml': utf16(SHEET.replace('NAME', name)) }),
    () => zipSync({ ...rels(), 'xl/worksheets/sheet1.xml': garbage(1 + int(3000)) }),
    () =>
      zipSync({
        ...rels(),
        'xl/_rels/workbook.xml.rels': sstRels,
        'xl/worksheets/sheet1.xml': strToU8(SHEET.replace('t="inlineStr"><is><t>NIK</t></is>', 't="s"><v>0</v>')),
        'xl/sharedStrings.xml': garbage(1 + int(3000)),
      }),
    () => zipSync({ ...rels(), 'xl/workbook.xml': garbage(1 + int(500)), 'xl/worksheets/sheet1.xml': strToU8(SHEET) }),
    (name) => zipSync({ ...rels(), 'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0" encoding="x-selaras-${int(99)}"?>${SHEET.replace('NAME', name)}`) }),
  ];
  for (let i = 0; i < 80; i++) {
    const name = ['José', 'Ñoman', 'Zoë', 'André', 'Müller'][i % 5]!;
    cases.push({ name: `xlsx-encoding-${i % badParts.length}-${i}`, bytes: badParts[i % badParts.length]!(name) });
  }
  // 9. Zips that lie about their size (20): a sheet declared far smaller than it inflates to
  //    (what a decompression bomb does); only the declared bytes are ever produced.
  for (let i = 0; i < 20; i++) {
    const rows = '<row><c t="inlineStr"><is><t>3375015301891057</t></is></c></row>'.repeat(2000 + int(3000));
    const xml = `<worksheet><sheetData>${HEADER_ROW}${rows}</sheetData></worksheet>`;
    cases.push({ name: `xlsx-lying-size-${i}`, bytes: withDeclaredSize(xlsxWithSheet(xml), xml.length, 100 + int(5000)) });
  }
  // 10. Truncated UTF-16 CSV (20): cut at an odd byte, inside a character.
  for (let i = 0; i < 20; i++) {
    const body = utf16(`NIK,Nama\r\n3375015301891057,Zoë ${i}\r\n`);
    const cut = 2 * (3 + int(body.length / 2 - 4)) + 1;
    cases.push({ name: `utf16-cut-${i}`, bytes: new Uint8Array([0xff, 0xfe, ...body.subarray(0, cut)]) });
  }
  return cases;
}

/** The zip with every record of an entry whose uncompressed size is `real` saying `declared` instead. */
function withDeclaredSize(zip: Uint8Array, real: number, declared: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 30 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50 && view.getUint32(i + 22, true) === real) view.setUint32(i + 22, declared, true);
    if (sig === 0x02014b50 && view.getUint32(i + 24, true) === real) view.setUint32(i + 24, declared, true);
  }
  return out;
}

/** A message an officer can read: Indonesian, no untranslated library error, no programming noise. */
function unclear(message: string): string | null {
  if (message.length < 15) return 'too short';
  if (/undefined|NaN|\[object|null/.test(message)) return 'programming noise';
  if (/\b(invalid|unexpected|cannot|error|failed|not|unknown|EOF|is|the)\b/i.test(message)) return 'English';
  if (!/\b(berkas|tidak|bukan|rusak|terlalu|kosong|lembar|baris|kolom|belum|simpan)\b/i.test(message)) return 'not Indonesian';
  return null;
}

function k0(bytes: Uint8Array): number {
  return Math.min(bytes.length - 1, 7);
}

function snapshot(doc: Y.Doc): string {
  return JSON.stringify([Array.from(Y.encodeStateVector(doc)), getColumns(doc), toRecordRows(doc, 's')]);
}

/** The whole path an officer's file takes: read, map, preview, apply. */
function runImport(doc: Y.Doc, c: Case): void {
  const existing: ColumnDef[] = getColumns(doc);
  const fileName = c.name.startsWith('xlsx') || c.name.startsWith('rows') || c.name.startsWith('cols') ? `${c.name}.xlsx` : `${c.name}.csv`;
  const session = new ImportSession(c.bytes, fileName, c.opts);
  const mapping = session.proposeMapping(existing);
  const { plan } = session.preview(mapping, existing, toRecordRows(doc, 's'));
  applyImport(doc, plan);
}

describe('fuzz: bad files are refused clearly and change nothing', () => {
  const cases = makeCases();

  it(`has at least 1,000 cases (seed ${SEED})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(1000);
  });

  it('each gives a FileReadError with an Indonesian message; the existing sheet is unchanged', () => {
    const doc = sampleSheet(30, 9);
    const before = snapshot(doc);
    const codes = new Map<string, number>();
    const failures: string[] = [];
    for (const c of cases) {
      try {
        runImport(doc, c);
        failures.push(`${c.name}: imported`);
      } catch (e) {
        if (!(e instanceof FileReadError)) failures.push(`${c.name}: ${String(e)}`);
        else {
          codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
          const why = unclear(e.message);
          if (why) failures.push(`${c.name}: unclear message (${why}) "${e.message}"`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(snapshot(doc)).toBe(before);
    // Every family of refusal was exercised.
    for (const code of ['binary', 'encoding', 'csv-malformed', 'zip-corrupt', 'xlsx-corrupt', 'too-large', 'empty', 'xls-legacy', 'ods', 'no-rows', 'no-sheet']) {
      expect(codes.get(code) ?? 0, code).toBeGreaterThan(0);
    }
  });

  it('through the files worker API every case is an error result (code and message), never a thrown exception', () => {
    const service = createFilesService();
    const doc = sampleSheet(10, 4);
    const columns = getColumns(doc);
    const existing = toRecordRows(doc, 's');
    for (const c of cases) {
      const fileName = c.name.startsWith('xlsx') || c.name.startsWith('rows') || c.name.startsWith('cols') ? `${c.name}.xlsx` : `${c.name}.csv`;
      const opened = service.open(c.bytes, fileName, c.opts);
      const mapped = opened.ok ? service.proposeMapping(columns) : opened;
      const previewed = mapped.ok ? service.preview(mapped.value, columns, existing) : mapped;
      expect(previewed.ok, c.name).toBe(false);
      if (!previewed.ok) expect(unclear(previewed.error.message), `${c.name}: ${previewed.error.message}`).toBeNull();
    }
  });

  it('byte-flipped valid files never crash: refused clearly, or imported whole', () => {
    const rnd = seeded(SEED + 1);
    const source = sampleSheet(20, 3);
    const good = [exportXlsx(sheetToExportTable(source, 'a')), exportCsv(sheetToExportTable(source, 'a'))];
    for (let i = 0; i < 300; i++) {
      const bytes = good[i % 2]!.slice();
      for (let k = 0; k < 1 + Math.floor(rnd() * 8); k++) bytes[Math.floor(rnd() * bytes.length)] = Math.floor(rnd() * 256);
      const doc = sampleSheet(5, 1);
      const before = snapshot(doc);
      const rowsBefore = toRecordRows(doc, 's').length;
      try {
        runImport(doc, { name: i % 2 ? `flip-${i}` : `xlsx-flip-${i}`, bytes });
        expect(toRecordRows(doc, 's').length).toBeGreaterThan(rowsBefore);
      } catch (e) {
        expect(e, String(e)).toBeInstanceOf(FileReadError);
        expect(unclear((e as FileReadError).message), (e as FileReadError).message).toBeNull();
        expect(snapshot(doc)).toBe(before);
      }
    }
  });
});
