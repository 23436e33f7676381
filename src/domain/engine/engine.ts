// The incremental check engine. Feed it rows (upsert/remove) and settings
// (setConfig); every call returns only what changed: the full finding list of
// each row whose findings changed, and duplicate groups added/changed/removed.
// A full recompute (a fresh engine fed the same rows and config) always gives
// the same state; test/engine/property.test.ts checks that on random edits.
import { todayIso } from '../dates';
import type { DuplicateGroup, Finding } from '../findings';
import type { PairScore } from '../match/compare';
import { featuresOf, ParseCache, type Features } from '../match/features';
import { pairReason } from '../match/reasons';
import { compileOverlap, isHouseholdProgram, type CompiledOverlap, type ProgramId } from '../overlap';
import { parseRow, rowVerdict, type ParsedRow } from '../parsedRow';
import { RuleTermCache, type RuleOverride } from '../rules';
import type { RecordRow } from '../schema';
import { defaultConfig, type EngineConfig } from './config';
import { component, householdGroup, personGroup, sameGroup } from './groups';
import { IdColumns, type IdTrust } from './idColumns';
import { localFindings } from './local';
import { Matcher, pairKey, type RowChange } from './matcher';
import { OverlapMemo } from './overlapMemo';
import { collectPeers } from './peers';
import { byCodeUnits, sortSmall } from '../smallSort';
import { withItem } from '../shortList';
import { relationFindings, type ReferenceLink } from './relations';
import { sameFindings, sameRow } from './same';

export interface RowFindings {
  row: string;
  /** The row's complete list now (empty: no findings any more, or the row was removed). */
  findings: Finding[];
}

export interface GroupChanges {
  added: DuplicateGroup[];
  changed: DuplicateGroup[];
  removed: string[];
}

export interface EngineChanges {
  findings: RowFindings[];
  groups: GroupChanges;
}

export interface EngineSnapshot {
  rows: number;
  /** Rows with at least one finding, by key (keys in sorted order). */
  findings: Record<string, Finding[]>;
  /** Every duplicate group, sorted by id. */
  groups: DuplicateGroup[];
}

export interface PairExplanation {
  probability: number;
  weight: number;
  linked: boolean;
  reason: string;
  evidence: PairScore['evidence'];
}

export interface CheckEngine {
  /**
   * Add or replace rows. The engine keeps the row objects it is given (a copy
   * of 100k rows cost time and doubled their memory): pass a new object for a
   * changed row, never change one already passed.
   */
  upsert(rows: readonly RecordRow[]): EngineChanges;
  remove(keys: readonly string[]): EngineChanges;
  setConfig(patch: Partial<EngineConfig>): EngineChanges;
  config(): EngineConfig;
  snapshot(): EngineSnapshot;
  findingsOf(key: string): Finding[];
  groupsOf(key: string): DuplicateGroup[];
  explain(a: string, b: string): PairExplanation | null;
  size(): number;
}

/** A household: the rows on one No KK within one household-unit programme ('' when they have none). */
interface Household {
  noKk: string;
  program: string;
}

const householdKey = (noKk: string, program: string): string => `${noKk}|${program}`;

/**
 * Adds each programme under which a row counts in the household of its No KK ('' for a
 * row without one) to the first `count` of `programs` (a scratch list) unless there;
 * returns their count now.
 */
function addHouseholdPrograms(f: Features | null | undefined, overlap: CompiledOverlap, programs: string[], count: number): number {
  if (!f || f.reference || !f.noKk) return count;
  if (f.programs.length === 0 && !amongFirst(programs, count, '')) programs[count++] = '';
  for (let i = 0; i < f.programs.length; i++) {
    const p = f.programs[i] as string;
    if ((p === '' || isHouseholdProgram(overlap, p)) && !amongFirst(programs, count, p)) programs[count++] = p;
  }
  return count;
}

/** The households of a row, by household key. */
function householdsOf(f: Features | null | undefined, overlap: CompiledOverlap): Map<string, Household> {
  const out = new Map<string, Household>();
  const noKk = f?.noKk ?? '';
  const programs: string[] = [];
  for (let i = 0, n = addHouseholdPrograms(f, overlap, programs, 0); i < n; i++) {
    const h = { noKk, program: programs[i] as string };
    out.set(householdKey(noKk, h.program), h);
  }
  return out;
}

/** Whether a row on the household's No KK counts in it (the test of addHouseholdPrograms, for one programme). */
function inHousehold(f: Features, program: string, overlap: CompiledOverlap): boolean {
  if (program === '') return f.programs.length === 0 || f.programs.includes('');
  return f.programs.includes(program) && isHouseholdProgram(overlap, program);
}

function groupOverrides(list: readonly RuleOverride[]): Map<string, RuleOverride[]> {
  const out = new Map<string, RuleOverride[]>();
  for (const o of list) {
    let mine = out.get(o.row);
    if (!mine) out.set(o.row, (mine = []));
    mine.push(o);
  }
  return out;
}

