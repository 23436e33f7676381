// The matcher's incremental state: features per row, blocking index, term
// counts and linked pairs ("edges"). `apply` takes changed and removed rows and
// re-scores exactly the rows whose pairs can have changed:
//  - the changed rows themselves;
//  - rows sharing a term whose count crossed a power of two (its weight moved);
//  - rows of a block that crossed the block-size cap (candidates appeared/vanished);
//  - both rows of a pair whose decision changed.
// It returns the rows whose edges changed, so groups and findings can follow.
//
// Internally rows, blocks and terms are small integers and their lists are
// IntLists (one packed array after a bulk load): with 100k rows and ~900k
// blocking keys, an object per block cost most of the full check's time and memory.
// Loading into an empty matcher (the full check) takes its own path (`load`),
// which gives the same edges in the same order as adding the rows one by one.
// Its loops are memory-bound (100k rows' objects and tables far larger than the
// cache), so they read what the next few rows or pairs need in one tight pass
// first ("warm"): independent loads overlap their cache misses.
import { digitsAt, isAllDigits } from '../digits';
import { BlockingKeyHasher, isWeakKeyHash, WEAK_CAP_DIVISOR } from '../match/blocking';
import { comparePair, isLink, PairScratch, type PairScore } from '../match/compare';
import type { Features } from '../match/features';
import { countBucket, TermWeights, type MatchModel } from '../match/model';
import { birthTermYmd } from '../match/terms';
import { IntLists } from './intLists';
import { NumberTable } from './numberTable';
import { PairPrefilter } from './prefilter';

