// .xlsx reader: fflate to unzip, the XmlScanner to walk the parts. Cell values
// are kept as the raw text of `<v>` / shared / inline strings (see table.ts).
import { unzipSync, type Unzipped } from 'fflate';
import { FileReadError, fileError } from './errors';
import { DEFAULT_LIMITS, type Cell, type MergedRange, type ReadOptions, type Row, type Table, type Worksheet } from './table';
import { XmlScanner, decodeOoxmlEscapes } from './xml';
import { isDateFormat, BUILTIN_DATE_FORMAT_IDS } from './date-format';

interface SheetEntry {
  name: string;
  path: string;
}

const utf8 = new TextDecoder('utf-8');

export function readXlsx(bytes: Uint8Array, opts: ReadOptions = {}): Table {
  const maxUncompressed = opts.maxUncompressedBytes ?? DEFAULT_LIMITS.maxUncompressedBytes;
  const meta = unzipParts(bytes, (name) => !name.startsWith('xl/worksheets/') && /\.(xml|rels)$/i.test(name), maxUncompressed);
  const workbookPath = findWorkbookPath(meta);
  const workbookXml = part(meta, workbookPath);
  if (workbookXml === undefined) throw fileError('xlsx-corrupt', 'Berkas XLSX rusak: bagian workbook tidak ada. Bukan berkas Excel yang utuh?');
  const { sheets: entries, date1904 } = parseWorkbook(workbookXml, relsFor(meta, workbookPath), dirOf(workbookPath));
  if (entries.length === 0) throw fileError('no-sheet', 'Berkas XLSX tidak berisi lembar kerja (worksheet).');

  const wanted = pickSheets(entries, opts.sheet);
  const sheetFiles = unzipParts(bytes, (name) => wanted.some((e) => e.path === name), maxUncompressed);
  const shared = parseSharedStrings(part(meta, `${dirOf(workbookPath)}sharedStrings.xml`) ?? partByRel(meta, workbookPath, 'sharedStrings'));
  const dateStyles = parseDateStyles(part(meta, `${dirOf(workbookPath)}styles.xml`) ?? partByRel(meta, workbookPath, 'styles'));

  const sheets: Worksheet[] = entries.map((entry) => {
    if (!wanted.includes(entry)) return { name: entry.name, rows: [], merges: [], columnCount: 0 };
    const xml = part(sheetFiles, entry.path);
    if (xml === undefined) throw fileError('xlsx-corrupt', `Berkas XLSX rusak: lembar "${entry.name}" tidak ditemukan di dalam berkas.`);
    return parseSheet(xml, entry.name, shared, dateStyles, opts);
  });
  return { format: 'xlsx', sheets, date1904 };
}

function unzipParts(bytes: Uint8Array, want: (name: string) => boolean, maxUncompressed: number): Unzipped {
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        if (!want(file.name)) return false;
        total += file.originalSize;
        if (total > maxUncompressed) {
          throw fileError('too-large', `Isi berkas XLSX terlalu besar setelah dibuka (lebih dari ${Math.round(maxUncompressed / 1048576)} MB).`);
        }
        return true;
      },
    });
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    throw fileError('zip-corrupt', `Berkas XLSX rusak atau terpotong; arsip ZIP di dalamnya tidak dapat dibuka (${zipProblem(e)}). Minta berkas aslinya lagi, atau simpan ulang dari Excel.`);
  }
}

/** fflate's English error said in Indonesian, by its numeric code (stable across versions). */
function zipProblem(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : undefined;
  switch (code) {
    case 0:
      return 'data terpotong di tengah';
    case 1:
    case 2:
    case 3:
      return 'data terkompresi rusak';
    case 8:
      return 'nama bagian di dalamnya bukan UTF-8';
    case 13:
      return 'berkas terpotong atau bukan ZIP';
    case 14:
      return 'memakai cara kompresi yang tidak didukung';
    default:
      return 'struktur ZIP tidak sah';
  }
}

function part(files: Unzipped, path: string): string | undefined {
  const data = files[path] ?? files[findCaseInsensitive(files, path) ?? ''];
  if (!data) return undefined;
  return decodePart(data, path);
}

