// Blocking: which rows are compared at all. A pair is a candidate when the two
// rows share at least one key. Several independent keys keep recall high when
// any one field is mistyped. Keys never depend on other rows (no frequencies),
// so a row's keys change only when the row does.
import type { Features } from './features';
import { byCodeUnits, sortSmall } from '../smallSort';

const MAX_NAME_TOKENS = 4;

/**
 * The distinct first MAX_NAME_TOKENS phonetic tokens, sorted (as [...new Set()].sort()
 * would give them), without the Set, spread and Array#sort buffer that made ~1.3 KB
 * of garbage per row on the full check.
 */
function blockingTokens(phonetic: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < phonetic.length && i < MAX_NAME_TOKENS; i++) {
    const t = phonetic[i] as string;
    if (!out.includes(t)) out.push(t);
  }
  return sortSmall(out, byCodeUnits);
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
  const tokens = blockingTokens(f.phonetic);
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

/** Two 32-bit FNV-style lanes over the parts of a key, packed into a safe integer; bit 0: a weak key. */
function hashKey(weak: boolean, tag: number, a: string, aFrom: number, aTo: number, b: string, bFrom: number, bTo: number, n: number): number {
  let h1 = Math.imul(0x811c9dc5 ^ tag, 0x01000193);
  let h2 = Math.imul(0x050c5d1f ^ tag, 0x5bd1e995);
  for (let i = aFrom; i < aTo; i++) {
    const c = a.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  h1 = Math.imul(h1 ^ 0xffff, 0x01000193);
  h2 = Math.imul(h2 ^ 0xffff, 0x5bd1e995) ^ (h2 >>> 15);
  for (let i = bFrom; i < bTo; i++) {
    const c = b.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  h1 = Math.imul(h1 ^ (n | 0), 0x01000193);
  h2 = Math.imul(h2 ^ (n | 0), 0x5bd1e995) ^ (h2 >>> 13);
  return ((h1 >>> 0) * 0x100000 + (h2 >>> 12)) * 2 + (weak ? 1 : 0);
}

/** Is a hashed key (see blockingKeyHashes) a weak one? */
export function isWeakKeyHash(hash: number): boolean {
  return hash % 2 === 1;
}

/**
 * The same keys as blockingKeys, as numbers, built without making a string per
 * key (the full check makes ~9 per row). Two different keys may, very rarely,
 * get the same number: their blocks merge, which only adds candidate pairs.
 */
export function blockingKeyHashes(f: Features): number[] {
  const out: number[] = [];
  const add = (h: number) => {
    if (!out.includes(h)) out.push(h);
  };
  const I = 73;
  const J = 74;
  const K = 75;
  const L = 76;
  if (f.identity) {
    const id = f.identity;
    const len = id.length;
    add(hashKey(false, I, id, 0, len, '', 0, 0, 0));
    if (len === 16) {
      add(hashKey(false, J, id, 0, 12, '', 0, 0, -16));
      add(hashKey(false, L, id, 6, 16, '', 0, 0, -16));
    } else {
      const t1 = Math.floor(len / 3);
      const t2 = Math.floor((2 * len) / 3);
      add(hashKey(false, J, id, 0, t2, '', 0, 0, len));
      add(hashKey(false, K, id, 0, t1, id, t2, len, len));
      add(hashKey(false, L, id, t1, len, '', 0, 0, len));
    }
  }
  const b = f.birth;
  if (b) add(hashKey(false, 68 /* D */, '', 0, 0, '', 0, 0, b.y * 10000 + Math.min(b.m, b.d) * 100 + Math.max(b.m, b.d)));
  const tokens = blockingTokens(f.phonetic);
  for (let i = 0; i < tokens.length; i++) {
    const ti = tokens[i] as string;
    for (let j = i + 1; j < tokens.length; j++) {
      const tj = tokens[j] as string;
      add(hashKey(false, 80 /* P */, ti, 0, ti.length, tj, 0, tj.length, 0));
    }
  }
  for (const t of tokens) {
    add(hashKey(true, 89 /* Y */, t, 0, t.length, '', 0, 0, b ? b.y : -1));
    if (b) add(hashKey(true, 77 /* M */, t, 0, t.length, '', 0, 0, b.m * 100 + b.d));
  }
  return out;
}
