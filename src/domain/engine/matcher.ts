// The matcher's incremental state: features per row, blocking index, term
// counts and linked pairs ("edges"). `apply` takes changed and removed rows and
// re-scores exactly the rows whose pairs can have changed:
//  - the changed rows themselves;
//  - rows sharing a term whose count crossed a power of two (its weight moved);
//  - rows of a block that crossed the block-size cap (candidates appeared/vanished);
//  - both rows of a pair whose decision changed.
// It returns the rows whose edges changed, so groups and findings can follow.
//
// Internally rows, blocks and terms are small integers and block/term members
// are plain arrays: with 100k rows and ~900k blocking keys, string-keyed Sets
// per block cost most of the full check's time and memory.
import { blockingKeyHashes, isWeakKeyHash, termsOf, WEAK_CAP_DIVISOR } from '../match/blocking';
import { comparePair, isLink, PairScratch, type PairScore } from '../match/compare';
import type { Features } from '../match/features';
import { countBucket, termWeight, type MatchModel } from '../match/model';
import { NumberTable } from './numberTable';
import { PairPrefilter } from './prefilter';

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

/** Remove one occurrence of `x` from an unordered list (swap with the last). */
function removeFrom(list: number[], x: number): void {
  const i = list.indexOf(x);
  if (i < 0) return;
  list[i] = list[list.length - 1] as number;
  list.pop();
}

/**
 * Add `x` to list `k`. An empty list is replaced by a one-element literal: most
 * blocks and terms hold one row, and a pushed-into array reserves room for 17.
 */
function addTo(lists: number[][], k: number, x: number): void {
  const list = lists[k] as number[];
  if (list.length === 0) lists[k] = [x];
  else list.push(x);
}

/** The shared list of a new block or term until its first member (never pushed into: see addTo). */
const NONE: number[] = [];

/** Grow a typed array to hold index `n` (doubling), keeping its contents. */
function grow(a: Uint32Array<ArrayBuffer>, n: number): Uint32Array<ArrayBuffer> {
  if (n < a.length) return a;
  const b = new Uint32Array(Math.max(n + 1, a.length * 2));
  b.set(a);
  return b;
}

export class Matcher {
  readonly feats = new Map<string, Features>();
  /** Linked pairs, both directions. */
  readonly edges = new Map<string, Map<string, PairScore>>();

  // Rows by internal id (ids of removed rows are reused).
  private readonly idOf = new Map<string, number>();
  private readonly keyAt: string[] = [];
  private readonly featAt: (Features | undefined)[] = [];
  private readonly freeIds: number[] = [];
  private readonly blocksOfRow: number[][] = [];
  private readonly termsOfRow: number[][] = [];
  /** Term ids of each row's name tokens (same order as Features.nameTerms), birth date and identity (-1: none). */
  private readonly nameTermsOfRow: number[][] = [];
  private readonly birthTermOfRow: number[] = [];
  private readonly identityTermOfRow: number[] = [];

  // Blocks and terms by id (ids are never reused; an empty block keeps its id).
  /** Block id by hashed key (see blockingKeyHashes): a typed table, ~900k keys on 100k rows. */
  private readonly blockId = new NumberTable();
  private readonly blockMembers: number[][] = [];
  private readonly blockCapOf: number[] = [];
  private readonly termId = new Map<string, number>();
  private readonly termMembers: number[][] = [];

  // Scratch marks by row id: "seen in this candidate list" and "already scored in this apply".
  private seenMark = new Uint32Array(1024);
  private doneMark = new Uint32Array(1024);
  private mark = 0;
  private readonly candidateList: number[] = [];
  private readonly scratch = new PairScratch();
  private readonly prefilter: PairPrefilter;

  constructor(
    private readonly model: MatchModel,
    private readonly blockCap: number,
    private readonly dismissed: ReadonlySet<string>,
  ) {
    this.prefilter = new PairPrefilter(model);
  }

  private eligible(block: number): boolean {
    const n = (this.blockMembers[block] as number[]).length;
    return n >= 2 && n <= (this.blockCapOf[block] as number);
  }

  private internBlock(key: number): number {
    let id = this.blockId.get(key);
    if (id < 0) {
      id = this.blockMembers.length;
      this.blockId.add(key, id);
      this.blockMembers.push(NONE);
      this.blockCapOf.push(isWeakKeyHash(key) ? Math.max(2, Math.floor(this.blockCap / WEAK_CAP_DIVISOR)) : this.blockCap);
    }
    return id;
  }

  private internTerm(term: string): number {
    let id = this.termId.get(term);
    if (id === undefined) {
      id = this.termMembers.length;
      this.termId.set(term, id);
      this.termMembers.push(NONE);
    }
    return id;
  }

