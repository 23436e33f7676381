// Officers' judgements on the check engine's findings, kept in the sheet's
// Y.Doc so they sync, survive offline work and are an input of the engine:
//
//   judgements  Y.Map   key → Judgement
//     'pair|<a>|<b>'         "bukan duplikat": rows a and b (record keys, sorted) are different people
//     'rule|<row>|<code>'    an eligibility finding overridden with a reason
//
// One key per judgement, so two officers marking the same pair converge on one
// entry, and withdrawing a judgement is deleting its key. Who and when are kept.
import type * as Y from 'yjs';
import { writerId } from './doc';
import type { PairDecision } from '../domain/engine/config';
import type { RuleOverride } from '../domain/rules';

export interface NotDuplicate {
  kind: 'not-duplicate';
  a: string;
  b: string;
  by: string;
  /** The Yjs writer that made it (see writers in doc.ts): who, beyond the name the client gave. */
  writer?: string;
  time: number;
  reason?: string;
}

export interface Override {
  kind: 'override';
  row: string;
  code: string;
  reason: string;
  by: string;
  writer?: string;
  time: number;
}

export type Judgement = NotDuplicate | Override;

const judgementsOf = (doc: Y.Doc) => doc.getMap<Judgement>('judgements');

const pairKey = (a: string, b: string) => (a < b ? `pair|${a}|${b}` : `pair|${b}|${a}`);
const ruleKey = (row: string, code: string) => `rule|${row}|${code}`;

/** Marks two rows (record keys, possibly of different sheets) as different people. */
export function markNotDuplicate(doc: Y.Doc, a: string, b: string, by: string, origin: unknown = null, time = Date.now(), reason?: string): void {
  if (a === b) throw new Error('Satu baris tidak bisa ditandai "bukan duplikat" dengan dirinya sendiri.');
  const [x, y] = a < b ? [a, b] : [b, a];
  const entry: NotDuplicate = { kind: 'not-duplicate', a: x, b: y, by, writer: writerId(doc), time, ...(reason?.trim() ? { reason: reason.trim() } : {}) };
  doc.transact(() => judgementsOf(doc).set(pairKey(a, b), entry), origin);
}

export function unmarkNotDuplicate(doc: Y.Doc, a: string, b: string, origin: unknown = null): void {
  doc.transact(() => judgementsOf(doc).delete(pairKey(a, b)), origin);
}

/** Overrides one eligibility finding of a row; a reason is required (it is what a later audit reads). */
export function overrideFinding(doc: Y.Doc, row: string, code: string, reason: string, by: string, origin: unknown = null, time = Date.now()): void {
  const why = reason.trim();
  if (!why) throw new Error('Alasan wajib diisi untuk mengecualikan temuan.');
  const entry: Override = { kind: 'override', row, code, reason: why, by, writer: writerId(doc), time };
  doc.transact(() => judgementsOf(doc).set(ruleKey(row, code), entry), origin);
}

export function withdrawOverride(doc: Y.Doc, row: string, code: string, origin: unknown = null): void {
  doc.transact(() => judgementsOf(doc).delete(ruleKey(row, code)), origin);
}

/**
 * Entries as every peer reads them: anything malformed (written by a broken or
 * older client) is skipped, so one bad entry cannot stop the checks for everyone.
 */
function validJudgements(doc: Y.Doc): Judgement[] {
  const out: Judgement[] = [];
  const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
  for (const j of judgementsOf(doc).values() as IterableIterator<unknown>) {
    if (typeof j !== 'object' || j === null) continue;
    const e = j as Record<string, unknown>;
    if (typeof e.by !== 'string' || typeof e.time !== 'number') continue;
    if (e.kind === 'not-duplicate' && str(e.a) && str(e.b) && e.a !== e.b) out.push(j as NotDuplicate);
    else if (e.kind === 'override' && str(e.row) && str(e.code) && typeof e.reason === 'string' && e.reason.trim() !== '') out.push(j as Override);
  }
  return out;
}

/** The judgements as the check engine takes them (EngineConfig.decisions / overrides). */
export function engineJudgements(doc: Y.Doc): { decisions: PairDecision[]; overrides: RuleOverride[] } {
  const decisions: PairDecision[] = [];
  const overrides: RuleOverride[] = [];
  for (const j of validJudgements(doc)) {
    if (j.kind === 'not-duplicate') decisions.push({ a: j.a, b: j.b });
    else overrides.push({ row: j.row, code: j.code, reason: j.reason, by: j.by });
  }
  // Deterministic order: every peer hands the engine the same list.
  decisions.sort((p, q) => (p.a + p.b < q.a + q.b ? -1 : 1));
  overrides.sort((p, q) => (p.row + p.code < q.row + q.code ? -1 : 1));
  return { decisions, overrides };
}

/** Calls `onChange` after any change of the judgements (local or remote). */
export function observeJudgements(doc: Y.Doc, onChange: () => void): () => void {
  const map = judgementsOf(doc);
  const handler = () => onChange();
  map.observe(handler);
  return () => map.unobserve(handler);
}

/** The "bukan duplikat" judgements that name `row` (for showing and withdrawing them). */
export function notDuplicatesOf(doc: Y.Doc, row: string): NotDuplicate[] {
  const out: NotDuplicate[] = [];
  for (const j of validJudgements(doc)) if (j.kind === 'not-duplicate' && (j.a === row || j.b === row)) out.push(j);
  return out.sort((p, q) => p.time - q.time);
}
