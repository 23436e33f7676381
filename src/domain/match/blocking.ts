// Blocking: which rows are compared at all. A pair is a candidate when the two
// rows share at least one key. Several independent keys keep recall high when
// any one field is mistyped. Keys never depend on other rows (no frequencies),
// so a row's keys change only when the row does.
import type { Features } from './features';

/** Term ids counted for term-frequency weights (see model.ts). */
export function nameTerm(token: string): string {
  return `n:${token}`;
}
export function birthTerm(iso: string): string {
  return `d:${iso}`;
}
export function identityTerm(id: string): string {
  return `i:${id}`;
}

/** The terms of a row whose counts weight its comparisons. */
export function termsOf(f: Features): string[] {
  const out = new Set<string>();
  for (const t of f.name) out.add(nameTerm(t));
  if (f.birth) out.add(birthTerm(f.birth.iso));
  if (f.identity) out.add(identityTerm(f.identity));
  return [...out];
}

const MAX_NAME_TOKENS = 4;

export function blockingKeys(f: Features): string[] {
  const keys = new Set<string>();
  // 1. The identity number, and each half of it (a one-digit typo leaves one half intact).
  if (f.identity) {
    const id = f.identity;
    const half = Math.floor(id.length / 2);
    keys.add(`I${id}`);
    keys.add(`H${id.length}:${id.slice(0, half)}`);
    keys.add(`J${id.length}:${id.slice(half)}`);
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
