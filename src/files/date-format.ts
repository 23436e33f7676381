// Does an Excel number format show a date? Needed to tell a date serial
// (45123 = 2023-07-15) from a plain number in an .xlsx cell.

/** Built-in number formats that are dates or times (ECMA-376 §18.8.30, plus the East Asian ids Excel uses). */
export const BUILTIN_DATE_FORMAT_IDS: ReadonlySet<number> = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** A custom format code is a date if, outside quoted text, escapes and [..] sections, it uses d, m, y, h or s. */
export function isDateFormat(code: string): boolean {
  // Only the first section (positive numbers) matters for how a serial is shown.
  let out = '';
  let i = 0;
  while (i < code.length) {
    const ch = code[i] as string;
    if (ch === '"') {
      const e = code.indexOf('"', i + 1);
      i = e < 0 ? code.length : e + 1;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      i += 2;
    } else if (ch === '[') {
      const e = code.indexOf(']', i + 1);
      const inner = code.slice(i + 1, e < 0 ? code.length : e).toLowerCase();
      // [h], [mm], [ss]: elapsed time, still a time of day/date-ish serial.
      if (/^(h+|m+|s+)$/.test(inner)) out += inner;
      i = e < 0 ? code.length : e + 1;
    } else if (ch === ';') {
      break;
    } else {
      out += ch;
      i++;
    }
  }
  return /[dmyhs]/i.test(out.replace(/general/gi, ''));
}