/** The two keys of a pair, smaller first (the order pairKey uses). */
function ordered(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/** A changed row as the matcher reads it: its new features, null when it was removed. */
export interface RowChange {
  readonly feats: Features | null;
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** Same weight AND same evidence (a similarity shown in a reason can move while the weight does not). */
function sameScore(a: PairScore, b: PairScore): boolean {
  if (a.weight !== b.weight || a.evidence.length !== b.evidence.length) return false;
  return a.evidence.every((e, i) => {
    const f = b.evidence[i];
    return f !== undefined && e.field === f.field && e.level === f.level && e.weight === f.weight && e.sim === f.sim;
  });
}

/** Grow a typed array to hold index `n` (doubling), keeping its contents; `make` builds the larger one. */
function grow<T extends Int32Array<ArrayBuffer> | Uint32Array<ArrayBuffer>>(a: T, n: number, make: (length: number) => T): T {
  if (n < a.length) return a;
  const b = make(Math.max(n + 1, a.length * 2));
  b.set(a);
  return b;
}

const int32 = (length: number) => new Int32Array(length);
const uint32 = (length: number) => new Uint32Array(length);

/**
 * A 16-digit identity number as the number it spells, when that is a safe integer
 * (every NIK below 9007199254740992); -1 for any other text. Exact and one-to-one on
 * those strings (all the same length: leading zeros cannot merge two of them).
 */
function nikKey(s: string): number {
  if (s.length !== 16 || !isAllDigits(s)) return -1;
  // Both halves are exact, and so is the sum whenever it is at most MAX_SAFE_INTEGER.
  const key = digitsAt(s, 0, 8) * 100000000 + digitsAt(s, 8, 8);
  return key <= Number.MAX_SAFE_INTEGER ? key : -1;
}

/** Rows whose objects are read ahead at a time (see Matcher.warmFeatures). */
const WARM_ROWS = 32;

/** Entries (list id, value) gathered row by row for IntLists.load. */
class Entries {
  list: Int32Array<ArrayBuffer>;
  value: Int32Array<ArrayBuffer>;
  n = 0;
  constructor(capacity: number) {
    this.list = new Int32Array(capacity);
    this.value = new Int32Array(capacity);
  }
  push(list: number, value: number): void {
    if (this.n >= this.list.length) {
      this.list = grow(this.list, this.n, int32);
      this.value = grow(this.value, this.n, int32);
    }
    this.list[this.n] = list;
    this.value[this.n] = value;
    this.n++;
  }
}

/** Row lists packed as they are gathered (rows come in id order), for IntLists.loadPacked. */
class RowLists {
  start: Int32Array<ArrayBuffer>;
  values: Int32Array<ArrayBuffer>;
  rows = 0;
  n = 0;
  constructor(rows: number, perRow: number) {
    this.start = new Int32Array(rows + 1);
    this.values = new Int32Array(Math.max(16, rows * perRow));
  }
  push(x: number): void {
    this.values = grow(this.values, this.n, int32);
    this.values[this.n++] = x;
  }
  /** The current row's list is complete. */
  endRow(): void {
    this.start = grow(this.start, this.rows + 1, int32);
    this.start[++this.rows] = this.n;
  }
}

export class Matcher {
  /** Linked pairs, both directions. */
  readonly edges = new Map<string, Map<string, PairScore>>();

  // Rows by internal id (ids of removed rows are reused).
  /**
   * Row id by key; null after a load until first needed (see ids): a full check never
   * looks a row up by key, and this 100k-key map was ~7 MB of garbage from its growth.
   */
  private idByKey: Map<string, number> | null = new Map();
  private keyAt: string[] = [];
  private featAt: (Features | undefined)[] = [];
  private freeIds: number[] = [];
  private rowBlocks = new IntLists();
  /** Term ids of each row's name tokens (same order as Features.nameTerms), birth date and identity (-1: none). */
  private rowNames = new IntLists();
  private birthTermOfRow = new Int32Array(1024);
  private identityTermOfRow = new Int32Array(1024);

  // Blocks and terms by id (ids are never reused; an empty block keeps its id).
  /** Block id by hashed key (see BlockingKeyHasher): a typed table, ~290k keys on 100k rows. */
  private blockId = new NumberTable();
  private blockMembers = new IntLists();
  /** Size cap by block id: typed and grown by doubling (an array grown by push was ~8 MB of copies on 100k rows). */
  private blockCapOf = new Int32Array(1024);
  private termId = new Map<string, number>();
  /** Term ids of identity numbers (their own namespace: see terms.ts). */
  private identityTermId = new Map<string, number>();
  /**
   * Term ids of identity numbers of 16 digits (NIKs) by value (see nikKey), the others
   * in identityTermId: ~90k of 100k rows have a NIK of their own, and a string map of
   * them was ~7 MB of garbage from its growth on the full check.
   */
  private nikTermId = new NumberTable();
  /** Term ids of birth dates by YYYYMMDD (see birthTermYmd; ~20k dates on 100k rows), the others in termId. */
  private birthTermId = new NumberTable();
  private termMembers = new IntLists();

  // Scratch marks by row id: "seen in this candidate list" and "already scored in this apply".
  private seenMark = new Uint32Array(1024);
  private doneMark = new Uint32Array(1024);
  private mark = 0;
  private readonly candidateList: number[] = [];
  private readonly scratch = new PairScratch();
  private readonly hasher = new BlockingKeyHasher();
  private readonly prefilter: PairPrefilter;
  private readonly termWeights: TermWeights;
  /** What warmFeatures and warmRows read: kept (not private, never read) so the reads are not optimised away. */
  warmSum = 0;

  constructor(
    private readonly model: MatchModel,
    private readonly blockCap: number,
    private readonly dismissed: ReadonlySet<string>,
  ) {
    this.prefilter = new PairPrefilter(model);
    this.termWeights = new TermWeights(model);
  }

  /** The features of row `key` (undefined: no such row). */
  features(key: string): Features | undefined {
    const id = this.ids().get(key);
    return id === undefined ? undefined : this.featAt[id];
  }

  /** Number of rows. */
  get size(): number {
    return this.idByKey === null ? this.keyAt.length : this.idByKey.size;
  }

  /** The row ids by key, made from keyAt after a load (every id a row then: none is free yet). */
  private ids(): Map<string, number> {
    if (this.idByKey === null) {
      // Only a load leaves the map unmade, and the first apply after it makes it before freeing any id.
      if (this.freeIds.length > 0) throw new Error('Matcher: row ids freed before the key map was made');
      const ids = new Map<string, number>();
      for (let id = 0; id < this.keyAt.length; id++) ids.set(this.keyAt[id] as string, id);
      this.idByKey = ids;
    }
    return this.idByKey;
  }

  private eligible(block: number): boolean {
    const n = this.blockMembers.size(block);
    return n >= 2 && n <= (this.blockCapOf[block] as number);
  }

  private internBlock(key: number): number {
    const next = this.blockMembers.count;
    const id = this.blockId.idOrAdd(key, next);
    if (id === next) {
      this.blockMembers.add();
      if (id >= this.blockCapOf.length) this.blockCapOf = grow(this.blockCapOf, id, int32);
      this.blockCapOf[id] = isWeakKeyHash(key) ? Math.max(2, Math.floor(this.blockCap / WEAK_CAP_DIVISOR)) : this.blockCap;
    }
    return id;
  }

  /** The term id of a name token or a birth date not keyed by number (`term`), or of an identity number (`identity`: their own tables). */
  private internTerm(term: string, identity = false): number {
    if (identity) {
      const nik = nikKey(term);
      if (nik >= 0) return this.internNumber(this.nikTermId, nik);
    }
    const table = identity ? this.identityTermId : this.termId;
    let id = table.get(term);
    if (id === undefined) {
      id = this.termMembers.add();
      table.set(term, id);
    }
    return id;
  }

  /** The term id of a birth date's term ('d:' + iso, see terms.ts). */
  private internBirth(term: string): number {
    const ymd = birthTermYmd(term);
    return ymd >= 0 ? this.internNumber(this.birthTermId, ymd) : this.internTerm(term);
  }

  /** The term id of a term kept by number (a NIK's nikKey, a date's birthTermYmd) in `table`. */
  private internNumber(table: NumberTable, key: number): number {
    const next = this.termMembers.count;
    // `| 0`: the table gives ids read from a Float64Array, and a term id that is not a
    // small integer made V8 throw away gatherTerms' optimised code (term ids are Smis elsewhere).
    const id = table.idOrAdd(key, next) | 0;
    if (id === next) this.termMembers.add();
    return id;
  }

  private termCount(id: number): number {
    return id < 0 ? 0 : this.termMembers.size(id);
  }

  /** The distinct terms of row `id` whose counts weight its comparisons: name tokens, birth date, identity. */
  private termsOfRow(id: number): number[] {
    const out: number[] = [];
    this.rowNames.forEach(id, (t) => {
      if (!out.includes(t)) out.push(t);
    });
    const b = this.birthTermOfRow[id] as number;
    const t = this.identityTermOfRow[id] as number;
    if (b >= 0) out.push(b);
    if (t >= 0) out.push(t);
    return out;
  }

  /** Fill in a row's term-frequency weights from the current counts (see Features.weights). */
  private refreshWeights(id: number): void {
    const f = this.featAt[id] as Features;
    const w = f.weights;
    const names = this.rowNames;
    const own = names.ownArray(id);
    if (own) {
      for (let i = 0; i < own.length; i++) w.name[i] = Math.max(0, this.termWeights.of(this.termCount(own[i] as number)));
    } else {
      const from = names.from(id);
      for (let i = from, end = names.to(id); i < end; i++) w.name[i - from] = Math.max(0, this.termWeights.of(this.termCount(names.packedAt(i))));
    }
    const b = this.birthTermOfRow[id] as number;
    w.birth = b >= 0 ? this.termWeights.of(this.termCount(b)) : 0;
    const t = this.identityTermOfRow[id] as number;
    w.identity = t >= 0 ? this.termWeights.of(this.termCount(t)) : 0;
    this.prefilter.setWeights(id, f);
  }

  /** Forget every row, block and term (an empty matcher about to load `rows` rows). */
  private reset(rows: number): void {
    this.idByKey = null;
    this.keyAt = [];
    this.featAt = [];
    this.freeIds = [];
    this.rowBlocks = new IntLists();
    this.rowNames = new IntLists();
    this.birthTermOfRow = new Int32Array(rows);
    this.identityTermOfRow = new Int32Array(rows);
    // Sized up front for ~3 distinct keys a row (the synthetic 100k rows have 2.9: most
    // name and date keys are shared): growing it rehashed every key several times.
    this.blockId = new NumberTable(rows * 3);
    this.blockMembers = new IntLists();
    this.blockCapOf = new Int32Array(rows * 3);
    this.termId = new Map();
    this.identityTermId = new Map();
    this.nikTermId = new NumberTable(rows);
    // Sized so a load rarely grows it: its first rehash, met after V8 optimised idOrAdd, deoptimised it.
    this.birthTermId = new NumberTable(Math.ceil(rows / 2));
    this.termMembers = new IntLists();
  }

  /**
   * Replace (features) or delete (null) rows, and re-score `alsoRescore`.
   * Returns the rows whose set of edges or edge scores changed.
   */
  apply(changes: ReadonlyMap<string, RowChange>, alsoRescore: Iterable<string> = []): Set<string> {
    if (this.size === 0) return this.load(changes);
    const idOf = this.ids();
    // Remember the count bucket of each term and the eligibility of each block as
    // they were before this call. A term or block absent at its first touch did not
    // exist before, so all its rows are changed rows (re-scored anyway): no note.
    const termBucket = new Map<number, number>();
    const blockEligible = new Map<number, boolean>();
    const noteTerm = (t: number) => {
      if (termBucket.has(t)) return;
      const n = this.termCount(t);
      if (n > 0) termBucket.set(t, countBucket(n));
    };
    const noteBlock = (k: number) => {
      if (blockEligible.has(k)) return;
      if (this.blockMembers.size(k) > 0) blockEligible.set(k, this.eligible(k));
    };
    const rescore = new Set<number>();
    const removedIds: number[] = [];
    for (const [key, { feats: next }] of changes) {
      let id = idOf.get(key);
      if (id !== undefined) {
        for (const t of this.termsOfRow(id)) {
          noteTerm(t);
          this.termMembers.remove(t, id);
        }
        const row = id;
        this.rowBlocks.forEach(row, (k) => {
          noteBlock(k);
          this.blockMembers.remove(k, row);
        });
        if (!next) {
          idOf.delete(key);
          this.featAt[id] = undefined;
          this.rowBlocks.set(id, []);
          this.rowNames.set(id, []);
          this.birthTermOfRow[id] = -1;
          this.identityTermOfRow[id] = -1;
          removedIds.push(id);
          continue;
        }
      }
      if (!next) continue;
      if (id === undefined) {
        id = this.freeIds.pop();
        if (id === undefined) {
          id = this.keyAt.length;
          this.rowBlocks.add();
          this.rowNames.add();
        }
        idOf.set(key, id);
        this.keyAt[id] = key;
        this.birthTermOfRow = grow(this.birthTermOfRow, id, int32);
        this.identityTermOfRow = grow(this.identityTermOfRow, id, int32);
        this.seenMark = grow(this.seenMark, id, uint32);
        this.doneMark = grow(this.doneMark, id, uint32);
      }
      this.featAt[id] = next;
      this.prefilter.set(id, next);
      this.rowNames.set(id, next.nameTerms.map((t) => this.internTerm(t)));
      this.birthTermOfRow[id] = next.birthTerm ? this.internBirth(next.birthTerm) : -1;
      this.identityTermOfRow[id] = next.identity ? this.internTerm(next.identity, true) : -1;
      const blocks: number[] = [];
      for (let i = 0, n = this.hasher.hash(next); i < n; i++) blocks.push(this.internBlock(this.hasher.keys[i] as number));
      this.rowBlocks.set(id, blocks);
      for (const t of this.termsOfRow(id)) {
        noteTerm(t);
        this.termMembers.push(t, id);
      }
      for (const k of blocks) {
        noteBlock(k);
        this.blockMembers.push(k, id);
      }
      rescore.add(id);
    }

    for (const key of alsoRescore) {
      const id = idOf.get(key);
      if (id !== undefined) rescore.add(id);
    }
    for (const [t, before] of termBucket) {
      if (countBucket(this.termCount(t)) === before) continue;
      this.termMembers.forEach(t, (id) => rescore.add(id));
    }
    // Blocks that crossed the size cap are handled pair by pair below, not by re-scoring rows.
    const blocksOn: number[] = [];
    const blocksOff: number[] = [];
    for (const [k, before] of blockEligible) {
      const now = this.eligible(k);
      if (now !== before) (now ? blocksOn : blocksOff).push(k);
    }

    // Drop the old edges of every re-scored or deleted row, remembering them for the diff.
    // By pair key, with the two keys in pairKey order (a key may contain the separator: never split).
    const old = new Map<string, { a: string; b: string; score: PairScore }>();
    const remember = (x: string, y: string, score: PairScore) => {
      old.set(pairKey(x, y), x < y ? { a: x, b: y, score } : { a: y, b: x, score });
    };
    const dropEdges = (key: string) => {
      const mine = this.edges.get(key);
      if (!mine) return;
      for (const [other, score] of mine) {
        remember(key, other, score);
        this.edges.get(other)?.delete(key);
        if (this.edges.get(other)?.size === 0) this.edges.delete(other);
      }
      this.edges.delete(key);
    };
    for (const key of changes.keys()) if (!idOf.has(key)) dropEdges(key);
    for (const id of rescore) dropEdges(this.keyAt[id] as string);
    // Ids of removed rows are free only now: a row re-added in this call gets a fresh one.
    for (const id of removedIds) this.freeIds.push(id);

    // Term weights are cached on the features; only re-scored rows can have stale ones.
    for (const id of rescore) this.refreshWeights(id);
    const added: [string, string][] = [];
    const done = ++this.mark;
    for (const id of rescore) {
      const key = this.keyAt[id] as string;
      for (const other of this.candidates(id)) {
        if (this.doneMark[other] === done) continue; // that pair was decided when `other` was scored
        if (this.scoreAndLink(id, other)) added.push(ordered(key, this.keyAt[other] as string));
      }
      this.doneMark[id] = done;
    }
    // A block that became too large: its pairs stay linked only if another block still joins them.
    for (const k of blocksOff) {
      const members = this.blockMembers.values(k);
      for (const xi of members) {
        if (rescore.has(xi)) continue;
        const x = this.keyAt[xi] as string;
        for (const [y, score] of [...(this.edges.get(x) ?? [])]) {
          const yi = idOf.get(y) as number;
          if (x > y || rescore.has(yi) || !members.includes(yi) || this.shareEligibleBlock(xi, yi)) continue;
          remember(x, y, score);
          this.unlink(x, y);
        }
      }
    }
    // A block that became small enough: its pairs are candidates now.
    for (const k of blocksOn) {
      const members = this.blockMembers.values(k);
      for (let i = 0; i < members.length; i++) {
        const xi = members[i] as number;
        if (rescore.has(xi)) continue;
        const x = this.keyAt[xi] as string;
        for (let j = i + 1; j < members.length; j++) {
          const yi = members[j] as number;
          const y = this.keyAt[yi] as string;
          if (rescore.has(yi) || this.edges.get(x)?.has(y)) continue;
          if (this.scoreAndLink(xi, yi)) added.push(ordered(x, y));
        }
      }
    }

    // Rows whose edges differ from before.
    const touched = new Set<string>();
    for (const { a, b, score } of old.values()) {
      const now = this.edges.get(a)?.get(b);
      if (!now || !sameScore(now, score)) {
        touched.add(a);
        touched.add(b);
      }
    }
    for (const [a, b] of added) {
      if (old.has(pairKey(a, b))) continue;
      touched.add(a);
      touched.add(b);
    }
    return touched;
  }

  /**
   * Load rows into an empty matcher (the full check): ids in order, every list
   * packed at once, and each candidate pair reached once from its lower id. The
   * pairs are scored in the order `apply` would score them, so the edges (and
   * their order) are the same. Returns the rows with edges.
   */
  private load(changes: ReadonlyMap<string, RowChange>): Set<string> {
    this.reset(changes.size);
    // Each long loop of a load is a method of its own, and the methods holding several
    // (this one, indexRows, ...) only call them: V8 compiles each loop once (on-stack
    // replacement) and no code after a loop runs without type feedback, which threw away
    // the loop's optimised code and compiled it again (one method holding all the loops
    // also ran out of V8's inlining budget, and the pair walk boxed every weight it computed).
    this.indexRows(changes);
    const n = this.keyAt.length;
    this.refreshAllWeights(n);
    return this.linkAll(n);
  }

  /** refreshWeights of rows 0 .. n - 1 (a load: every row). */
  private refreshAllWeights(n: number): void {
    for (let id = 0; id < n; id++) this.refreshWeights(id);
  }

  /** Ids, features and packed row, block and term lists for the rows of a load. */
  private indexRows(changes: ReadonlyMap<string, RowChange>): void {
    this.addRows(changes);
    const n = this.keyAt.length;
    this.setPrefilterRows(n);
    // The terms and the blocks in passes of their own: each pass's tables then stay in the
    // cache longer than when every row visited all of them in turn. The blocks first: their
    // keys repeat from the first rows on, so NumberTable.idOrAdd has met a key already in
    // the table before the NIKs' first repeat, which came only after V8 had optimised it.
    this.indexBlocks(n);
    this.indexTerms(n);
    this.seenMark = grow(this.seenMark, n, uint32);
    this.doneMark = grow(this.doneMark, n, uint32);
  }

  /** Ids (in order), keys and features of the rows of a load. */
  private addRows(changes: ReadonlyMap<string, RowChange>): void {
    // Sized once (growing by push copied both arrays several times), trimmed to the rows
    // kept. forEach, not for-of: a for-of over a Map's entries made an entry array and a
    // result object per row until the loop was optimised.
    const keyAt = new Array<string>(changes.size);
    const featAt = new Array<Features | undefined>(changes.size);
    let n = 0;
    changes.forEach((change, key) => {
      const f = change.feats;
      if (!f) return;
      keyAt[n] = key;
      featAt[n] = f;
      n++;
    });
    keyAt.length = n;
    featAt.length = n;
    this.keyAt = keyAt;
    this.featAt = featAt;
  }

  /** The prefilter records of rows 0 .. n - 1. */
  private setPrefilterRows(n: number): void {
    this.prefilter.reserve(n);
    for (let id = 0; id < n; id++) {
      if (id % WARM_ROWS === 0) this.warmFeatures(id, Math.min(n, id + WARM_ROWS));
      this.prefilter.set(id, this.featAt[id] as Features);
    }
  }

  /** The name, birth-date and identity terms of rows 0 .. n - 1: their ids and packed lists. */
  private indexTerms(n: number): void {
    // Sized for the synthetic 100k rows (~4 terms and ~2 name tokens a row), so they rarely grow.
    const terms = new Entries(n * 4);
    const rowNames = new RowLists(n, 2);
    this.gatherTerms(n, terms, rowNames);
    // IntLists ids were handed out by internTerm; load replaces the (empty) lists with packed ones.
    this.termMembers.load(this.termMembers.count, terms.list, terms.value, terms.n);
    this.rowNames.loadPacked(rowNames.start.slice(0, n + 1), rowNames.values.slice(0, rowNames.n));
  }

  /** The term ids of rows 0 .. n - 1: (term, row) entries in `terms`, each row's name terms in `rowNames`. */
  private gatherTerms(n: number, terms: Entries, rowNames: RowLists): void {
    for (let id = 0; id < n; id++) {
      if (id % WARM_ROWS === 0) this.warmFeatures(id, Math.min(n, id + WARM_ROWS));
      const f = this.featAt[id] as Features;
      const names = f.nameTerms;
      const firstName = rowNames.n;
      for (let i = 0; i < names.length; i++) {
        const t = this.internTerm(names[i] as string);
        let repeated = false;
        for (let j = firstName; j < rowNames.n; j++) if (rowNames.values[j] === t) repeated = true;
        rowNames.push(t);
        if (!repeated) terms.push(t, id);
      }
      rowNames.endRow();
      const b = f.birthTerm ? this.internBirth(f.birthTerm) : -1;
      const t = f.identity ? this.internTerm(f.identity, true) : -1;
      this.birthTermOfRow[id] = b;
      this.identityTermOfRow[id] = t;
      if (b >= 0) terms.push(b, id);
      if (t >= 0) terms.push(t, id);
    }
  }

  /** The blocking keys of rows 0 .. n - 1: block ids and the packed row → blocks and block → rows lists. */
  private indexBlocks(n: number): void {
    // Sized for the synthetic 100k rows (~9 blocking keys a row), so it rarely grows.
    const rowBlocks = new RowLists(n, 9);
    this.gatherBlocks(n, rowBlocks);
    const blockStart = rowBlocks.start.slice(0, n + 1);
    const blockValues = rowBlocks.values.slice(0, rowBlocks.n);
    // IntLists ids were handed out by internBlock. A block's members are the rows holding it, in id order: the row lists transposed.
    this.blockMembers.loadTransposed(this.blockMembers.count, blockStart, blockValues, n);
    this.rowBlocks.loadPacked(blockStart, blockValues);
  }

  /** The block ids of rows 0 .. n - 1, row by row into `rowBlocks`. */
  private gatherBlocks(n: number, rowBlocks: RowLists): void {
    for (let id = 0; id < n; id++) {
      if (id % WARM_ROWS === 0) this.warmFeatures(id, Math.min(n, id + WARM_ROWS));
      const keys = this.hasher.hash(this.featAt[id] as Features);
      this.blockId.warm(this.hasher.keys, keys);
      for (let i = 0; i < keys; i++) {
        rowBlocks.push(this.internBlock(this.hasher.keys[i] as number));
      }
      rowBlocks.endRow();
    }
  }

  /**
   * Read the Features of rows from .. to - 1 (and their identity, birth date and name
   * lists) in one tight pass before a load's per-row work reads them: the rows' objects
   * are scattered, and these loads overlap where the per-row work waited on each miss in turn.
   */
  private warmFeatures(from: number, to: number): void {
    let sum = 0;
    for (let id = from; id < to; id++) {
      const f = this.featAt[id] as Features;
      sum += (f.identity?.length ?? 0) + (f.birth?.y ?? 0) + f.phonetic.length + f.nameTerms.length + f.birthTerm.length;
    }
    this.warmSum = sum;
  }

  /** Score every candidate pair of a load once; returns the rows with edges. */
  private linkAll(n: number): Set<string> {
    const pairs = this.unrejectedPairs(n);
    const touched = new Set<string>();
    // The pairs in walk order (so edges are linked in the order apply would link them), a
    // chunk at a time: the chunk's rows are read in one pass first (see warmRows), so the
    // scoring finds them in the cache instead of waiting on each row's objects in turn.
    const CHUNK = 64;
    for (let from = 0; from < pairs.n; from += CHUNK) {
      const to = Math.min(pairs.n, from + CHUNK);
      this.warmRows(pairs.value, from, to);
      this.prefilter.warm(pairs.value, from, to);
      for (let p = from; p < to; p++) {
        const id = pairs.list[p] as number;
        const other = pairs.value[p] as number;
        if (!this.scoreAndLinkUnrejected(id, other)) continue;
        // In pairKey order, as apply reports them.
        const key = this.keyAt[id] as string;
        const otherKey = this.keyAt[other] as string;
        touched.add(key < otherKey ? key : otherKey);
        touched.add(key < otherKey ? otherKey : key);
      }
    }
    return touched;
  }

  /**
   * Every candidate pair of a load (id, other) with id < other, in the order apply would
   * score them, that the prefilter does not reject: ~1.1M candidates, ~160k kept on 100k rows.
   */
  private unrejectedPairs(n: number): Entries {
    // Every list is in id order, so the pairs of row `id` not yet scored are the members after it.
    // Which members each (row, block) entry walks, [walkFrom, walkTo): those after the row
    // in the block's packed list, none for a block too small or too large. One pass of
    // its own, in entry order (rows in id order, so each entry of a block is its next
    // member: a cursor per block, no search), whose block reads do not wait on each other.
    // The cursor is -1 for a block not walked, set in a sequential pass over the blocks
    // first: the entry pass then reads one table at random, and only it for most
    // entries (identity keys are nearly all held by one row).
    const entries = n > 0 ? this.rowBlocks.to(n - 1) : 0;
    const walkFrom = new Int32Array(entries);
    const walkTo = new Int32Array(entries);
    const cursors = this.blockMembers.starts();
    this.skipIneligibleBlocks(cursors);
    this.walkRanges(cursors, entries, walkFrom, walkTo);
    const kept = new Entries(2 * n);
    this.keepUnrejected(n, walkFrom, walkTo, kept);
    return kept;
  }

  /** Set the cursor of each block too small or too large to be walked to -1 (see unrejectedPairs). */
  private skipIneligibleBlocks(cursors: Int32Array): void {
    const members = this.blockMembers;
    const caps = this.blockCapOf;
    for (let k = 0; k < cursors.length; k++) {
      // Every list is packed right after the load: its size is read from the offsets (see eligible).
      const size = members.to(k) - (cursors[k] as number);
      if (size < 2 || size > (caps[k] as number)) cursors[k] = -1;
    }
  }

  /** The members each (row, block) entry walks, [walkFrom, walkTo) (see unrejectedPairs). */
  private walkRanges(cursors: Int32Array, entries: number, walkFrom: Int32Array, walkTo: Int32Array): void {
    const members = this.blockMembers;
    const rowBlocks = this.rowBlocks;
    for (let r = 0; r < entries; r++) {
      const k = rowBlocks.packedAt(r);
      const cursor = cursors[k] as number;
      if (cursor < 0) continue;
      const lo = cursor + 1;
      cursors[k] = lo;
      walkFrom[r] = lo;
      walkTo[r] = members.to(k);
    }
  }

  /** Each row's candidates after it (the walk ranges of its entries) that the prefilter does not reject, into `kept`. */
  private keepUnrejected(n: number, walkFrom: Int32Array, walkTo: Int32Array, kept: Entries): void {
    const members = this.blockMembers;
    const rowBlocks = this.rowBlocks;
    // A row's candidates are gathered first and their prefilter records read in one
    // tight pass (see PairPrefilter.warm): the reads then overlap instead of each
    // pair waiting on its own cache miss inside rejects.
    let others = new Int32Array(1024);
    for (let id = 0; id < n; id++) {
      const seen = ++this.mark;
      let count = 0;
      for (let r = rowBlocks.from(id), rEnd = rowBlocks.to(id); r < rEnd; r++) {
        const from = walkFrom[r] as number;
        const end = walkTo[r] as number;
        if (count + end - from > others.length) others = grow(others, count + end - from, int32);
        for (let i = from; i < end; i++) {
          const other = members.packedAt(i);
          if (this.seenMark[other] === seen) continue;
          this.seenMark[other] = seen;
          others[count++] = other;
        }
      }
      this.prefilter.warm(others, 0, count);
      for (let c = 0; c < count; c++) {
        const other = others[c] as number;
        if (!this.prefilter.rejects(id, other)) kept.push(id, other);
      }
    }
  }

  /** Read what scoring reads of rows ids[from .. to - 1] (their Features and keys), see linkAll. */
  private warmRows(ids: Int32Array, from: number, to: number): void {
    let sum = 0;
    for (let p = from; p < to; p++) {
      const id = ids[p] as number;
      const f = this.featAt[id] as Features;
      sum += (this.keyAt[id] as string).length + f.name.length + f.weights.name.length + f.phonetic.length;
    }
    this.warmSum = sum;
  }

  /** Score the pair of row ids and link it when it is a match; true when linked. */
  private scoreAndLink(id: number, otherId: number): boolean {
    // The prefilter first: it rejects most pairs without reading either row's key or Features.
    return !this.prefilter.rejects(id, otherId) && this.scoreAndLinkUnrejected(id, otherId);
  }

  /** scoreAndLink for a pair the prefilter has let through. */
  private scoreAndLinkUnrejected(id: number, otherId: number): boolean {
    const f = this.featAt[id] as Features;
    const g = this.featAt[otherId] as Features;
    if (f.reference && g.reference) return false;
    const key = this.keyAt[id] as string;
    const other = this.keyAt[otherId] as string;
    if (this.dismissed.size > 0 && this.dismissed.has(pairKey(key, other))) return false;
    // The codes of the cheap fields come from the prefilter's packed values (comparePair would read them from the Features).
    const codes = this.scratch.codes;
    const score =
      key < other
        ? comparePair(f, g, this.model, true, this.scratch, this.prefilter.codes(id, otherId, codes))
        : comparePair(g, f, this.model, true, this.scratch, this.prefilter.codes(otherId, id, codes));
    if (!score || !isLink(score, this.model)) return false;
    this.link(key, other, score);
    return true;
  }

  private shareEligibleBlock(x: number, y: number): boolean {
    let shared = false;
    this.rowBlocks.forEach(x, (k) => {
      if (!shared && this.eligible(k) && this.blockMembers.includes(k, y)) shared = true;
    });
    return shared;
  }

  private unlink(a: string, b: string): void {
    const ea = this.edges.get(a);
    ea?.delete(b);
    if (ea?.size === 0) this.edges.delete(a);
    const eb = this.edges.get(b);
    eb?.delete(a);
    if (eb?.size === 0) this.edges.delete(b);
  }

  private link(a: string, b: string, score: PairScore): void {
    let ea = this.edges.get(a);
    if (!ea) this.edges.set(a, (ea = new Map()));
    let eb = this.edges.get(b);
    if (!eb) this.edges.set(b, (eb = new Map()));
    ea.set(b, score);
    eb.set(a, score);
  }

  /** Rows sharing at least one eligible block with row `id` (a list reused between calls). */
  private candidates(id: number): number[] {
    const out = this.candidateList;
    out.length = 0;
    const seen = ++this.mark;
    this.seenMark[id] = seen;
    const visit = (other: number) => {
      if (this.seenMark[other] === seen) return;
      this.seenMark[other] = seen;
      out.push(other);
    };
    this.rowBlocks.forEach(id, (k) => {
      if (this.eligible(k)) this.blockMembers.forEach(k, visit);
    });
    return out;
  }

  /** Score any two rows (for explaining a pair in the UI), linked or not. */
  explain(a: string, b: string): PairScore | null {
    const fa = this.features(a);
    const fb = this.features(b);
    if (!fa || !fb) return null;
    return a < b ? comparePair(fa, fb, this.model) : comparePair(fb, fa, this.model);
  }
}
