import { describe, expect, it } from 'vitest';
import { parseTsv, serializeTsv, toRectangle, serializeHtmlTable } from '../../src/app/grid/tsv';
import { prng } from '../helpers/prng';

describe('TSV clipboard text', () => {
  it('parses what Excel and LibreOffice put on the clipboard (CRLF, trailing newline)', () => {
    expect(parseTsv('NIK\tNama\r\n3375015301891057\tSiti Aminah\r\n')).toEqual([
      ['NIK', 'Nama'],
      ['3375015301891057', 'Siti Aminah'],
    ]);
  });

  it('parses what Google Sheets puts on the clipboard (LF, no trailing newline)', () => {
    expect(parseTsv('a\tb\nc\td')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('keeps quoted fields with embedded newlines, tabs and doubled quotes', () => {
    expect(parseTsv('"Jl. Merdeka 4\r\nRT 03"\tx\r\n"say ""hi""\tthere"\t\r\n')).toEqual([
      ['Jl. Merdeka 4\r\nRT 03', 'x'],
      ['say "hi"\tthere', ''],
    ]);
  });

  it('keeps a quote inside an unquoted field literally', () => {
    expect(parseTsv('5" disk\tTV 32"')).toEqual([['5" disk', 'TV 32"']]);
  });

  it('keeps empty cells and empty rows in the middle', () => {
    expect(parseTsv('a\t\tc\r\n\r\n\tb\r\n')).toEqual([['a', '', 'c'], [''], ['', 'b']]);
  });

  it('treats a lone CR as a newline and an empty text as no rows', () => {
    expect(parseTsv('a\rb')).toEqual([['a'], ['b']]);
    expect(parseTsv('')).toEqual([]);
  });

  it('never turns a NIK into a number', () => {
    const [[nik]] = parseTsv('3375015301891057\r\n');
    expect(nik).toBe('3375015301891057');
    expect(serializeTsv([['0012345678901234']])).toBe('0012345678901234\r\n');
  });

  it('serializes with quotes only where needed', () => {
    expect(serializeTsv([['a', 'b c'], ['x\ny', 'q"r']])).toBe('a\tb c\r\n"x\ny"\t"q""r"\r\n');
  });

  it('pads ragged rows into a rectangle', () => {
    expect(toRectangle([['a'], ['b', 'c']])).toEqual([
      ['a', ''],
      ['b', 'c'],
    ]);
  });

  it('escapes HTML and marks cells as text for Excel', () => {
    const html = serializeHtmlTable([['<b>&', '3375015301891057']]);
    expect(html).toContain('&lt;b&gt;&amp;');
    expect(html).toContain("mso-number-format:'\\@'");
  });

  it('round-trips random grids (seeded fuzz)', () => {
    const alphabet = ['a', 'Z', ' ', '\t', '\n', '\r', '\r\n', '"', '""', '0', '3375', 'é', 'ñ', '—', ','];
    for (let seed = 1; seed <= 500; seed++) {
      const r = prng(seed);
      const rows = 1 + r.int(6);
      const cols = 1 + r.int(5);
      const grid = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => Array.from({ length: r.int(6) }, () => r.pick(alphabet)).join('')),
      );
      const text = serializeTsv(grid);
      expect(parseTsv(text), `seed ${seed}: ${JSON.stringify(text)}`).toEqual(grid);
    }
  });
});
