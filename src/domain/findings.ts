// What the check engine reports. The UI, the CLI (--json contract) and the
// server's projection all read these shapes; extend them only compatibly.
import type { ColumnRole } from './schema';

export type Severity = 'error' | 'warning' | 'info';

/** A problem with one row (or one cell of it). */
export interface Finding {
  /** RecordRow.key of the row. */
  row: string;
  column?: ColumnRole;
  /** Stable machine code, e.g. 'nik-excel-precision', 'nik-length', 'income-above-umr'. */
  code: string;
  severity: Severity;
  /** Readable sentence in Bahasa Indonesia. */
  message: string;
  /** Values the message was built from, so the UI can render it in another language. */
  params?: Record<string, string | number>;
}

export type DuplicateKind = 'person' | 'household';

/** Rows that are (probably) the same person or household. */
export interface DuplicateGroup {
  /** Stable for the same set of members, so the UI and decisions can refer to it. */
  id: string;
  kind: DuplicateKind;
  /** 0..1 */
  score: number;
  /** RecordRow.key of each member. */
  members: string[];
  /** Readable reasons in Bahasa Indonesia, e.g. "NIK sama", "nama mirip 0,94 + tanggal lahir sama". */
  reasons: string[];
}
