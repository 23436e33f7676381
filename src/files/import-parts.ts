// How an import is split into consecutive transactions, each under a byte
// budget: plain data, no Yjs, so the files worker computes it and the page
// only applies (import-apply.ts).
import type { ColumnDef } from '../sheet/doc';
import type { ImportPlan } from './import-plan';

/**
 * What the CLI passes: transactions of at most ~8 MB. The frames on the wire are
 * kept under the relay's limit by sendInChunks (src/sync/chunkedSync.ts) anyway.
 */
export const RELAY_UPDATE_BUDGET = 8 * 1024 * 1024;

/**
 * What the app passes (applyImportInParts): parts of about a thousand rows, so
 * each part (and what the page does with its update: grid, local store, relay)
 * holds the page for tens of milliseconds, not hundreds. Still far under the
 * relay's frame limit, and still all-or-nothing.
 */
export const UI_UPDATE_BUDGET = 2 * 1024 * 1024;

/** A generous estimate of a row's Yjs update size: keys, values (UTF-8), per-cell and per-row overhead. */
function estimateRowBytes(values: Record<string, string>): number {
  let n = 64;
  for (const k in values) n += k.length + 3 * (values[k]?.length ?? 0) + 48;
  return n;
}

/** Consecutive row ranges whose estimated update size stays under `budget`. */
export function chunkRows(rows: ImportPlan['rows'], budget: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  let bytes = 0;
  rows.forEach((r, i) => {
    const b = estimateRowBytes(r.values);
    if (i > start && bytes + b > budget) {
      out.push([start, i]);
      start = i;
      bytes = 0;
    }
    bytes += b;
  });
  if (start < rows.length) out.push([start, rows.length]);
  return out;
}

/** A plan without its rows: what the page needs before it asks the files worker for the rows, part by part. */
export interface PlanOutline {
  newColumns: ColumnDef[];
  rowCount: number;
  /** Consecutive row ranges [from, to), one transaction each. */
  parts: Array<[number, number]>;
}

export function planOutline(plan: ImportPlan, maxUpdateBytes?: number): PlanOutline {
  return {
    newColumns: plan.newColumns,
    rowCount: plan.rows.length,
    parts: maxUpdateBytes ? chunkRows(plan.rows, maxUpdateBytes) : [[0, plan.rows.length]],
  };
}

