// CSV writer: UTF-8 with a BOM (so Excel reads the accents right), CRLF,
// RFC 4180 quoting, formula-like text neutralised.
import { neutraliseForCsv } from './neutralise';

export interface CsvWriteOptions {
  /** ',' (default) or ';' for Excel in an Indonesian locale. */
  delimiter?: string;
  /** Leave out the byte-order mark (default: written). */
  noBom?: boolean;
}

export function writeCsv(header: string[], rows: string[][], opts: CsvWriteOptions = {}): Uint8Array {
  const d = opts.delimiter ?? ',';
  const needsQuote = new RegExp(`["\\r\\n${d === '\t' ? '\\t' : d.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&')}]`);
  const field = (raw: string): string => {
    const v = neutraliseForCsv(raw);
    return needsQuote.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const lines: string[] = [header.map(field).join(d)];
  for (const r of rows) {
    let line = '';
    for (let i = 0; i < header.length; i++) {
      if (i) line += d;
      line += field(r[i] ?? '');
    }
    lines.push(line);
  }
  const text = `${opts.noBom ? '' : '\ufeff'}${lines.join('\r\n')}\r\n`;
  return new TextEncoder().encode(text);
}
