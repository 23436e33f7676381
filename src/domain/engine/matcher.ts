// The matcher's incremental state: features per row, blocking index, term
// counts and linked pairs ("edges"). `apply` takes changed and removed rows and
// re-scores exactly the rows whose pairs can have changed:
//  - the changed rows themselves;
//  - rows sharing a term whose count crossed a power of two (its weight moved);
//  - rows of a block that crossed the block-size cap (candidates appeared/vanished);
//  - both rows of a pair whose decision changed.
// It returns the rows whose edges changed, so groups and findings can follow.
import { blockingKeys, isWeakKey, termsOf, WEAK_CAP_DIVISOR } from '../match/blocking';
import { comparePair, isLink, refreshWeights, type PairScore } from '../match/compare';
import type { Features } from '../match/features';
import { countBucket, type MatchModel } from '../match/model';

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

export class Matcher {
  readonly feats = new Map<string, Features>();
  private readonly keysOf = new Map<string, string[]>();
  private readonly termsOfRow = new Map<string, string[]>();
  private readonly blocks = new Map<string, Set<string>>();
  private readonly terms = new Map<string, Set<string>>();
  /** Linked pairs, both directions. */
  readonly edges = new Map<string, Map<string, PairScore>>();

  constructor(
    private readonly model: MatchModel,
    private readonly blockCap: number,
    private readonly dismissed: ReadonlySet<string>,
  ) {}

  readonly count = (term: string): number => this.terms.get(term)?.size ?? 0;

  private eligible(key: string, size: number): boolean {
    return size >= 2 && size <= (isWeakKey(key) ? Math.max(2, Math.floor(this.blockCap / WEAK_CAP_DIVISOR)) : this.blockCap);
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
    const termBucket = new Map<string, number>();
    const blockEligible = new Map<string, boolean>();
    const noteTerm = (t: string) => {
      if (bulk || termBucket.has(t)) return;
      const n = this.count(t);
      if (n > 0) termBucket.set(t, countBucket(n));
    };
    const noteBlock = (k: string) => {
      if (bulk || blockEligible.has(k)) return;
      const set = this.blocks.get(k);
      if (set) blockEligible.set(k, this.eligible(k, set.size));
    };
    for (const [key, next] of changes) {
      for (const t of this.termsOfRow.get(key) ?? []) {
        noteTerm(t);
        const set = this.terms.get(t);
        set?.delete(key);
        if (set && set.size === 0) this.terms.delete(t);
      }
      for (const k of this.keysOf.get(key) ?? []) {
        noteBlock(k);
        const set = this.blocks.get(k);
        set?.delete(key);
        if (set && set.size === 0) this.blocks.delete(k);
      }
      this.feats.delete(key);
      this.keysOf.delete(key);
      this.termsOfRow.delete(key);
      if (!next) continue;
      const terms = termsOf(next);
      const keys = blockingKeys(next);
      this.feats.set(key, next);
      this.termsOfRow.set(key, terms);
      this.keysOf.set(key, keys);
      for (const t of terms) {
        noteTerm(t);
        let set = this.terms.get(t);
        if (!set) this.terms.set(t, (set = new Set()));
        set.add(key);
      }
      for (const k of keys) {
        noteBlock(k);
        let set = this.blocks.get(k);
        if (!set) this.blocks.set(k, (set = new Set()));
        set.add(key);
      }
    }

    const rescore = new Set<string>();
    for (const key of changes.keys()) if (this.feats.has(key)) rescore.add(key);
    for (const key of alsoRescore) if (this.feats.has(key)) rescore.add(key);
    for (const [t, before] of termBucket) {
      if (countBucket(this.count(t)) === before) continue;
      for (const key of this.terms.get(t) ?? []) rescore.add(key);
    }
    // Blocks that crossed the size cap are handled pair by pair below, not by re-scoring rows.
    const blocksOn: string[] = [];
    const blocksOff: string[] = [];
    for (const [k, before] of blockEligible) {
      const now = this.eligible(k, this.blocks.get(k)?.size ?? 0);
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
    for (const key of rescore) dropEdges(key);

    // Term weights are cached on the features; only re-scored rows can have stale ones.
    for (const key of rescore) refreshWeights(this.feats.get(key) as Features, this.count, this.model);
    const added: string[] = [];
    const done = new Set<string>();
    for (const key of rescore) {
      const f = this.feats.get(key) as Features;
      for (const other of this.candidates(key)) {
        if (done.has(other)) continue; // that pair was decided when `other` was scored
        if (this.scoreAndLink(key, f, other)) added.push(pairKey(key, other));
      }
      done.add(key);
    }
    // A block that became too large: its pairs stay linked only if another block still joins them.
    for (const k of blocksOff) {
      const members = this.blocks.get(k);
      if (!members) continue;
      for (const x of members) {
        if (rescore.has(x)) continue;
        for (const [y, score] of [...(this.edges.get(x) ?? [])]) {
          if (x > y || rescore.has(y) || !members.has(y) || this.shareEligibleBlock(x, y)) continue;
          old.set(pairKey(x, y), score);
          this.unlink(x, y);
        }
      }
    }
    // A block that became small enough: its pairs are candidates now.
    for (const k of blocksOn) {
      const members = [...(this.blocks.get(k) ?? [])];
      for (let i = 0; i < members.length; i++) {
        const x = members[i] as string;
        if (rescore.has(x)) continue;
        const fx = this.feats.get(x) as Features;
        for (let j = i + 1; j < members.length; j++) {
          const y = members[j] as string;
          if (rescore.has(y) || this.edges.get(x)?.has(y)) continue;
          if (this.scoreAndLink(x, fx, y)) added.push(pairKey(x, y));
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
  private scoreAndLink(key: string, f: Features, other: string): boolean {
    const g = this.feats.get(other) as Features;
    if (f.reference && g.reference) return false;
    if (this.dismissed.size > 0 && this.dismissed.has(pairKey(key, other))) return false;
    const score = key < other ? comparePair(f, g, this.model, true) : comparePair(g, f, this.model, true);
    if (!score || !isLink(score, this.model)) return false;
    this.link(key, other, score);
    return true;
  }

  private shareEligibleBlock(x: string, y: string): boolean {
    for (const k of this.keysOf.get(x) ?? []) {
      const set = this.blocks.get(k);
      if (set && set.has(y) && this.eligible(k, set.size)) return true;
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

  /** Rows sharing at least one eligible block with `key` (a set reused between calls). */
  private readonly candidateSet = new Set<string>();

  candidates(key: string): Set<string> {
    const out = this.candidateSet;
    out.clear();
    for (const k of this.keysOf.get(key) ?? []) {
      const set = this.blocks.get(k);
      if (!set || !this.eligible(k, set.size)) continue;
      for (const other of set) if (other !== key) out.add(other);
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
