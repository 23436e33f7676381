// Blocking: which rows are compared at all. A pair is a candidate when the two
// rows share at least one key. Several independent keys keep recall high when
// any one field is mistyped. Keys never depend on other rows (no frequencies),
// so a row's keys change only when the row does.
import type { Features } from './features';

/** The terms of a row whose counts weight its comparisons. */
export function termsOf(f: Features): string[] {
  const out = new Set<string>(f.nameTerms);
  if (f.birthTerm) out.add(f.birthTerm);
  if (f.identityTerm) out.add(f.identityTerm);
  return [...out];
}

const MAX_NAME_TOKENS = 4;

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
  const tokens = [...new Set(f.phonetic.slice(0, MAX_NAME_TOKENS))].sort();
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
