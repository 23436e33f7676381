// Tab-separated text as Excel, LibreOffice and Google Sheets put it on the
// clipboard: fields split by TAB, records by CRLF / LF / CR, and a field that
// holds a TAB, newline or quote wrapped in double quotes with "" for ".
// A field that does not START with a quote is literal (Excel writes `5" disk`
// unquoted), so only a leading quote opens a quoted field.

/** Parses clipboard text into rows of fields (rows may be ragged). '' → []. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return rows;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      // Quoted field: up to the closing quote; anything after it up to the
      // next separator is kept literally (lenient, like Excel).
      i++;
      for (;;) {
        if (i >= n) break;
        const ch = text[i];
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += ch;
        i++;
      }
    }
    while (i < n && text[i] !== '\t' && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
    row.push(field);
    if (i >= n) {
      rows.push(row);
      return rows;
    }
    const sep = text[i];
    if (sep === '\t') {
      i++;
      continue;
    }
    // Newline: CRLF, LF or a lone CR.
    i += sep === '\r' && text[i + 1] === '\n' ? 2 : 1;
    rows.push(row);
    row = [];
    if (i >= n) return rows; // a final newline ends the last record, it does not open one
  }
}

function quoteField(value: string): string {
  return /[\t\n\r"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Serializes rows as the clipboard's text/plain: every record ends with CRLF, as Excel writes it. */
export function serializeTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quoteField).join('\t') + '\r\n').join('');
}

/** Pads ragged rows with '' so every row has the width of the widest one. */
export function toRectangle(rows: string[][]): string[][] {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  return rows.map((r) => (r.length === width ? r : [...r, ...Array<string>(width - r.length).fill('')]));
}

/** An HTML table of the same rows, so rich targets (Sheets, Word) keep text as text. */
export function serializeHtmlTable(rows: readonly (readonly string[])[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');
  // mso-number-format:'@' tells Excel to keep the cell as text (NIK must never become a number).
  const body = rows.map((r) => `<tr>${r.map((c) => `<td style="mso-number-format:'\\@'">${esc(c)}</td>`).join('')}</tr>`).join('');
  return `<table>${body}</table>`;
}
