// readTable: one entry point for every file an officer may pick. The format is
// decided by the bytes (a renamed file still reads), the name only breaks ties.
import { readCsv } from './csv-read';
import { asFileReadError, fileError } from './errors';
import { DEFAULT_LIMITS, type ReadOptions, type Table, type TableFormat } from './table';
import { readXlsx } from './xlsx-read';

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** What the bytes say the file is. */
export function sniffFormat(bytes: Uint8Array, fileName: string): TableFormat {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    // An OpenDocument file is a zip too; it names itself in a stored "mimetype" entry.
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 100));
    if (head.includes('mimetypeapplication/vnd.oasis.opendocument')) {
      throw fileError('ods', 'Berkas OpenDocument (.ods) belum didukung. Simpan sebagai .xlsx atau .csv lalu impor lagi.');
    }
    return 'xlsx';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw fileError(
      'xls-legacy',
      'Berkas ini berformat Excel lama (.xls) atau .xlsx yang dilindungi kata sandi. Buka di Excel, hapus kata sandinya bila ada, lalu simpan sebagai .xlsx (Excel Workbook).',
    );
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) throw fileError('unknown-format', 'Berkas PDF tidak dapat diimpor. Gunakan berkas .xlsx atau .csv.');
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) {
    throw fileError('zip-corrupt', 'Berkas .xlsx ini rusak atau bukan berkas Excel sebenarnya (isinya bukan arsip XLSX).');
  }
  return 'csv';
}

export function readTable(bytes: Uint8Array, fileName: string, opts: ReadOptions = {}): Table {
  const maxBytes = opts.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  if (bytes.length === 0) throw fileError('empty', `Berkas "${fileName}" kosong.`);
  if (bytes.length > maxBytes) {
    throw fileError('too-large', `Berkas "${fileName}" terlalu besar (${Math.round(bytes.length / 1048576)} MB; batas ${Math.round(maxBytes / 1048576)} MB).`);
  }
  try {
    const table = sniffFormat(bytes, fileName) === 'xlsx' ? readXlsx(bytes, opts) : readCsv(bytes, opts);
    if (table.sheets.every((s) => s.rows.length === 0) && opts.sheet === undefined) {
      throw fileError('empty', `Berkas "${fileName}" tidak berisi data.`);
    }
    return table;
  } catch (e) {
    // Anything unexpected (a RangeError from a huge string, a bug) still reaches the user as a clear refusal.
    throw asFileReadError(e, 'unknown-format', `Berkas "${fileName}" tidak dapat dibaca`);
  }
}