  private termCount(id: number): number {
    return id < 0 ? 0 : (this.termMembers[id] as number[]).length;
  }

  /** Fill in a row's term-frequency weights from the current counts (see Features.weights). */
  private refreshWeights(id: number): void {
    const f = this.featAt[id] as Features;
    const w = f.weights;
    const names = this.nameTermsOfRow[id] as number[];
    for (let i = 0; i < names.length; i++) w.name[i] = Math.max(0, termWeight(this.model, this.termCount(names[i] as number)));
    const b = this.birthTermOfRow[id] as number;
    w.birth = b >= 0 ? termWeight(this.model, this.termCount(b)) : 0;
    const t = this.identityTermOfRow[id] as number;
    w.identity = t >= 0 ? termWeight(this.model, this.termCount(t)) : 0;
    this.prefilter.setWeights(id, f);
  }

  /**
   * Replace (features) or delete (null) rows, and re-score `alsoRescore`.
   * Returns the rows whose set of edges or edge scores changed.
   */
  apply(changes: Map<string, Features | null>, alsoRescore: Iterable<string> = []): Set<string> {
    // Remember the count bucket of each term and the eligibility of each block as
    // they were before this call. A term or block absent at its first touch did not
    // exist before, so all its rows are changed rows (re-scored anyway): no note.
    // Loading into an empty matcher (the full check) needs no notes at all.
    const bulk = this.feats.size === 0;
    const termBucket = new Map<number, number>();
    const blockEligible = new Map<number, boolean>();
    const noteTerm = (t: number) => {
      if (bulk || termBucket.has(t)) return;
      const n = this.termCount(t);
      if (n > 0) termBucket.set(t, countBucket(n));
    };
    const noteBlock = (k: number) => {
      if (bulk || blockEligible.has(k)) return;
      if ((this.blockMembers[k] as number[]).length > 0) blockEligible.set(k, this.eligible(k));
    };
    const rescore = new Set<number>();
    const removedIds: number[] = [];
    for (const [key, next] of changes) {
      let id = this.idOf.get(key);
      if (id !== undefined) {
        for (const t of this.termsOfRow[id] as number[]) {
          noteTerm(t);
          removeFrom(this.termMembers[t] as number[], id);
        }
        for (const k of this.blocksOfRow[id] as number[]) {
          noteBlock(k);
          removeFrom(this.blockMembers[k] as number[], id);
        }
        this.feats.delete(key);
        if (!next) {
          this.idOf.delete(key);
          this.featAt[id] = undefined;
          this.blocksOfRow[id] = [];
          this.termsOfRow[id] = [];
          this.nameTermsOfRow[id] = [];
          removedIds.push(id);
          continue;
        }
      }
      if (!next) continue;
      if (id === undefined) {
        id = this.freeIds.pop() ?? this.keyAt.length;
        this.idOf.set(key, id);
        this.keyAt[id] = key;
        this.seenMark = grow(this.seenMark, id);
        this.doneMark = grow(this.doneMark, id);
      }
      this.feats.set(key, next);
      this.featAt[id] = next;
      this.prefilter.set(id, next);
      const nameTerms = next.nameTerms.map((t) => this.internTerm(t));
      const birth = next.birthTerm ? this.internTerm(next.birthTerm) : -1;
      const identity = next.identityTerm ? this.internTerm(next.identityTerm) : -1;
      this.nameTermsOfRow[id] = nameTerms;
      this.birthTermOfRow[id] = birth;
      this.identityTermOfRow[id] = identity;
      const terms = termsOf(next).map((t) => this.internTerm(t));
      const blocks = blockingKeyHashes(next).map((k) => this.internBlock(k));
      this.termsOfRow[id] = terms;
      this.blocksOfRow[id] = blocks;
      for (const t of terms) {
        noteTerm(t);
        addTo(this.termMembers, t, id);
      }
      for (const k of blocks) {
        noteBlock(k);
        addTo(this.blockMembers, k, id);
      }
      rescore.add(id);
    }

    for (const key of alsoRescore) {
      const id = this.idOf.get(key);
      if (id !== undefined) rescore.add(id);
    }
    for (const [t, before] of termBucket) {
      if (countBucket(this.termCount(t)) === before) continue;
      for (const id of this.termMembers[t] as number[]) rescore.add(id);
    }
    // Blocks that crossed the size cap are handled pair by pair below, not by re-scoring rows.
    const blocksOn: number[] = [];
    const blocksOff: number[] = [];
    for (const [k, before] of blockEligible) {
      const now = this.eligible(k);
      if (now !== before) (now ? blocksOn : blocksOff).push(k);
    }

    // Drop the old edges of every re-scored or deleted row, remembering them for the diff.
    const old = new Map<string, PairScore>();
    const dropEdges = (key: string) => {
      const mine = this.edges.get(key);
      if (!mine) return;
      for (const [other, score] of mine) {
        old.set(pairKey(key, other), score);
        this.edges.get(other)?.delete(key);
        if (this.edges.get(other)?.size === 0) this.edges.delete(other);
      }
      this.edges.delete(key);
    };
    for (const key of changes.keys()) if (!this.feats.has(key)) dropEdges(key);
    for (const id of rescore) dropEdges(this.keyAt[id] as string);
    // Ids of removed rows are free only now: a row re-added in this call gets a fresh one.
    for (const id of removedIds) this.freeIds.push(id);

    // Term weights are cached on the features; only re-scored rows can have stale ones.
    for (const id of rescore) this.refreshWeights(id);
    const added: string[] = [];
    const done = ++this.mark;
    for (const id of rescore) {
      const f = this.featAt[id] as Features;
      const key = this.keyAt[id] as string;
      for (const other of this.candidates(id)) {
        if (this.doneMark[other] === done) continue; // that pair was decided when `other` was scored
        const otherKey = this.keyAt[other] as string;
        if (this.scoreAndLink(id, key, f, other, otherKey, this.featAt[other] as Features)) added.push(pairKey(key, otherKey));
      }
      this.doneMark[id] = done;
    }
    // A block that became too large: its pairs stay linked only if another block still joins them.
    for (const k of blocksOff) {
      const members = this.blockMembers[k] as number[];
      for (const xi of members) {
        if (rescore.has(xi)) continue;
        const x = this.keyAt[xi] as string;
        for (const [y, score] of [...(this.edges.get(x) ?? [])]) {
          const yi = this.idOf.get(y) as number;
          if (x > y || rescore.has(yi) || !members.includes(yi) || this.shareEligibleBlock(xi, yi)) continue;
          old.set(pairKey(x, y), score);
          this.unlink(x, y);
        }
      }
    }
    // A block that became small enough: its pairs are candidates now.
    for (const k of blocksOn) {
      const members = this.blockMembers[k] as number[];
      for (let i = 0; i < members.length; i++) {
        const xi = members[i] as number;
        if (rescore.has(xi)) continue;
        const x = this.keyAt[xi] as string;
        const fx = this.featAt[xi] as Features;
        for (let j = i + 1; j < members.length; j++) {
          const yi = members[j] as number;
          const y = this.keyAt[yi] as string;
          if (rescore.has(yi) || this.edges.get(x)?.has(y)) continue;
          if (this.scoreAndLink(xi, x, fx, yi, y, this.featAt[yi] as Features)) added.push(pairKey(x, y));
        }
      }
    }

    // Rows whose edges differ from before.
    const touched = new Set<string>();
    for (const [pk, score] of old) {
      const [a, b] = pk.split('\u0000') as [string, string];
      const now = this.edges.get(a)?.get(b);
      if (!now || !sameScore(now, score)) {
        touched.add(a);
        touched.add(b);
      }
    }
    for (const pk of added) {
      if (old.has(pk)) continue;
      const [a, b] = pk.split('\u0000') as [string, string];
      touched.add(a);
      touched.add(b);
    }
    return touched;
  }