// Shared empty lists for the rows that have none (most): read only, never handed out
// (findingsOf and commit hand out a new []). Frozen: a push by mistake throws instead
// of giving every clean row that finding.
const noFindings = Object.freeze([]) as unknown as Finding[];
const noStates: readonly RowState[] = [];

function listAdd<T>(map: Map<string, T[]>, k: string, x: T): void {
  const list = map.get(k);
  if (!list) map.set(k, [x]);
  else if (!list.includes(x)) list.push(x);
}

/** Remove `x` from list `k` (order is not kept), deleting a list left empty. */
function listRemove<T>(map: Map<string, T[]>, k: string, x: T): void {
  const list = map.get(k);
  if (!list) return;
  const i = list.indexOf(x);
  if (i < 0) return;
  list[i] = list[list.length - 1] as T;
  list.pop();
  if (list.length === 0) map.delete(k);
}

/**
 * What refresh reads about a row's source: its columns' verdict, whether it is a reference list,
 * its programme fallback, and whether its nik column holds NIKs (false: config.identityNotNik).
 */
interface SourceFacts {
  trust: IdTrust;
  reference: boolean;
  program: ProgramId;
  nikFormat: boolean;
}

/**
 * SourceFacts by source for one batch of refreshes (verdicts and settings do not change within
 * one): one lookup of each row's source text instead of three.
 */
type SourceBatch = Map<string, SourceFacts>;

/**
 * What the engine holds for one row, reached with one look-up of its key (separate
 * maps by key cost five or six look-ups, mostly cache misses, per row's findings).
 */
interface RowState extends RowChange {
  row: RecordRow;
  /** Set by refresh (null until then); null again once the row is removed: its change for the matcher. */
  feats: Features | null;
  /** Findings of the row alone (field checks, rules). */
  local: Finding[];
  /** Its complete findings, as last reported (noFindings when none). */
  findings: Finding[];
  /** Its person group (the object in `groups`), if any. */
  group: DuplicateGroup | undefined;
  /**
   * Its position in the load commitBulk is committing: scratch valid only inside commitBulk
   * and the helpers it calls (-1 before a load; stale after it). Nothing else may read it.
   */
  at: number;
}

/** A load's rows by position (RowState.at), as commitBulk's passes share them. */
interface Load {
  changes: ReadonlyMap<string, RowState>;
  states: RowState[];
  /** Each row's No KK list (the one kept in `kk`, in load order). */
  kins: (RowState[] | undefined)[];
  /** Each row's links. */
  links: (ReadonlyMap<string, PairScore> | undefined)[];
  /** Dirty rows as positions, in commit()'s order: the first `dirtyCount` of `order`. */
  order: Int32Array;
  dirtyCount: number;
  dirty: Uint8Array;
}

/** A load's household groups, reported in the order commit() would make them: by their first row. */
function reportInLoadOrder(found: { first: number; g: DuplicateGroup }[], out: EngineChanges): void {
  found.sort((a, b) => a.first - b.first);
  for (const x of found) out.groups.added.push(x.g);
}

/** Whether `x` is among the first `count` entries of `list`. */
function amongFirst(list: readonly string[], count: number, x: string): boolean {
  for (let i = 0; i < count; i++) if (list[i] === x) return true;
  return false;
}

/** Row `at` of a load becomes dirty (next in commit()'s order) unless it is already. */
function markDirtyAt(load: Load, at: number): void {
  if (load.dirty[at]) return;
  load.dirty[at] = 1;
  load.order[load.dirtyCount++] = at;
}

/** The states of `changes` as a list, in its order. */
function statesOf(changes: ReadonlyMap<string, RowState>): RowState[] {
  const out: RowState[] = [];
  changes.forEach((s) => out.push(s));
  return out;
}

/**
 * The row keys of the first `count` states, a new list of that length. A pair (most groups)
 * is a literal: [] and a push reserve 16 slots. Never map(): optimised code's map makes
 * HOLEY arrays, a second kind of array for every reader of group members (a deopt in each).
 */
function keysOf(states: readonly RowState[], count: number): string[] {
  if (count === 2) return [(states[0] as RowState).row.key, (states[1] as RowState).row.key];
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push((states[i] as RowState).row.key);
  return out;
}

const emptyChanges = (): EngineChanges => ({ findings: [], groups: { added: [], changed: [], removed: [] } });

class Engine implements CheckEngine {
  private cfg: EngineConfig;
  /** Every row's state, by row key. */
  private readonly rows = new Map<string, RowState>();
  private readonly dismissed = new Set<string>();
  private matcher: Matcher;
  private readonly groups = new Map<string, DuplicateGroup>();
  /** Household group id by household key. */
  private readonly householdGroupOf = new Map<string, string>();
  // Rows by No KK: small unordered lists (a Set each cost ~4x the memory). A household's rows
  // are read from its No KK's list: an index by household key too cost ~100k keys and lists.
  // The rows' states, not keys: a row's findings read its kin without a look-up by key each.
  // That holds because a row's RowState is never replaced while the row is held (upsert
  // changes it in place); kk and the groups keep the object.
  private readonly kk = new Map<string, RowState[]>();
  private refs: Set<string>;
  /** config.identityNotNik as a set. */
  private notNik: Set<string>;
  private overlap: CompiledOverlap;
  private readonly cache = new ParseCache();
  /** Replaced on every rebuild: a caller may have changed the rules object in place. */
  private ruleTerms = new RuleTermCache();
  private overridesByRow = new Map<string, RuleOverride[]>();
  private overlapMemo: OverlapMemo | undefined;
  /** Whether each source's NIK / No KK column can be trusted with a trailing 0. */
  private readonly idColumns = new IdColumns();

