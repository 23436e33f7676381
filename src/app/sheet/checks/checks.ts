// Feeds the sheet's rows (and the cross-sheet index) to the check engine and
// keeps its findings and duplicate groups for markers, filters and the side
// panel. Everything is incremental: an edit costs work for the rows the engine
// says changed, never a walk over the whole sheet (10k rows must stay smooth).
// Edits are batched per frame, and the first full feed is cut into slices, so
// typing and scrolling never wait for checks.
import { createSignal, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import type { DuplicateGroup, Finding, Severity } from '../../../domain/findings';
import type { EngineChanges, EngineConfig } from '../../../domain/engine';
import { RULE_LABELS } from '../../../domain/messages';
import type { RecordRow } from '../../../domain/schema';
import { engineJudgements, observeJudgements, observeRows, recordKey, roleColumns, rowIds, sheetParts, sheetProgram, splitRecordKey, toRecordRow } from '../../../sheet';
import type { RowMarker } from '../../grid';
import type { AsyncEngine } from './engine';

export const ELIGIBILITY_CODES: ReadonlySet<string> = new Set(Object.keys(RULE_LABELS));

export interface Checks {
  /** Bumps when findings or groups change. */
  version: Accessor<number>;
  /** True once every row of the sheet has been checked once. */
  ready: Accessor<boolean>;
  findingsOf(rowKey: string): Finding[];
  groupsOf(rowKey: string): DuplicateGroup[];
  /** Row id (this sheet) → marker for the grid. The same Map, updated in place. */
  markers: Accessor<Map<string, RowMarker>>;
  /** Row ids of this sheet; live sets, updated in place (read `version` to track them). */
  problemRows: ReadonlySet<string>;
  duplicateRows: ReadonlySet<string>;
  ineligibleRows: ReadonlySet<string>;
  /**
   * The other sheets' rows (the cross-sheet index), replacing the previous ones;
   * `config`: settings that come with the index (which sheets are DTKS reference lists).
   */
  replaceIndex(rows: RecordRow[], config?: Partial<EngineConfig>): Promise<void>;
  stop(): void;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
/** Rows converted per slice of the first full check (one slice per frame). */
const SLICE = 1500;
const SLICE_MS = 8;
/** The worker stages this sheet's rows and the index apart (see CheckService.stage). */
const SHEET_FEED = 'sheet';
const INDEX_FEED = 'index';

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export function startChecks(doc: Y.Doc, sheetId: string, engine: AsyncEngine): Checks {
  const findings = new Map<string, Finding[]>();
  const groups = new Map<string, DuplicateGroup>();
  const groupsByRow = new Map<string, Set<string>>();
  const markerMap = new Map<string, RowMarker>();
  const problemRows = new Set<string>();
  const duplicateRows = new Set<string>();
  const ineligibleRows = new Set<string>();
  const [version, setVersion] = createSignal(0);
  const [ready, setReady] = createSignal(false);
  const [markers, setMarkers] = createSignal(markerMap, { equals: false });
  const prefix = `${sheetId}/`;
  let roleToCol = colsByRole();
  let indexKeys = new Set<string>();
  let positions = new Map<string, number>();
  let positionsStale = true;
  let queue = new Set<string>();
  let removed = new Set<string>();
  let flushing: Promise<void> | null = null;
  let stopped = false;

  function colsByRole(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [col, role] of roleColumns(doc)) out.set(role, col);
    return out;
  }

  const position = (id: string) => {
    if (positionsStale) {
      positions = new Map(rowIds(doc).map((rid, i) => [rid, i + 1]));
      positionsStale = false;
    }
    return positions.get(id) ?? 0;
  };

  /** Recomputes one row's marker and set memberships from its findings and groups. */
  const refreshRow = (key: string) => {
    if (!key.startsWith(prefix)) return;
    const { rowId } = splitRecordKey(key);
    const list = findings.get(key) ?? [];
    const dup = (groupsByRow.get(key)?.size ?? 0) > 0;
    const ineligible = list.some((f) => ELIGIBILITY_CODES.has(f.code));
    toggle(problemRows, rowId, list.length > 0 || dup);
    toggle(duplicateRows, rowId, dup);
    toggle(ineligibleRows, rowId, ineligible);
    if (list.length === 0 && !dup) {
      markerMap.delete(rowId);
      return;
    }
    let worst: Finding | undefined;
    const columns = new Set<string>();
    for (const f of list) {
      if (!worst || RANK[f.severity] > RANK[worst.severity]) worst = f;
      const col = f.column ? roleToCol.get(f.column) : undefined;
      if (col) columns.add(col);
    }
    markerMap.set(rowId, {
      severity: worst?.severity ?? 'warning',
      columns,
      ...(worst ? { title: worst.message } : {}),
      ...(dup ? { duplicate: true } : {}),
      ...(ineligible ? { notEligible: true } : {}),
    });
  };

  const apply = (ch: EngineChanges) => {
    const touched = new Set<string>();
    for (const rf of ch.findings) {
      if (rf.findings.length) findings.set(rf.row, rf.findings);
      else findings.delete(rf.row);
      touched.add(rf.row);
    }
    const unlink = (id: string) => {
      const g = groups.get(id);
      if (!g) return;
      for (const m of g.members) {
        groupsByRow.get(m)?.delete(id);
        touched.add(m);
      }
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
        touched.add(m);
      }
    }
    if (touched.size === 0) return;
    for (const key of touched) refreshRow(key);
    setMarkers(markerMap);
    setVersion((v) => v + 1);
  };

  const flush = async () => {
    // Whether slices of this sheet's rows wait in the worker for the batch's last upsert.
    let staged = false;
    while ((queue.size || removed.size) && !stopped) {
      const gone = removed;
      removed = new Set();
      const roles = roleColumns(doc);
      const program = sheetProgram(doc);
      const { rows } = sheetParts(doc);
      // At most SLICE rows and about SLICE_MS of conversion per frame: on a busy
      // tablet the first check of a big sheet must not hold up typing or paint.
      const records: RecordRow[] = [];
      const until = performance.now() + SLICE_MS;
      for (const id of queue) {
        queue.delete(id);
        if (rows.has(id)) records.push(toRecordRow(doc, sheetId, id, position(id), roles, program));
        if (records.length >= SLICE || performance.now() > until) break;
      }
      if (gone.size) apply(await engine.remove([...gone].map((id) => recordKey(sheetId, id))));
      // Slices of a big feed are staged: the worker checks them in one batch with the last.
      // The last upsert goes out even with no rows (the rest were deleted meanwhile).
      if (records.length && queue.size) {
        await engine.stage(records, SHEET_FEED);
        staged = true;
      } else if (records.length || staged) {
        staged = false;
        apply(await engine.upsert(records, SHEET_FEED));
      }
      if (queue.size) await nextFrame();
    }
  };
  const schedule = () => {
    if (flushing) return;
    flushing = nextFrame()
      .then(flush)
      .finally(() => {
        flushing = null;
        if (queue.size || removed.size) schedule();
      });
  };

  const onOrder = () => {
    positionsStale = true;
  };
  // Every row is converted again when what a row means changes without the row
  // changing: a column given another role, or the sheet's programme renamed (rows
  // without a programme of their own are in it). The engine skips rows that come
  // out the same, so only the affected ones are checked again.
  const recheckAll = () => {
    for (const id of rowIds(doc)) queue.add(id);
    schedule();
  };
  let knownProgram = sheetProgram(doc);
  const onMeta = () => {
    if (sheetProgram(doc) === knownProgram) return;
    knownProgram = sheetProgram(doc);
    recheckAll();
  };
  const onColumns = () => {
    const before = roleToCol;
    roleToCol = colsByRole();
    if (!sameRoles(before, roleToCol)) recheckAll();
  };
  sheetParts(doc).order.observe(onOrder);
  sheetParts(doc).columns.observeDeep(onColumns);
  sheetParts(doc).meta.observe(onMeta);
  const unobserve = observeRows(doc, (changes) => {
    for (const id of changes.changed) queue.add(id);
    for (const id of changes.removed) {
      queue.delete(id);
      removed.add(id);
    }
    schedule();
  });
  // Officers' judgements ("bukan duplikat", overrides) are engine input: sent
  // whole (they are few) and serialised, so the engine sees them in order.
  let judging = Promise.resolve();
  const sendJudgements = () => {
    judging = judging
      .then(async () => {
        if (!stopped) apply(await engine.setConfig(engineJudgements(doc)));
      })
      // One failed send must not stop the later ones (the next change sends them all again).
      .catch((err: unknown) => console.error('Keputusan petugas tidak terkirim ke pemeriksaan:', err));
  };
  const unobserveJudgements = observeJudgements(doc, sendJudgements);
  sendJudgements();
  // Everything already on the device (or synced) is checked once, in slices.
  for (const id of rowIds(doc)) queue.add(id);
  flushing = nextFrame()
    .then(flush)
    .finally(() => {
      flushing = null;
      setReady(true);
      if (queue.size || removed.size) schedule();
    });

  return {
    version,
    ready,
    markers,
    problemRows,
    duplicateRows,
    ineligibleRows,
    findingsOf: (key) => findings.get(key) ?? [],
    groupsOf: (key) => [...(groupsByRow.get(key) ?? [])].map((id) => groups.get(id)).filter((g): g is DuplicateGroup => !!g),
    async replaceIndex(rows, config) {
      if (config && Object.keys(config).length) apply(await engine.setConfig(config));
      const next = new Set(rows.map((r) => r.key));
      const gone = [...indexKeys].filter((k) => !next.has(k));
      indexKeys = next;
      if (gone.length) apply(await engine.remove(gone));
      // Sent in slices (short tasks for this page), checked in one batch with the last.
      for (let i = 0; i < rows.length && !stopped; i += SLICE) {
        const slice = rows.slice(i, i + SLICE);
        if (i + SLICE < rows.length) await engine.stage(slice, INDEX_FEED);
        else apply(await engine.upsert(slice, INDEX_FEED));
      }
    },
    stop() {
      stopped = true;
      unobserve();
      unobserveJudgements();
      sheetParts(doc).order.unobserve(onOrder);
      sheetParts(doc).columns.unobserveDeep(onColumns);
      sheetParts(doc).meta.unobserve(onMeta);
      engine.dispose();
    },
  };
}

function sameRoles(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [role, col] of a) if (b.get(role) !== col) return false;
  return true;
}

function toggle(set: Set<string>, id: string, on: boolean): void {
  if (on) set.add(id);
  else set.delete(id);
}
