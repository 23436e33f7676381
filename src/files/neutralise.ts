// Formula injection (CSV injection): a cell that begins with = + - @ (or a tab
// or carriage return, which some spreadsheet apps strip before evaluating)
// could run as a formula when the file is opened. Such text is neutralised.

const TRIGGER = /^[=+\-@\t\r]/;

export function isFormulaLike(text: string): boolean {
  return TRIGGER.test(text);
}

/** CSV: prefix a single quote, the convention spreadsheet apps show as text. Import strips it again (cell-values.ts). */
export function neutraliseForCsv(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}
