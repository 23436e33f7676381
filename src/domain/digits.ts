// Reading ASCII digits by character: the per-row parsers (dates, NIK, No KK,
// RT/RW, addresses, names) run on every cell of a 100k-row check, where a regex or a
// slice per value showed in the profile.

/** True when every character of `s` is an ASCII digit ('' included). */
export function isAllDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** True when `s` has at least one ASCII digit. */
export function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** The number written by the `n` ASCII digits of `s` from index `i` (the caller knows they are digits). */
export function digitsAt(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) v = v * 10 + s.charCodeAt(k) - 48;
  return v;
}

/** True when `s` has `n` ASCII digits from index `i`. */
export function allDigitsAt(s: string, i: number, n: number): boolean {
  if (s.length < i + n) return false;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