  constructor(config: EngineConfig) {
    this.cfg = config;
    this.refs = new Set(config.referenceSources);
    this.notNik = new Set(config.identityNotNik);
    this.overlap = compileOverlap(config.overlap);
    this.overridesByRow = groupOverrides(config.overrides);
    for (const d of config.decisions) this.dismissed.add(pairKey(d.a, d.b));
    this.matcher = new Matcher(config.model, config.blockCap, this.dismissed);
  }

  size(): number {
    return this.rows.size;
  }

  config(): EngineConfig {
    return this.cfg;
  }

  /** The NIK, No KK, birth date, sex and income parsed once, for both featuresOf and localFor. */
  private parse(row: RecordRow, trust: IdTrust): ParsedRow {
    return parseRow(row, this.cfg.today, trust, this.cache);
  }

  /** What refresh reads about `source`, looked up once per source in a batch of rows. */
  private sourceFacts(source: string, batch: SourceBatch): SourceFacts {
    let facts = batch.get(source);
    if (!facts) {
      facts = {
        trust: this.idColumns.trust(source),
        reference: this.refs.has(source),
        program: this.cfg.programBySource[source] ?? '',
        nikFormat: !this.notNik.has(source),
      };
      batch.set(source, facts);
    }
    return facts;
  }

  upsert(rows: readonly RecordRow[]): EngineChanges {
    const before = this.rows.size;
    const sources = new Set<string>();
    const changed = this.admit(rows, sources);
    // Features and field findings under the columns' verdict after the whole batch.
    const flipped = this.idColumns.rejudge(sources);
    // A batch at least half the size of what was held is checked faster by a fresh full
    // load than row by row. In the app: the other sheets' index arriving after the sheet's
    // own rows, an import into a small sheet; never typing (one row at a time).
    if (before > 0 && changed.length >= 2 && changed.length * 2 >= before) return this.rebuild(this.cfg);
    const batch: SourceBatch = new Map();
    this.refreshEach(changed, batch);
    // Into an empty engine the changed rows are all the rows, in the same order.
    const changes = before === 0 ? this.rows : new Map(changed.map((s) => [s.row.key, s] as const));
    this.refreshAll(flipped, changes, batch);
    // `changed` lists the load's states in `changes`' order unless a key came twice (or more).
    return this.commit(changes, [], [], before === 0 && changed.length === changes.size ? changed : undefined);
  }

