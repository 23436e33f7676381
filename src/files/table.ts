// What a reader hands back: worksheets of rows of cells, each cell holding its
// RAW text exactly as the file stored it (never round-tripped through a JS
// number, so a 16-digit NIK stored as a number keeps every digit it has).

/**
 * The type the file gave the value. 'date' = a number whose cell format is a
 * date (an Excel serial day number; raw stays the serial text).
 */
export type CellType = 'string' | 'number' | 'boolean' | 'date' | 'error';

export interface Cell {
  /** The text as stored: shared/inline string, or the `<v>` text of a number ("3375015301891050", "3.37501530189105E+15"). */
  raw: string;
  type: CellType;
  /** True when the value is the cached result of a formula. */
  formula?: boolean;
}

export interface Row {
  /** 1-based row number in the file (Excel row number; CSV record number). */
  n: number;
  /** Dense by column index; null where the file has no value. */
  cells: (Cell | null)[];
}

/** A merged range, 0-based inclusive row/column indexes (r0/r1 are file row numbers minus one). */
export interface MergedRange {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export interface Worksheet {
  name: string;
  /** Non-empty rows only, in file order; empty rows (including trailing ones) are left out, `n` keeps the position. */
  rows: Row[];
  merges: MergedRange[];
  /** Widest row, in columns. */
  columnCount: number;
}

export type TableFormat = 'csv' | 'xlsx';

export interface Table {
  format: TableFormat;
  sheets: Worksheet[];
  /** XLSX only: the workbook counts dates from 1904 (old Mac Excel). */
  date1904: boolean;
  /** CSV only: the separator found. */
  delimiter?: string;
  /** CSV only: the file began with a UTF-8 (or UTF-16) byte-order mark. */
  bom?: boolean;
}

export interface ReadOptions {
  /** Refuse inputs larger than this many bytes (default 200 MB). */
  maxBytes?: number;
  /** Refuse worksheets with more rows than this (default 1,048,576, Excel's own limit). */
  maxRows?: number;
  /** Refuse rows wider than this many columns (default 16,384, Excel's own limit). */
  maxColumns?: number;
  /** XLSX: total uncompressed size allowed (zip-bomb guard; default 1 GB). */
  maxUncompressedBytes?: number;
  /** XLSX: read only this worksheet (name or 0-based index); others come back with no rows. */
  sheet?: string | number;
  /** CSV: force a separator instead of detecting it. */
  delimiter?: string;
  /** CSV: decode as this encoding instead of refusing non-UTF-8 bytes (e.g. 'windows-1252'). */
  encoding?: string;
}

export const DEFAULT_LIMITS = {
  maxBytes: 200 * 1024 * 1024,
  maxRows: 1_048_576,
  maxColumns: 16_384,
  maxUncompressedBytes: 1024 * 1024 * 1024,
} as const;

/** The cell's raw text, or '' for a missing cell. */
export function cellText(cell: Cell | null | undefined): string {
  return cell ? cell.raw : '';
}
