// Blocking: which rows are compared at all. A pair is a candidate when the two
// rows share at least one key. Several independent keys keep recall high when
// any one field is mistyped. Keys never depend on other rows (no frequencies),
// so a row's keys change only when the row does.
import type { Features } from './features';

const MAX_NAME_TOKENS = 4;

/**
 * The distinct first MAX_NAME_TOKENS phonetic tokens, sorted (as [...new Set()].sort()
 * would give them), into out[0 .. count - 1]; returns the count. No Set, spread or
 * Array#sort buffer (~1.3 KB of garbage per row on the full check), and `out` is
 * never emptied: setting an array's length to 0 drops its storage, a new one per row.
 */
function blockingTokens(phonetic: readonly string[], out: string[]): number {
  let n = 0;
  for (let i = 0; i < phonetic.length && i < MAX_NAME_TOKENS; i++) {
    const t = phonetic[i] as string;
    let seen = false;
    for (let k = 0; k < n; k++) if (out[k] === t) seen = true;
    if (seen) continue;
    // Insertion into the sorted prefix (by UTF-16 code units, as sort() orders strings).
    let k = n++;
    while (k > 0 && (out[k - 1] as string) > t) {
      out[k] = out[k - 1] as string;
      k--;
    }
    out[k] = t;
  }
  return n;
}

/**
 * Weak keys (one name token with part of the birth date) only rescue rows with
 * several fields mistyped; they get a smaller block cap so common names
 * ('siti', 'muhammad') do not flood the comparisons.
 */
export function isWeakKey(key: string): boolean {
  return key.charCodeAt(0) === 89 /* Y */ || key.charCodeAt(0) === 77 /* M */;
}

export const WEAK_CAP_DIVISOR = 5;

export function blockingKeys(f: Features): string[] {
  const keys = new Set<string>();
  // 1. The identity number, and the number minus one of its segments, so a
  //    one-digit typo still meets. A NIK's segments are region (6), birth date (6)
  //    and serial (4); dropping the birth date would leave region + serial, which
  //    thousands share, so that key is not made. Other numbers: thirds.
  if (f.identity) {
    const id = f.identity;
    keys.add(`I${id}`);
    if (id.length === 16) {
      keys.add(`J${id.slice(0, 12)}`);
      keys.add(`L${id.slice(6)}`);
    } else {
      const t1 = Math.floor(id.length / 3);
      const t2 = Math.floor((2 * id.length) / 3);
      keys.add(`J${id.length}:${id.slice(0, t2)}`);
      keys.add(`K${id.length}:${id.slice(0, t1)}|${id.slice(t2)}`);
      keys.add(`L${id.length}:${id.slice(t1)}`);
    }
  }
  // 2. Birth date, day and month in either order (catches a swap).
  const b = f.birth;
  if (b) keys.add(`D${b.y}-${Math.min(b.m, b.d)}-${Math.max(b.m, b.d)}`);
  // 3. Every pair of (phonetic) name tokens, in any order: a changed birth date still meets.
  const tokens: string[] = [];
  tokens.length = blockingTokens(f.phonetic, tokens);
  for (let i = 0; i < tokens.length; i++) {
    for (let j = i + 1; j < tokens.length; j++) keys.add(`P${tokens[i]} ${tokens[j]}`);
  }
  // 4. Each name token with the birth year, and with the day and month: a typo in
  //    the other token, or in the year, still meets.
  for (const t of tokens) {
    keys.add(`Y${t}|${b ? b.y : '?'}`);
    if (b) keys.add(`M${t}|${b.m}-${b.d}`);
  }
  return [...keys];
}

/** Is a hashed key (see blockingKeyHashes) a weak one? */
export function isWeakKeyHash(hash: number): boolean {
  return hash % 2 === 1;
}

/** The most keys a row can have: 4 identity, 1 date, 6 token pairs, 4 + 4 token keys. */
const MAX_KEYS = 19;

const I = 73;
const J = 74;
const K = 75;
const L = 76;
const D = 68;
const P = 80;
const Y = 89;
const M = 77;