  /**
   * upsert's first pass: the states of the new and changed rows (unchanged ones are left
   * out), each row counted under its source in the NIK / No KK columns' tallies, and the
   * sources touched added to `sources`. Its own method (as refreshEach): each long loop
   * is then optimised once, on its own.
   */
  private admit(rows: readonly RecordRow[], sources: Set<string>): RowState[] {
    const changed: RowState[] = [];
    // Index loops over arrays here and in the passes below: a for-of allocates an iterator
    // result per step until the loop is optimised (MBs over a load of 100k rows).
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as RecordRow;
      let state = this.rows.get(row.key);
      if (state && sameRow(state.row, row)) continue;
      if (state) {
        sources.add(this.idColumns.count(state.row, -1));
        // In place, never a new state: kk's lists hold this object.
        state.row = row;
      } else {
        state = { row, feats: null, local: noFindings, findings: noFindings, group: undefined, at: -1 };
        this.rows.set(row.key, state);
      }
      sources.add(this.idColumns.count(row, 1));
      changed.push(state);
    }
    return changed;
  }

  /** upsert's second pass: features and local findings of each admitted row. */
  private refreshEach(states: readonly RowState[], batch: SourceBatch): void {
    for (let i = 0; i < states.length; i++) this.refresh(states[i] as RowState, batch);
  }

  remove(keys: readonly string[]): EngineChanges {
    // The removed rows' states (features null) stay reachable through `changes` for this commit.
    const changes = new Map<string, RowState>();
    const sources = new Set<string>();
    for (const key of keys) {
      const state = this.rows.get(key);
      if (!state) continue;
      sources.add(this.idColumns.count(state.row, -1));
      this.rows.delete(key);
      state.feats = null;
      changes.set(key, state);
    }
    this.refreshAll(this.idColumns.rejudge(sources), changes, new Map());
    return this.commit(changes, []);
  }

  private refresh(state: RowState, batch: SourceBatch): void {
    const row = state.row;
    const facts = this.sourceFacts(row.source, batch);
    // The source's verdict itself unless the row lost digits to Excel (nearly never).
    const trust = rowVerdict(row, facts.trust);
    const parsed = this.parse(row, trust);
    state.feats = featuresOf(row, facts.reference, facts.program, this.cache, parsed);
    this.keepLocal(state, this.localFor(row, trust, parsed, facts.nikFormat));
  }

  /** Most rows have no local findings: they share one empty list instead of keeping their own. */
  private keepLocal(state: RowState, local: Finding[]): void {
    state.local = local.length > 0 ? local : noFindings;
  }

  /** Rows of a source whose NIK / No KK verdict flipped (those with a trailing 0) are checked again. */
  private refreshAll(keys: readonly string[], changes: Map<string, RowState>, batch: SourceBatch): void {
    for (const key of keys) {
      const state = this.rows.get(key);
      if (!state || changes.has(key)) continue;
      this.refresh(state, batch);
      changes.set(key, state);
    }
  }

  setConfig(patch: Partial<EngineConfig>): EngineChanges {
    const next: EngineConfig = { ...this.cfg, ...patch };
    // Decisions and overrides are officers' everyday actions: re-check only the rows they name.
    if (Object.keys(patch).every((k) => k === 'decisions' || k === 'overrides')) {
      const affected = new Set<string>();
      // Rows are named by the decisions themselves: a key may contain the pair-key separator (the CLI's do).
      const wanted = new Map(next.decisions.map((d) => [pairKey(d.a, d.b), d] as const));
      for (const d of this.cfg.decisions) {
        const pk = pairKey(d.a, d.b);
        if (wanted.has(pk) || !this.dismissed.delete(pk)) continue;
        affected.add(d.a);
        affected.add(d.b);
      }
      for (const [pk, d] of wanted) {
        if (this.dismissed.has(pk)) continue;
        this.dismissed.add(pk);
        affected.add(d.a);
        affected.add(d.b);
      }
      const nextOverrides = groupOverrides(next.overrides);
      const relocal: string[] = [];
      for (const key of new Set([...this.overridesByRow.keys(), ...nextOverrides.keys()])) {
        if (JSON.stringify(this.overridesByRow.get(key) ?? []) !== JSON.stringify(nextOverrides.get(key) ?? [])) relocal.push(key);
      }
      this.cfg = next;
      this.overridesByRow = nextOverrides;
      const batch: SourceBatch = new Map();
      for (const key of relocal) {
        const state = this.rows.get(key);
        if (!state) continue;
        const facts = this.sourceFacts(state.row.source, batch);
        const trust = rowVerdict(state.row, facts.trust);
        this.keepLocal(state, this.localFor(state.row, trust, this.parse(state.row, trust), facts.nikFormat));
      }
      return this.commit(new Map(), affected, relocal);
    }
    return this.rebuild(next);
  }

  /** Recompute everything under a new config and report the difference. */
  private rebuild(next: EngineConfig): EngineChanges {
    // Each row's findings, in row order (the rows themselves stay as they are).
    const oldFindings: Finding[][] = [];
    for (const state of this.rows.values()) {
      oldFindings.push(state.findings);
      state.findings = noFindings;
      state.group = undefined;
    }
    const oldGroups = new Map(this.groups);
    this.cfg = next;
    this.refs = new Set(next.referenceSources);
    this.notNik = new Set(next.identityNotNik);
    this.overlap = compileOverlap(next.overlap);
    this.overridesByRow = groupOverrides(next.overrides);
    this.dismissed.clear();
    for (const d of next.decisions) this.dismissed.add(pairKey(d.a, d.b));
    this.matcher = new Matcher(next.model, next.blockCap, this.dismissed);
    this.ruleTerms = new RuleTermCache();
    for (const m of [this.groups, this.householdGroupOf, this.kk]) m.clear();
    const batch: SourceBatch = new Map();
    for (const state of this.rows.values()) this.refresh(state, batch);
    this.commit(this.rows, []);
    const out = emptyChanges();
    let i = 0;
    for (const [key, { findings }] of this.rows) {
      if (!sameFindings(oldFindings[i++] as Finding[], findings)) out.findings.push({ row: key, findings: findings.length > 0 ? findings : [] });
    }
    for (const [id, g] of this.groups) {
      const old = oldGroups.get(id);
      if (!old) out.groups.added.push(g);
      else if (!sameGroup(old, g)) out.groups.changed.push(g);
    }
    for (const id of oldGroups.keys()) if (!this.groups.has(id)) out.groups.removed.push(id);
    return out;
  }

  /** `trust`: the row's verdict (rowVerdict), `parsed` under it; `nikFormat`: its SourceFacts'. */
  private localFor(row: RecordRow, trust: IdTrust, parsed: ParsedRow, nikFormat: boolean): Finding[] {
    return localFindings(row, this.cfg, this.overridesByRow.get(row.key), trust, parsed, this.ruleTerms, nikFormat);
  }

  /**
   * `changes`: the changed rows' states, removed ones (features null) included.
   * `inOrder`: the same states as a list in `changes`' order, when the caller has one.
   */
  private commit(changes: ReadonlyMap<string, RowState>, alsoRescore: Iterable<string>, relocal: readonly string[] = [], inOrder?: RowState[]): EngineChanges {
    const out = emptyChanges();
    const extra = [...alsoRescore];
    // Loading into an empty engine (the full check, a rebuild): no old state to undo or compare.
    const bulk = extra.length === 0 && relocal.length === 0 && this.isEmpty();
    const oldFeats = new Map<string, Features | undefined>();
    if (!bulk) for (const key of changes.keys()) oldFeats.set(key, this.matcher.features(key));
    const touched = this.matcher.apply(changes, extra);
    if (bulk) return this.commitBulk(changes, inOrder ?? statesOf(changes), touched, out);
    for (const k of extra) touched.add(k);

    const dirty = new Set<string>(relocal);
    const addAll = (keys: Iterable<string> | undefined) => {
      for (const k of keys ?? []) dirty.add(k);
    };
    const addKin = (kin: readonly RowState[] | undefined) => {
      for (const s of kin ?? noStates) dirty.add(s.row.key);
    };
    // The No KK index, and the households the changed rows leave or join.
    const householdsHit = new Map<string, Household>();
    for (const [key, state] of changes) {
      const next = state.feats;
      const old = oldFeats.get(key);
      for (const [hk, h] of householdsOf(old, this.overlap)) householdsHit.set(hk, h);
      for (const [hk, h] of householdsOf(next, this.overlap)) householdsHit.set(hk, h);
      if (old?.noKk && !old.reference) {
        listRemove(this.kk, old.noKk, state);
        addKin(this.kk.get(old.noKk));
      }
      if (next?.noKk && !next.reference) {
        addKin(this.kk.get(next.noKk));
        listAdd(this.kk, next.noKk, state);
      }
    }
    // Neighbours of changed rows see their program/position: re-derive their findings too.
    for (const [key, state] of changes) {
      dirty.add(key);
      addAll(this.matcher.edges.get(key)?.keys());
      addAll(state.group?.members);
    }
    addAll(touched);
    // Changed rows too: a row that became a reference row leaves its group with no edge change.
    this.updatePersonGroups([touched, [...changes.keys()]], changes, out, dirty);
    this.updateHouseholdGroups(householdsHit, out, dirty);

    for (const key of dirty) {
      const state = this.rows.get(key) ?? changes.get(key);
      if (!state) continue;
      const list = this.findingsFor(state);
      if (sameFindings(list, state.findings)) continue;
      state.findings = list;
      out.findings.push({ row: key, findings: list.length > 0 ? list : [] });
    }
    return out;
  }

  /** No row committed and no group (a row's findings and group go with it). */
  private isEmpty(): boolean {
    return this.matcher.size === 0 && this.groups.size === 0 && this.householdGroupOf.size === 0 && this.kk.size === 0;
  }

  /**
   * commit() into an empty engine, without its bookkeeping: every row is new and dirty,
   * and no group or finding existed. Rows become dirty in the order commit() would mark
   * them, so out.findings and out.groups come in the same order too. Rows are handled by
   * their position in the load (RowState.at): only the rows with links are looked up by key.
   */
  private commitBulk(changes: ReadonlyMap<string, RowState>, states: RowState[], touched: Set<string>, out: EngineChanges): EngineChanges {
    const n = states.length;
    // Lists by position made at their length (no growth by push); only this load's passes read them.
    const load: Load = {
      changes,
      states,
      kins: new Array<RowState[] | undefined>(n),
      links: new Array<ReadonlyMap<string, PairScore> | undefined>(n),
      order: new Int32Array(n),
      dirtyCount: 0,
      dirty: new Uint8Array(n),
    };
    // One method per pass over the rows: each long loop is optimised on its own (once), and
    // never runs on into code after it that has not run yet (a deopt, then a recompile).
    this.indexKin(load);
    this.indexLinks(load);
    this.markDirty(load);
    this.bulkPersonGroups(touched, load, out);
    reportInLoadOrder(this.bulkHouseholdGroups(load), out);
    this.bulkFindings(load);
    this.reportFindings(load, out);
    return out;
  }

  /** commitBulk, first pass: each row's position and No KK list; rows already on a No KK become dirty. */
  private indexKin(load: Load): void {
    const { states, kins } = load;
    for (let at = 0; at < states.length; at++) {
      const state = states[at] as RowState;
      state.at = at;
      const next = state.feats;
      if (!next || next.reference || !next.noKk) continue;
      const kin = this.kk.get(next.noKk);
      if (!kin) {
        const rows = [state];
        this.kk.set(next.noKk, rows);
        kins[at] = rows;
      } else {
        // commit() marks the rows already on this No KK; all but the last one are marked by now.
        const last = (kin[kin.length - 1] as RowState).at;
        markDirtyAt(load, last);
        const grown = withItem(kin, state);
        if (grown === kin) {
          kins[at] = kin;
          continue;
        }
        this.kk.set(next.noKk, grown);
        for (let i = 0; i < grown.length; i++) kins[(grown[i] as RowState).at] = grown;
      }
    }
  }

  /** commitBulk: each row's links by position (a quarter of the rows have any, so they are the ones looked up). */
  private indexLinks(load: Load): void {
    const { changes, links } = load;
    // forEach, not a for-of over entries: no [key, value] array per step.
    this.matcher.edges.forEach((mine, key) => {
      const state = changes.get(key);
      if (state) links[state.at] = mine;
    });
  }

  /** commitBulk: the rest of the rows become dirty in commit()'s order, each row before the rows it links to. */
  private markDirty(load: Load): void {
    const { changes, links } = load;
    // One callback for the whole pass (a keys() iterator per row allocated per step).
    const mark = (_: PairScore, k: string) => {
      const p = changes.get(k)?.at;
      if (p !== undefined) markDirtyAt(load, p);
    };
    for (let at = 0; at < links.length; at++) {
      markDirtyAt(load, at);
      links[at]?.forEach(mark);
    }
  }

  /**
   * commitBulk: every row's findings, No KK by No KK (a household's states are read together,
   * while in the cache). Kept on the states (all noFindings before a load); reportFindings
   * reports them in commit()'s order.
   */
  private bulkFindings(load: Load): void {
    const { states, kins, links } = load;
    for (let at = 0; at < states.length; at++) {
      const kin = kins[at];
      const state = states[at] as RowState;
      if (!kin || kin.length < 2) state.findings = this.rowFindings(state, links[at], kin);
      else if (kin[0] === state) {
        for (let i = 0; i < kin.length; i++) {
          const s = kin[i] as RowState;
          s.findings = this.rowFindings(s, links[s.at], kin);
        }
      }
    }
  }

  /** commitBulk: the rows with findings, in commit()'s order. */
  private reportFindings(load: Load, out: EngineChanges): void {
    const { states, order, dirtyCount } = load;
    for (let i = 0; i < dirtyCount; i++) {
      const state = states[order[i] as number] as RowState;
      const list = state.findings;
      if (list.length > 0) out.findings.push({ row: state.row.key, findings: list });
    }
  }

  /**
   * updatePersonGroups for a load (no group yet), by position: the components of the linked
   * rows, found from each row of `touched` in turn as there, and each member's state at hand
   * to point at its group. Group members are rows of this call (dirty already). commit() also
   * seeds with the changed rows, but only rows with links can start a group, and a load
   * touches all of them. Must give the groups updatePersonGroups would
   * (test/engine/property.test.ts compares a load with edits).
   */
  private bulkPersonGroups(touched: Set<string>, load: Load, out: EngineChanges): void {
    const { changes, links } = load;
    // Without reference lists every row is a member (see updatePersonGroups).
    const anyReference = this.refs.size > 0;
    const isMember = (s: RowState) => !anyReference || (s.feats !== null && !s.feats.reference);
    const seen = new Uint8Array(links.length);
    // One scratch list for every component: its first `count` rows are the component's so
    // far, and also the queue (each row's links are followed once, in the order found).
    // Never truncated: `length = 0` drops the list's storage, and each push would grow it anew.
    const found: RowState[] = [];
    let count = 0;
    // Callbacks made once per load: for-of over the Set and over each row's link keys
    // allocated an iterator and a result per step.
    const reach = (_: PairScore, other: string) => {
      const o = changes.get(other);
      if (!o || seen[o.at] || !isMember(o)) return;
      seen[o.at] = 1;
      found[count++] = o;
    };
    touched.forEach((key) => {
      const start = changes.get(key);
      if (!start || seen[start.at] || !links[start.at]?.size || !isMember(start)) return;
      seen[start.at] = 1;
      found[0] = start;
      count = 1;
      for (let i = 0; i < count; i++) links[(found[i] as RowState).at]?.forEach(reach);
      if (count >= 2) this.addBulkPersonGroup(found, count, out);
    });
  }

  /** The person group of the first `count` rows of `found` (two or more; a scratch list) in a load, indexed and on each member's state. */
  private addBulkPersonGroup(found: readonly RowState[], count: number, out: EngineChanges): void {
    const g = personGroup(sortSmall(keysOf(found, count), byCodeUnits), this.matcher.edges);
    this.groups.set(g.id, g);
    out.groups.added.push(g);
    for (let i = 0; i < count; i++) (found[i] as RowState).group = g;
  }

  /**
   * Recompute the person groups around the keys of `seeds` (in order; each is read twice);
   * every row of an old or new group is added to `hit`.
   * `changes`: this commit's changed rows (a removed one's old group is read from there).
   */
  private updatePersonGroups(seeds: readonly Iterable<string>[], changes: ReadonlyMap<string, RowState>, out: EngineChanges, hit: Set<string>): void {
    const oldIds = new Set<string>();
    if (this.groups.size > 0) {
      for (const seed of seeds) {
        for (const s of seed) {
          const g = (this.rows.get(s) ?? changes.get(s))?.group;
          if (g) oldIds.add(g.id);
        }
      }
    }
    const starts = [...seeds];
    for (const id of oldIds) starts.push(this.groups.get(id)?.members ?? []);
    const edges = this.matcher.edges;
    // A row with links is a row of the matcher; without reference lists, every one is a member.
    const anyReference = this.refs.size > 0;
    const isMember = (k: string) => {
      if (!anyReference) return true;
      const f = this.matcher.features(k);
      return f !== undefined && !f.reference;
    };
    const fresh = new Map<string, DuplicateGroup>();
    const visited = new Set<string>();
    for (const list of starts) {
      for (const s of list) {
        // A row without links is alone (and no other start reaches it).
        if (!edges.get(s)?.size || visited.has(s) || !isMember(s)) continue;
        const members = component(s, edges, isMember, visited);
        if (members.length >= 2) {
          const g = personGroup(members, edges);
          fresh.set(g.id, g);
        }
      }
    }
    const old = new Map<string, DuplicateGroup>();
    for (const id of oldIds) {
      const g = this.groups.get(id);
      if (!g) continue;
      old.set(id, g);
      this.groups.delete(id);
      for (const m of g.members) {
        hit.add(m);
        const state = this.rows.get(m);
        if (state?.group?.id === id) state.group = undefined;
      }
    }
    for (const g of fresh.values()) {
      this.groups.set(g.id, g);
      for (const m of g.members) {
        hit.add(m);
        const state = this.rows.get(m);
        if (state) state.group = g;
      }
    }
    this.diffGroups(old, fresh, out);
  }

  /**
   * The household groups of a load, indexed, each with its first row's position (the order
   * commit() would make them in). Only a No KK with two or more rows can hold one.
   */
  private bulkHouseholdGroups(load: Load): { first: number; g: DuplicateGroup }[] {
    const { states, kins } = load;
    const found: { first: number; g: DuplicateGroup }[] = [];
    // Scratch lists shared by every No KK (no Map, closure or list per row): its households'
    // programmes in the order first met, and one household's row keys. Each is its first
    // entries, never truncated: `length = 0` drops the storage, and the next push grows it anew.
    const programs: string[] = [];
    const keys: string[] = [];
    // Each No KK once, at its first row.
    for (let at = 0; at < states.length; at++) {
      const kin = kins[at];
      const state = states[at] as RowState;
      if (!kin || kin.length < 2 || kin[0] !== state) continue;
      let nPrograms = 0;
      for (let i = 0; i < kin.length; i++) nPrograms = addHouseholdPrograms((kin[i] as RowState).feats, this.overlap, programs, nPrograms);
      // A row in kk has a No KK.
      const noKk = state.feats?.noKk as string;
      for (let p = 0; p < nPrograms; p++) {
        const program = programs[p] as string;
        let nKeys = 0;
        let first = -1;
        for (let i = 0; i < kin.length; i++) {
          const s = kin[i] as RowState;
          // A row in kk has features (and is not a reference row).
          if (!inHousehold(s.feats as Features, program, this.overlap)) continue;
          if (first < 0) first = s.at;
          keys[nKeys++] = s.row.key;
        }
        // slice: the kept list at its length.
        if (nKeys >= 2) found.push({ first, g: this.addHouseholdGroup(householdKey(noKk, program), program, keys.slice(0, nKeys)) });
      }
    }
    return found;
  }

  /** The rows of household `h` now. */
  private householdRows(h: Household): string[] {
    const kin = this.kk.get(h.noKk);
    if (!kin) return [];
    const out: string[] = [];
    // A row in kk is a row of the matcher: its state's features are the matcher's.
    for (const { row, feats } of kin) if (feats && inHousehold(feats, h.program, this.overlap)) out.push(row.key);
    return out;
  }

  /** Recompute the household groups of `households`; every row of an old or new group is added to `hit`. */
  private updateHouseholdGroups(households: ReadonlyMap<string, Household>, out: EngineChanges, hit: Set<string>): void {
    const old = new Map<string, DuplicateGroup>();
    const fresh = new Map<string, DuplicateGroup>();
    for (const [hk, h] of households) {
      const oldId = this.householdGroupOf.get(hk);
      const prev = oldId ? this.groups.get(oldId) : undefined;
      if (oldId && prev) {
        old.set(oldId, prev);
        this.groups.delete(oldId);
        this.householdGroupOf.delete(hk);
        for (const m of prev.members) hit.add(m);
      }
      const list = this.householdRows(h);
      if (list.length < 2) continue;
      const g = this.addHouseholdGroup(hk, h.program, list);
      fresh.set(g.id, g);
      for (const m of g.members) hit.add(m);
    }
    this.diffGroups(old, fresh, out);
  }

  /** The group of the household with key `hk` and rows `list` (two or more; the list is kept), indexed. */
  private addHouseholdGroup(hk: string, program: string, list: string[]): DuplicateGroup {
    const g = householdGroup(hk, sortSmall(list, byCodeUnits), program);
    this.groups.set(g.id, g);
    this.householdGroupOf.set(hk, g.id);
    return g;
  }

  private diffGroups(old: Map<string, DuplicateGroup>, fresh: Map<string, DuplicateGroup>, out: EngineChanges): void {
    for (const [id, g] of fresh) {
      const prev = old.get(id);
      if (!prev) out.groups.added.push(g);
      else if (!sameGroup(prev, g)) out.groups.changed.push(g);
    }
    for (const id of old.keys()) if (!fresh.has(id)) out.groups.removed.push(id);
  }

  /** The row's complete findings (none for a row that is gone): see rowFindings. */
  private findingsFor(state: RowState): Finding[] {
    const feats = state.feats;
    if (!feats) return noFindings;
    return this.rowFindings(state, this.matcher.edges.get(state.row.key), feats.noKk ? this.kk.get(feats.noKk) : undefined);
  }

  /**
   * findingsFor with the row's links and No KK list (kk's) already at hand. The list may
   * be the row's `local`, or noFindings when empty: never to be changed.
   */
  private rowFindings(state: RowState, edges: ReadonlyMap<string, PairScore> | undefined, kin: readonly RowState[] | undefined): Finding[] {
    const { row, feats, local } = state;
    if (!feats || feats.reference) return noFindings;
    const linked = edges !== undefined && edges.size > 0;
    // Only a row with links can be in a person group.
    const members = linked ? state.group?.members : undefined;
    const classify = this.refs.size > 0;
    // Most rows have no group, no links and no one else on their No KK: no peers, so
    // only two programs in the row itself (or the DTKS classification) can add findings.
    const alone = !linked && (!kin || (kin.length === 1 && kin[0] === state));
    if (alone && !classify && feats.programs.length < 2) return local;
    // Without reference lists (no classification) no row is a reference row.
    const referenceLinks = linked && classify ? this.linksToReferenceRows(edges) : undefined;
    const overlap = this.overlaps();
    // Only peers in a program that clashes with one of the row's add findings; most rows
    // with peers have none, and then (one program, no classification) just their local ones.
    const peers = alone || feats.programs.length === 0 ? undefined : collectPeers(row.key, members, referenceLinks, kin, this.rows, feats.programs, overlap);
    if (!peers && !classify && feats.programs.length < 2) return local;
    const statusDtks = classify ? row.values.status_dtks : undefined;
    const related = relationFindings({ key: row.key, feats, peers, referenceLinks, overlap, classify, statusDtks });
    if (!related) return local;
    // The new list itself when there is nothing to put before it (most rows): one list fewer to copy.
    return local.length > 0 ? local.concat(related) : related;
  }

  /** The row's links to reference rows, strongest first; undefined when none. */
  private linksToReferenceRows(edges: ReadonlyMap<string, PairScore>): ReferenceLink[] | undefined {
    let links: ReferenceLink[] | undefined;
    for (const [other, score] of edges) {
      const peer = this.rows.get(other);
      if (peer?.feats?.reference) (links ??= []).push({ row: peer.row, score });
    }
    if (links && links.length > 1) links.sort((a, b) => b.score.weight - a.score.weight || (a.row.key < b.row.key ? -1 : 1));
    return links;
  }

  /** The memo of program pairs for the current overlap matrix. */
  private overlaps(): OverlapMemo {
    if (this.overlapMemo?.overlap !== this.overlap) this.overlapMemo = new OverlapMemo(this.overlap);
    return this.overlapMemo;
  }

  snapshot(): EngineSnapshot {
    const keys: string[] = [];
    for (const [key, state] of this.rows) if (state.findings.length > 0) keys.push(key);
    const findings: Record<string, Finding[]> = {};
    for (const key of keys.sort()) findings[key] = (this.rows.get(key) as RowState).findings;
    const groups = [...this.groups.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { rows: this.rows.size, findings, groups };
  }

  findingsOf(key: string): Finding[] {
    const list = this.rows.get(key)?.findings;
    return list && list.length > 0 ? list : [];
  }

  groupsOf(key: string): DuplicateGroup[] {
    const out: DuplicateGroup[] = [];
    const g = this.rows.get(key)?.group;
    if (g) out.push(g);
    for (const hk of householdsOf(this.matcher.features(key), this.overlap).keys()) {
      const hid = this.householdGroupOf.get(hk);
      const h = hid ? this.groups.get(hid) : undefined;
      if (h) out.push(h);
    }
    return out;
  }

  explain(a: string, b: string): PairExplanation | null {
    const score = this.matcher.explain(a, b);
    if (!score) return null;
    return {
      probability: score.probability,
      weight: score.weight,
      linked: this.matcher.edges.get(a)?.has(b) ?? false,
      reason: pairReason(score),
      evidence: score.evidence,
    };
  }
}

/** A new, empty engine. Missing settings take their defaults (today = today in WIB). */
export function createEngine(config: Partial<EngineConfig> = {}): CheckEngine {
  return new Engine({ ...defaultConfig(config.today ?? todayIso()), ...config });
}
