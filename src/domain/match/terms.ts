// Term ids: the values whose counts give term-frequency weights (model.ts).
// One namespace per field so a name 'jakarta' and a place never mix. Identity
// numbers need no prefix: the matcher counts them in a table of their own
// (a prefixed string per row was a second copy of every NIK).
import { allDigitsAt, digitsAt } from '../digits';

export function nameTerm(token: string): string {
  return `n:${token}`;
}
export function birthTerm(iso: string): string {
  return `d:${iso}`;
}

/**
 * A birth date's term (birthTerm of 'YYYY-MM-DD') as the number YYYYMMDD, so the matcher
 * can count dates in a numeric table; -1 for any other text. One-to-one on those terms.
 */
export function birthTermYmd(term: string): number {
  if (term.length !== 12 || !term.startsWith('d:') || term.charCodeAt(6) !== 45 || term.charCodeAt(9) !== 45) return -1;
  if (!allDigitsAt(term, 2, 4) || !allDigitsAt(term, 7, 2) || !allDigitsAt(term, 10, 2)) return -1;
  return digitsAt(term, 2, 4) * 10000 + digitsAt(term, 7, 2) * 100 + digitsAt(term, 10, 2);
}