/**
 * An XML part's text. XML may be UTF-16 (with a byte-order mark) or declare
 * another encoding; anything else must be valid UTF-8. Bytes that are not
 * text are refused, never replaced by '�': a name silently mangled on import
 * is exactly the data loss this path must not cause.
 */
function decodePart(data: Uint8Array, path: string): string {
  const wrong = (why: string) =>
    fileError('encoding', `Berkas XLSX rusak: bagian ${path} ${why}. Buka berkas di Excel atau LibreOffice lalu simpan ulang sebagai .xlsx.`);
  let encoding = 'utf-8';
  let body = data;
  if (data[0] === 0xff && data[1] === 0xfe) [encoding, body] = ['utf-16le', data.subarray(2)];
  else if (data[0] === 0xfe && data[1] === 0xff) [encoding, body] = ['utf-16be', data.subarray(2)];
  else {
    const declared = /^(?:\uFEFF)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(utf8.decode(data.subarray(0, 200)))?.[1]?.toLowerCase();
    if (declared && declared !== 'utf-8' && declared !== 'utf8') encoding = declared;
    // A zero byte is never XML text: UTF-16 without its byte-order mark, or binary data.
    if (encoding === 'utf-8' && data.subarray(0, 4096).includes(0)) throw wrong('bukan teks XML (berisi byte nol; mungkin UTF-16 tanpa penanda urutan byte, atau data biner)');
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw wrong(`memakai pengodean "${encoding}" yang tidak dikenal`);
  }
  try {
    return decoder.decode(body);
  } catch (e) {
    if (e instanceof TypeError) throw wrong(`bukan teks ${encoding.toUpperCase()} yang sah (pengodean salah atau isinya rusak)`);
    throw fileError('too-large', `Bagian ${path} di dalam XLSX terlalu besar untuk dibaca.`);
  }
}

