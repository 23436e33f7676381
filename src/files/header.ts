// Where the header is and what each column means. Government spreadsheets often
// start with a title block, use merged header cells (a group label over two
// columns, or one label spanning two header rows), and put a row of column
// numbers (1, 2, 3 …) under the header; all of that is handled here.
import { detectColumns } from '../domain/headers';
import type { ColumnRole } from '../domain/schema';
import { cellText, type Row, type Worksheet } from './table';

export interface HeaderGuess {
  /** Index into sheet.rows of the (last) header row; -1 when the sheet has no rows. */
  headerIndex: number;
  /** Index into sheet.rows of the first data row. */
  dataIndex: number;
  /** One label per column (merged cells filled in, a parent group label used where a column has none). */
  labels: string[];
  roles: (ColumnRole | null)[];
}

const SCAN_ROWS = 15;

function grid(sheet: Worksheet): Map<number, Row> {
  return new Map(sheet.rows.map((r) => [r.n - 1, r]));
}

/** The cell's text, or the text of the top-left cell of a merged range covering it. */
function mergedText(sheet: Worksheet, byRow: Map<number, Row>, r: number, c: number): string {
  const own = cellText(byRow.get(r)?.cells[c]).trim();
  if (own) return own;
  for (const m of sheet.merges) {
    if (r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1) return cellText(byRow.get(m.r0)?.cells[m.c0]).trim();
  }
  return '';
}

function labelsAt(sheet: Worksheet, byRow: Map<number, Row>, index: number, width: number): string[] {
  const row = sheet.rows[index];
  if (!row) return [];
  const r = row.n - 1;
  const prev = sheet.rows[index - 1];
  const labels: string[] = [];
  for (let c = 0; c < width; c++) {
    let label = mergedText(sheet, byRow, r, c);
    // A sub-header row leaves some cells empty under a vertically merged label; that label is in the row above.
    if (!label && prev && prev.n === row.n - 1) label = mergedText(sheet, byRow, r - 1, c);
    labels.push(label.replace(/\s+/g, ' '));
  }
  return labels;
}

/** A row of column numbers (1, 2, 3, …) under a header, as government forms have. */
function isNumberingRow(row: Row | undefined): boolean {
  if (!row) return false;
  const values = row.cells.map((c) => cellText(c).trim()).filter((v) => v !== '');
  if (values.length < 2) return false;
  return values.every((v, i) => v === String(i + 1) || v === `(${i + 1})`);
}

export function findHeader(sheet: Worksheet): HeaderGuess {
  if (sheet.rows.length === 0) return { headerIndex: -1, dataIndex: 0, labels: [], roles: [] };
  const width = sheet.columnCount;
  const byRow = grid(sheet);
  let best = { index: 0, score: -1, labels: [] as string[], roles: [] as (ColumnRole | null)[] };
  const limit = Math.min(sheet.rows.length, SCAN_ROWS);
  for (let i = 0; i < limit; i++) {
    const labels = labelsAt(sheet, byRow, i, width);
    const roles = detectColumns(labels);
    const score = roles.filter((r) => r !== null).length * 10 + Math.min(labels.filter((l) => l !== '').length, 9);
    // A header needs at least two labelled columns; prefer the row with the most recognised roles.
    if (labels.filter((l) => l !== '').length >= 2 && score > best.score) best = { index: i, score, labels, roles };
  }
  if (best.score < 0) {
    const labels = labelsAt(sheet, byRow, 0, width);
    best = { index: 0, score: 0, labels, roles: detectColumns(labels) };
  }
  let dataIndex = best.index + 1;
  if (isNumberingRow(sheet.rows[dataIndex])) dataIndex++;
  const labels = best.labels.map((l, c) => l || `Kolom ${columnLetter(c)}`);
  return { headerIndex: best.index, dataIndex, labels, roles: best.roles };
}

export function columnLetter(c: number): string {
  let out = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}
