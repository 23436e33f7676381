// A program or image saved as .csv is called binary, not "not UTF-8": the raw bytes are
// looked at before the strict decode. A real Windows-1252 CSV still gets the encoding advice.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/files';
import { seeded as random } from './helpers';

const BINARY = /bukan CSV: isinya biner/;
const NOT_UTF8 = /tidak dalam pengodean UTF-8/;

describe('CSV reader: binary before encoding', () => {
  it('an executable saved as .csv is binary', () => {
    const ls = new Uint8Array(readFileSync(process.execPath).subarray(0, 65536));
    expect(() => readTable(ls, 'ls.csv')).toThrow(BINARY);
  });

  it('random bytes (which are not valid UTF-8 either) are binary', () => {
    const next = random(7);
    for (let n = 0; n < 20; n++) {
      const bytes = Uint8Array.from({ length: 4096 }, () => Math.floor(next() * 256));
      expect(() => readTable(bytes, `r${n}.csv`)).toThrow(BINARY);
    }
  });

  it('a Windows-1252 CSV (accented names, no control bytes) still gets the encoding message', () => {
    const text = 'NIK,Nama\n3375015201800003,Jérôme Siregar\n3375016808900002,André Lubis\n';
    const cp1252 = Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
    expect(() => readTable(cp1252, 'cp1252.csv')).toThrow(NOT_UTF8);
  });

  it('UTF-16 with its byte-order mark (a NUL in every other byte) is still read', () => {
    const text = 'NIK,Nama\r\n3375015201800003,Siti\r\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i);
    const t = readTable(bytes, 'utf16.csv');
    expect(t.sheets[0]?.rows.length).toBe(2);
  });
});