function findCaseInsensitive(files: Unzipped, path: string): string | undefined {
  const lower = path.toLowerCase();
  return Object.keys(files).find((k) => k.toLowerCase() === lower);
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

function resolveTarget(baseDir: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = (baseDir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function parseRels(xml: string | undefined, partName: string): Relationship[] {
  if (!xml) return [];
  const s = new XmlScanner(xml, partName);
  const out: Relationship[] = [];
  for (let t = s.next(); t !== 'end'; t = s.next()) {
    if ((t === 'open' || t === 'empty') && s.name === 'Relationship') {
      out.push({ id: s.attr('Id') ?? '', type: s.attr('Type') ?? '', target: s.attr('Target') ?? '' });
    }
  }
  return out;
}

function relsFor(files: Unzipped, partPath: string): Relationship[] {
  const relsPath = `${dirOf(partPath)}_rels/${partPath.slice(dirOf(partPath).length)}.rels`;
  return parseRels(part(files, relsPath), relsPath);
}

function partByRel(files: Unzipped, fromPath: string, typeSuffix: string): string | undefined {
  const rel = relsFor(files, fromPath).find((r) => r.type.endsWith(`/${typeSuffix}`));
  return rel ? part(files, resolveTarget(dirOf(fromPath), rel.target)) : undefined;
}

function findWorkbookPath(files: Unzipped): string {
  const root = parseRels(part(files, '_rels/.rels'), '_rels/.rels');
  const doc = root.find((r) => r.type.endsWith('/officeDocument'));
  return doc ? resolveTarget('', doc.target) : 'xl/workbook.xml';
}

function parseWorkbook(xml: string, rels: Relationship[], baseDir: string): { sheets: SheetEntry[]; date1904: boolean } {
  const s = new XmlScanner(xml, 'workbook.xml');
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  for (let t = s.next(); t !== 'end'; t = s.next()) {
    if (t !== 'open' && t !== 'empty') continue;
    if (s.name === 'workbookPr') {
      const v = s.attr('date1904');
      date1904 = v === '1' || v === 'true';
    } else if (s.name === 'sheet') {
      const id = s.attr('id');
      const rel = rels.find((r) => r.id === id);
      // Chartsheets and dialog sheets have no cells; only worksheets are offered.
      if (!rel || !rel.type.endsWith('/worksheet')) continue;
      sheets.push({ name: s.attr('name') ?? `Sheet${sheets.length + 1}`, path: resolveTarget(baseDir, rel.target) });
    }
  }
  return { sheets, date1904 };
}

function pickSheets(entries: SheetEntry[], sheet: string | number | undefined): SheetEntry[] {
  if (sheet === undefined) return entries;
  const found = typeof sheet === 'number' ? entries[sheet] : entries.find((e) => e.name === sheet) ?? entries.find((e) => e.name.toLowerCase() === sheet.toLowerCase());
  if (!found) {
    const names = entries.map((e) => `"${e.name}"`).join(', ');
    throw fileError('no-sheet', `Lembar "${String(sheet)}" tidak ada di berkas ini. Lembar yang ada: ${names}.`);
  }
  return [found];
}

function parseSharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const s = new XmlScanner(xml, 'sharedStrings.xml');
  const out: string[] = [];
  for (let t = s.next(); t !== 'end'; t = s.next()) {
    if (t === 'open' && s.name === 'si') out.push(decodeOoxmlEscapes(readRichText(s)));
    else if (t === 'empty' && s.name === 'si') out.push('');
  }
  return out;
}

/** Inside `<si>` or `<is>`: the text of its `<t>` runs, phonetic runs left out. */
function readRichText(s: XmlScanner): string {
  let depth = 0;
  let out = '';
  for (;;) {
    const t = s.next();
    if (t === 'end') throw fileError('xlsx-corrupt', 'Berkas XLSX rusak: teks sel tidak ditutup.');
    if (t === 'open') {
      if (s.name === 't') out += s.readText();
      else if (s.name === 'rPh') s.skipElement();
      else depth++;
    } else if (t === 'close') {
      if (depth === 0) return out;
      depth--;
    }
  }
}

/** Which cell style indexes (`s` attribute) show a number as a date. */
function parseDateStyles(xml: string | undefined): Set<number> {
  const out = new Set<number>();
  if (!xml) return out;
  const s = new XmlScanner(xml, 'styles.xml');
  const custom = new Map<number, string>();
  let inCellXfs = false;
  let index = 0;
  for (let t = s.next(); t !== 'end'; t = s.next()) {
    if (t === 'close' && s.name === 'cellXfs') inCellXfs = false;
    if (t !== 'open' && t !== 'empty') continue;
    if (s.name === 'numFmt') {
      custom.set(Number(s.attr('numFmtId')), s.attr('formatCode') ?? '');
    } else if (s.name === 'cellXfs') {
      inCellXfs = t === 'open';
    } else if (s.name === 'xf' && inCellXfs) {
      const id = Number(s.attr('numFmtId') ?? '0');
      const code = custom.get(id);
      if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMAT_IDS.has(id)) out.add(index);
      index++;
    }
  }
  return out;
}

/** "AB12" → 27 (0-based column); -1 if the reference has no letters. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 32; // lower-case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return i === 0 ? -1 : col - 1;
}

function rowOf(ref: string): number {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) > 57) i++;
  return Number(ref.slice(i));
}

function parseRange(ref: string): MergedRange | null {
  const [a, b = a] = ref.split(':');
  if (!a) return null;
  const c0 = columnOf(a);
  const c1 = columnOf(b);
  const r0 = rowOf(a) - 1;
  const r1 = rowOf(b) - 1;
  if (c0 < 0 || c1 < 0 || !(r0 >= 0) || !(r1 >= 0)) return null;
  return { r0: Math.min(r0, r1), c0: Math.min(c0, c1), r1: Math.max(r0, r1), c1: Math.max(c0, c1) };
}

function isBlank(cells: (Cell | null)[]): boolean {
  for (const c of cells) if (c && c.raw.trim() !== '') return false;
  return true;
}

function parseSheet(xml: string, name: string, shared: string[], dateStyles: Set<number>, opts: ReadOptions): Worksheet {
  const maxRows = opts.maxRows ?? DEFAULT_LIMITS.maxRows;
  const maxColumns = opts.maxColumns ?? DEFAULT_LIMITS.maxColumns;
  const s = new XmlScanner(xml, `lembar "${name}"`);
  const rows: Row[] = [];
  const merges: MergedRange[] = [];
  let columnCount = 0;
  let rowNumber = 0;
  let cells: (Cell | null)[] | null = null;
  let col = -1;
  // The cell being read.
  let cellType = '';
  let cellStyle = -1;
  let value: string | null = null;
  let inline: string | null = null;
  let hasFormula = false;

  const finishCell = (): void => {
    if (!cells) return;
    const cell = makeCell(cellType, cellStyle, value, inline, hasFormula, shared, dateStyles, name, rowNumber, col);
    if (cell) {
      if (col >= maxColumns) throw fileError('too-large', `Lembar "${name}" terlalu lebar: lebih dari ${maxColumns} kolom.`);
      while (cells.length < col) cells.push(null);
      cells[col] = cell;
    }
  };

  for (let t = s.next(); t !== 'end'; t = s.next()) {
    if (t === 'open' || t === 'empty') {
      switch (s.name) {
        case 'row': {
          const r = Number(s.attr('r'));
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          if (rowNumber > maxRows) throw fileError('too-large', `Lembar "${name}" terlalu panjang: lebih dari ${maxRows.toLocaleString('id-ID')} baris.`);
          col = -1;
          cells = t === 'open' ? [] : null;
          break;
        }
        case 'c': {
          const ref = s.attr('r');
          const c = ref ? columnOf(ref) : -1;
          col = c >= 0 ? c : col + 1;
          cellType = s.attr('t') ?? 'n';
          const st = s.attr('s');
          cellStyle = st === undefined ? -1 : Number(st);
          value = null;
          inline = null;
          hasFormula = false;
          if (t === 'empty') finishCell();
          break;
        }
        case 'v':
          if (t === 'open') value = s.readText();
          else value = '';
          break;
        case 'f':
          hasFormula = true;
          if (t === 'open') s.skipElement();
          break;
        case 'is':
          if (t === 'open') inline = decodeOoxmlEscapes(readRichText(s));
          break;
        case 'mergeCell': {
          const range = parseRange(s.attr('ref') ?? '');
          if (range) merges.push(range);
          break;
        }
        default:
          break;
      }
    } else if (t === 'close') {
      if (s.name === 'c') finishCell();
      else if (s.name === 'row' && cells) {
        if (!isBlank(cells)) {
          rows.push({ n: rowNumber, cells });
          if (cells.length > columnCount) columnCount = cells.length;
        }
        cells = null;
      }
    }
  }
  return { name, rows, merges, columnCount };
}

function makeCell(
  type: string,
  style: number,
  value: string | null,
  inline: string | null,
  formula: boolean,
  shared: string[],
  dateStyles: Set<number>,
  sheet: string,
  row: number,
  col: number,
): Cell | null {
  const f = formula ? { formula: true } : {};
  switch (type) {
    case 's': {
      if (value === null || value.trim() === '') return null;
      const idx = Number(value);
      const text = shared[idx];
      if (!Number.isInteger(idx) || text === undefined) {
        throw fileError('xlsx-corrupt', `Berkas XLSX rusak: sel ${cellRef(row, col)} di lembar "${sheet}" menunjuk teks yang tidak ada.`);
      }
      return text === '' ? null : { raw: text, type: 'string', ...f };
    }
    case 'inlineStr':
      return inline ? { raw: inline, type: 'string', ...f } : value ? { raw: value, type: 'string', ...f } : null;
    case 'str':
      return value ? { raw: decodeOoxmlEscapes(value), type: 'string', ...f } : null;
    case 'b':
      return value === null || value === '' ? null : { raw: value === '1' || value === 'true' ? 'TRUE' : 'FALSE', type: 'boolean', ...f };
    case 'e':
      return value ? { raw: value, type: 'error', ...f } : null;
    case 'd':
      return value ? { raw: value, type: 'date', ...f } : null;
    default: {
      if (value === null) return null;
      const v = value.trim();
      if (v === '') return null;
      return { raw: v, type: style >= 0 && dateStyles.has(style) ? 'date' : 'number', ...f };
    }
  }
}

export function cellRef(row: number, col: number): string {
  let letters = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}
