// Term ids: the values whose counts give term-frequency weights (model.ts).
// One namespace per field so a name 'jakarta' and a place never mix.

export function nameTerm(token: string): string {
  return `n:${token}`;
}
export function birthTerm(iso: string): string {
  return `d:${iso}`;
}
export function identityTerm(id: string): string {
  return `i:${id}`;
}