/**
 * The same keys as blockingKeys, as numbers, built without making a string per
 * key (the full check makes ~9 per row) or any array: a matcher keeps one hasher
 * and reads each row's numbers from `keys`. Two different keys may, very rarely,
 * get the same number: their blocks merge, which only adds candidate pairs.
 *
 * A key's number is two 32-bit FNV-style lanes over its tag, first part, a
 * separator, second part and a number, packed into a safe integer; bit 0 says
 * a weak key. The lanes are the hasher's fields h1/h2 while a key is built.
 */
export class BlockingKeyHasher {
  /** The numbers of the last row hashed: keys[0 .. count - 1], in blockingKeys' order. */
  readonly keys = new Float64Array(MAX_KEYS);
  count = 0;
  private h1 = 0;
  private h2 = 0;
  private readonly tokens: string[] = Array.from({ length: MAX_NAME_TOKENS }, () => '');

  /** Hash the keys of `f` into `keys`; returns their count. */
  hash(f: Features): number {
    this.count = 0;
    if (f.identity) {
      const id = f.identity;
      const len = id.length;
      this.start(I, id, 0, len);
      this.add(false, 0);
      if (len === 16) {
        this.start(J, id, 0, 12);
        this.add(false, -16);
        this.start(L, id, 6, 16);
        this.add(false, -16);
      } else {
        const t1 = Math.floor(len / 3);
        const t2 = Math.floor((2 * len) / 3);
        this.start(J, id, 0, t2);
        this.add(false, len);
        this.start(K, id, 0, t1);
        this.mix(id, t2, len);
        this.add(false, len);
        this.start(L, id, t1, len);
        this.add(false, len);
      }
    }
    const b = f.birth;
    if (b) {
      this.start(D, '', 0, 0);
      this.add(false, b.y * 10000 + Math.min(b.m, b.d) * 100 + Math.max(b.m, b.d));
    }
    const tokens = this.tokens;
    const count = blockingTokens(f.phonetic, tokens);
    for (let i = 0; i < count; i++) {
      const ti = tokens[i] as string;
      for (let j = i + 1; j < count; j++) {
        const tj = tokens[j] as string;
        this.start(P, ti, 0, ti.length);
        this.mix(tj, 0, tj.length);
        this.add(false, 0);
      }
    }
    for (let i = 0; i < count; i++) {
      const t = tokens[i] as string;
      this.start(Y, t, 0, t.length);
      this.add(true, b ? b.y : -1);
      if (b) {
        this.start(M, t, 0, t.length);
        this.add(true, b.m * 100 + b.d);
      }
    }
    return this.count;
  }

  /** Begin a key: its tag, its first part a[from .. to), and the separator. */
  private start(tag: number, a: string, from: number, to: number): void {
    this.h1 = Math.imul(0x811c9dc5 ^ tag, 0x01000193);
    this.h2 = Math.imul(0x050c5d1f ^ tag, 0x5bd1e995);
    this.mix(a, from, to);
    this.h1 = Math.imul(this.h1 ^ 0xffff, 0x01000193);
    this.h2 = Math.imul(this.h2 ^ 0xffff, 0x5bd1e995) ^ (this.h2 >>> 15);
  }

  /** Mix the characters s[from .. to) into the key being built. */
  private mix(s: string, from: number, to: number): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /** End the key with the number n and keep it unless the row has it already. */
  private add(weak: boolean, n: number): void {
    const h1 = Math.imul(this.h1 ^ (n | 0), 0x01000193);
    const h2 = Math.imul(this.h2 ^ (n | 0), 0x5bd1e995) ^ (this.h2 >>> 13);
    const h = ((h1 >>> 0) * 0x100000 + (h2 >>> 12)) * 2 + (weak ? 1 : 0);
    for (let i = 0; i < this.count; i++) if (this.keys[i] === h) return;
    this.keys[this.count++] = h;
  }
}

/** The numbers of `f`'s keys (see BlockingKeyHasher), as a new array. */
export function blockingKeyHashes(f: Features, hasher = new BlockingKeyHasher()): number[] {
  return Array.from(hasher.keys.subarray(0, hasher.hash(f)));
}
