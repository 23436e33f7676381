// Term ids: the values whose counts give term-frequency weights (model.ts).
// One namespace per field so a name 'jakarta' and a place never mix. Identity
// numbers need no prefix: the matcher counts them in a table of their own
// (a prefixed string per row was a second copy of every NIK).

export function nameTerm(token: string): string {
  return `n:${token}`;
}
export function birthTerm(iso: string): string {
  return `d:${iso}`;
}
