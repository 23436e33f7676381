// Feeds the sheet's rows (and the cross-sheet index) to the check engine and
// keeps its findings and duplicate groups as signals for markers, filters and
// the side panel. Edits are batched per frame so typing never waits for checks.
import { createSignal, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import type { DuplicateGroup, Finding, Severity } from '../../../domain/findings';
import type { EngineChanges } from '../../../domain/engine';
import { RULE_LABELS } from '../../../domain/messages';
import { observeRows, recordKey, roleColumns, rowIds, sheetParts, splitRecordKey, toRecordRow } from '../../../sheet';
import type { RowMarker } from '../../grid';
import type { AsyncEngine } from './engine';
import type { RecordRow } from '../../../domain/schema';

export const ELIGIBILITY_CODES: ReadonlySet<string> = new Set(Object.keys(RULE_LABELS));

export interface Checks {
  /** Bumps when findings or groups change. */
  version: Accessor<number>;
  ready: Accessor<boolean>;
  findingsOf(rowKey: string): Finding[];
  groupsOf(rowKey: string): DuplicateGroup[];
  /** Row id (this sheet) → marker for the grid. */
  markers: Accessor<Map<string, RowMarker>>;
  problemRows(): Set<string>;
  duplicateRows(): Set<string>;
  ineligibleRows(): Set<string>;
  replaceIndex(rows: RecordRow[]): Promise<void>;
  stop(): void;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function startChecks(doc: Y.Doc, sheetId: string, engine: AsyncEngine): Checks {
  const findings = new Map<string, Finding[]>();
  const groups = new Map<string, DuplicateGroup>();
  const groupsByRow = new Map<string, Set<string>>();
  const [version, setVersion] = createSignal(0);
  const [ready, setReady] = createSignal(false);
  const [markers, setMarkers] = createSignal(new Map<string, RowMarker>());
  let indexKeys = new Set<string>();
  let positions = new Map<string, number>();
  let positionsStale = true;
  let queue = new Set<string>();
  let removed = new Set<string>();
  let flushing: Promise<void> | null = null;
  let stopped = false;

  const position = (id: string) => {
    if (positionsStale) {
      positions = new Map(rowIds(doc).map((rid, i) => [rid, i + 1]));
      positionsStale = false;
    }
    return positions.get(id) ?? 0;
  };

  const apply = (ch: EngineChanges) => {
    for (const rf of ch.findings) {
      if (rf.findings.length) findings.set(rf.row, rf.findings);
      else findings.delete(rf.row);
    }
    const unlink = (id: string) => {
      const g = groups.get(id);
      if (!g) return;
      for (const m of g.members) groupsByRow.get(m)?.delete(id);
      groups.delete(id);
    };
    for (const id of ch.groups.removed) unlink(id);
    for (const g of [...ch.groups.added, ...ch.groups.changed]) {
      unlink(g.id);
      groups.set(g.id, g);
      for (const m of g.members) {
        const set = groupsByRow.get(m) ?? new Set<string>();
        set.add(g.id);
        groupsByRow.set(m, set);
      }
    }
    if (ch.findings.length || ch.groups.added.length || ch.groups.changed.length || ch.groups.removed.length) {
      setMarkers(buildMarkers());
      setVersion((v) => v + 1);
    }
  };

  const buildMarkers = (): Map<string, RowMarker> => {
    const roleToCol = new Map<string, string>();
    for (const [col, role] of roleColumns(doc)) roleToCol.set(role, col);
    const out = new Map<string, RowMarker>();
    const prefix = `${sheetId}/`;
    for (const [key, list] of findings) {
      if (!key.startsWith(prefix)) continue;
      const { rowId } = splitRecordKey(key);
      let worst: Finding = list[0];
      const columns = new Set<string>();
      for (const f of list) {
        if (RANK[f.severity] > RANK[worst.severity]) worst = f;
        const col = f.column ? roleToCol.get(f.column) : undefined;
        if (col) columns.add(col);
      }
      out.set(rowId, {
        severity: worst.severity,
        columns,
        title: worst.message,
        ...(list.some((f) => ELIGIBILITY_CODES.has(f.code)) ? { notEligible: true } : {}),
      });
    }
    for (const [key, ids] of groupsByRow) {
      if (!key.startsWith(prefix) || ids.size === 0) continue;
      const { rowId } = splitRecordKey(key);
      const m = out.get(rowId) ?? { severity: 'warning' as Severity, columns: new Set<string>() };
      out.set(rowId, { ...m, duplicate: true });
    }
    return out;
  };

  const flush = async () => {
    while ((queue.size || removed.size) && !stopped) {
      const changed = queue;
      const gone = removed;
      queue = new Set();
      removed = new Set();
      const roles = roleColumns(doc);
      const rows = [...changed].filter((id) => sheetParts(doc).rows.has(id)).map((id) => toRecordRow(doc, sheetId, id, position(id), roles));
      if (gone.size) apply(await engine.remove([...gone].map((id) => recordKey(sheetId, id))));
      if (rows.length) apply(await engine.upsert(rows));
    }
  };
  const schedule = () => {
    if (flushing) return;
    flushing = new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
      .then(flush)
      .finally(() => {
        flushing = null;
        if (queue.size || removed.size) schedule();
      });
  };

  const onOrder = () => {
    positionsStale = true;
  };
  sheetParts(doc).order.observe(onOrder);
  const unobserve = observeRows(doc, (changes) => {
    for (const id of changes.changed) queue.add(id);
    for (const id of changes.removed) {
      queue.delete(id);
      removed.add(id);
    }
    schedule();
  });
  // Everything already on the device (or synced) is checked once, in one call.
  for (const id of rowIds(doc)) queue.add(id);
  void flush().then(() => setReady(true));

  const rowsWhere = (pred: (key: string) => boolean): Set<string> => {
    const prefix = `${sheetId}/`;
    const out = new Set<string>();
    for (const key of [...findings.keys(), ...groupsByRow.keys()]) {
      if (key.startsWith(prefix) && pred(key)) out.add(splitRecordKey(key).rowId);
    }
    return out;
  };

  return {
    version,
    ready,
    markers,
    findingsOf: (key) => findings.get(key) ?? [],
    groupsOf: (key) => [...(groupsByRow.get(key) ?? [])].map((id) => groups.get(id)!).filter(Boolean),
    problemRows: () => rowsWhere((k) => (findings.get(k)?.length ?? 0) > 0 || (groupsByRow.get(k)?.size ?? 0) > 0),
    duplicateRows: () => rowsWhere((k) => (groupsByRow.get(k)?.size ?? 0) > 0),
    ineligibleRows: () => rowsWhere((k) => (findings.get(k) ?? []).some((f) => ELIGIBILITY_CODES.has(f.code))),
    async replaceIndex(rows) {
      const next = new Set(rows.map((r) => r.key));
      const gone = [...indexKeys].filter((k) => !next.has(k));
      indexKeys = next;
      if (gone.length) apply(await engine.remove(gone));
      if (rows.length) apply(await engine.upsert(rows));
    },
    stop() {
      stopped = true;
      unobserve();
      sheetParts(doc).order.unobserve(onOrder);
      engine.dispose();
    },
  };
}
