// CSV reader: UTF-8 (with or without BOM; UTF-16 when it has a BOM), the
// separator detected among ',', ';' (Excel in an Indonesian locale) and tab,
// RFC 4180 quoting, CRLF/LF/CR line ends. Every field is kept as written.
import { fileError } from './errors';
import { DEFAULT_LIMITS, type Cell, type ReadOptions, type Row, type Table } from './table';

const CANDIDATES = [',', ';', '\t', '|'] as const;

export function decodeText(bytes: Uint8Array, encoding?: string): { text: string; bom: boolean } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: decodeStrict(bytes.subarray(3), 'utf-8'), bom: true };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeStrict(bytes.subarray(2), 'utf-16le'), bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeStrict(bytes.subarray(2), 'utf-16be'), bom: true };
  if (encoding) {
    try {
      return { text: new TextDecoder(encoding).decode(bytes), bom: false };
    } catch {
      throw fileError('encoding', `Pengodean "${encoding}" tidak dikenal.`);
    }
  }
  return { text: decodeStrict(bytes, 'utf-8'), bom: false };
}

function decodeStrict(bytes: Uint8Array, encoding: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw fileError(
      'encoding',
      'Berkas CSV tidak dalam pengodean UTF-8 (mungkin disimpan sebagai "CSV (Comma delimited)" dengan pengodean Windows). ' +
        'Simpan ulang dari Excel sebagai "CSV UTF-8 (Comma delimited)", atau impor sebagai XLSX.',
    );
  }
}

/** Count each candidate separator outside quotes in the first record. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (let i = 0; i < text.length && i < 65536; i++) {
    const ch = text[i] as string;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const c of CANDIDATES) {
    const n = counts.get(c) ?? 0;
    if (n > bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return best;
}

/**
 * Whether the first 8 K codes (code(i), i < length) are a binary file's, not text: a NUL, or
 * more than 1 % control characters other than tab/CR/LF (or U+FFFD, a byte no decoder could read).
 */
function mostlyBinary(length: number, code: (i: number) => number): boolean {
  const n = Math.min(length, 8192);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = code(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad > 0 && bad * 100 > n;
}

/**
 * The raw bytes, before any decoding (mostlyBinary), so a program or image saved as .csv is
 * called binary rather than "not UTF-8"; a Windows-1252 CSV has no bytes below 0x20 but
 * tab/CR/LF, so it still gets the encoding message. UTF-16 (NUL in every other byte) is left
 * to the check of the decoded text.
 */
function bytesLookBinary(bytes: Uint8Array, encoding: string | undefined): boolean {
  const utf16Bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16Bom || (encoding !== undefined && /^utf-?16/i.test(encoding))) return false;
  return mostlyBinary(bytes.length, (i) => bytes[i] as number);
}

const BINARY_MESSAGE = 'Berkas ini bukan CSV: isinya biner, bukan teks. Pilih berkas .csv atau .xlsx.';

export function readCsv(bytes: Uint8Array, opts: ReadOptions = {}): Table {
  if (bytesLookBinary(bytes, opts.encoding)) throw fileError('binary', BINARY_MESSAGE);
  const { text, bom } = decodeText(bytes, opts.encoding);
  if (mostlyBinary(text.length, (i) => text.charCodeAt(i))) throw fileError('binary', BINARY_MESSAGE);
  const delimiter = opts.delimiter ?? detectDelimiter(text);
  const rows = parseCsv(text, delimiter, opts.maxRows ?? DEFAULT_LIMITS.maxRows, opts.maxColumns ?? DEFAULT_LIMITS.maxColumns);
  let columnCount = 0;
  for (const r of rows) if (r.cells.length > columnCount) columnCount = r.cells.length;
  return { format: 'csv', sheets: [{ name: 'CSV', rows, merges: [], columnCount }], date1904: false, delimiter, bom };
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * One pass over the text. Lenient where Excel is (a stray quote inside an
 * unquoted field is kept as text), strict where data would be lost (a quoted
 * field never closed).
 */
export function parseCsv(text: string, delimiter: string, maxRows: number, maxColumns: number): Row[] {
  if (delimiter.length !== 1) throw fileError('csv-malformed', 'Pemisah kolom CSV harus satu karakter.');
  const delim = delimiter.charCodeAt(0);
  const rows: Row[] = [];
  const len = text.length;
  let record = 0;
  let line = 1;
  let i = 0;
  let fields: (Cell | null)[] = [];
  let blank = true;

  const pushField = (value: string): void => {
    if (fields.length >= maxColumns) throw fileError('too-large', `Baris ${record + 1} CSV terlalu lebar: lebih dari ${maxColumns} kolom.`);
    if (value === '') fields.push(null);
    else {
      fields.push({ raw: value, type: 'string' });
      if (blank && value.trim() !== '') blank = false;
    }
  };
  const endRecord = (): void => {
    record++;
    if (record > maxRows) throw fileError('too-large', `Berkas CSV terlalu panjang: lebih dari ${maxRows.toLocaleString('id-ID')} baris.`);
    if (!blank) {
      while (fields.length > 0 && fields[fields.length - 1] === null) fields.pop();
      rows.push({ n: record, cells: fields });
    }
    fields = [];
    blank = true;
  };

  while (i < len) {
    let c = text.charCodeAt(i);
    if (c === QUOTE) {
      const startLine = line;
      let value = '';
      let from = i + 1;
      let j = from;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          throw fileError(
            'csv-malformed',
            `Berkas CSV rusak: tanda kutip (") yang dibuka di baris ${startLine} tidak pernah ditutup. Periksa berkas atau simpan ulang dari Excel.`,
          );
        }
        for (let k = j; k < q; k++) if (text.charCodeAt(k) === LF) line++;
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(from, q + 1);
          j = q + 2;
          from = j;
          continue;
        }
        value += text.slice(from, q);
        i = q + 1;
        break;
      }
      // Text after the closing quote, up to the separator, is kept (Excel does the same).
      let k = i;
      while (k < len) {
        const ch = text.charCodeAt(k);
        if (ch === delim || ch === CR || ch === LF) break;
        k++;
      }
      if (k > i) value += text.slice(i, k);
      i = k;
      pushField(value);
    } else {
      let k = i;
      while (k < len) {
        const ch = text.charCodeAt(k);
        if (ch === delim || ch === CR || ch === LF) break;
        k++;
      }
      pushField(text.slice(i, k));
      i = k;
    }
    if (i >= len) {
      endRecord();
      break;
    }
    c = text.charCodeAt(i);
    if (c === delim) {
      i++;
      if (i >= len) {
        pushField('');
        endRecord();
      }
    } else {
      // CRLF, LF or a lone CR ends the record.
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      endRecord();
    }
  }
  return rows;
}