  /** Score the pair and link it when it is a match; true when linked. */
  private scoreAndLink(id: number, key: string, f: Features, otherId: number, other: string, g: Features): boolean {
    // The prefilter first: it rejects most pairs without reading either row's Features.
    if (key < other ? this.prefilter.rejects(id, otherId) : this.prefilter.rejects(otherId, id)) return false;
    if (f.reference && g.reference) return false;
    if (this.dismissed.size > 0 && this.dismissed.has(pairKey(key, other))) return false;
    const score = key < other ? comparePair(f, g, this.model, true, this.scratch) : comparePair(g, f, this.model, true, this.scratch);
    if (!score || !isLink(score, this.model)) return false;
    this.link(key, other, score);
    return true;
  }

  private shareEligibleBlock(x: number, y: number): boolean {
    for (const k of this.blocksOfRow[x] as number[]) {
      if (this.eligible(k) && (this.blockMembers[k] as number[]).includes(y)) return true;
    }
    return false;
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
    for (const k of this.blocksOfRow[id] as number[]) {
      if (!this.eligible(k)) continue;
      for (const other of this.blockMembers[k] as number[]) {
        if (this.seenMark[other] === seen) continue;
        this.seenMark[other] = seen;
        out.push(other);
      }
    }
    return out;
  }

  /** Score any two rows (for explaining a pair in the UI), linked or not. */
  explain(a: string, b: string): PairScore | null {
    const fa = this.feats.get(a);
    const fb = this.feats.get(b);
    if (!fa || !fb) return null;
    return a < b ? comparePair(fa, fb, this.model) : comparePair(fb, fa, this.model);
  }
}
