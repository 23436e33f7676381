// Whether a row, or a row's findings, is the same as before: an unchanged row is
// not checked again, and unchanged findings are not reported.
import type { Finding } from '../findings';
import type { RecordRow } from '../schema';

/** Whether two rows' lostDigits name the same cells (absent and empty alike: none). */
function sameLost(a: RecordRow['lostDigits'], b: RecordRow['lostDigits']): boolean {
  if (a === b) return true;
  const none = (l: RecordRow['lostDigits']) => l === undefined || l.length === 0;
  if (none(a) || none(b)) return none(a) && none(b);
  return a?.includes('nik') === b?.includes('nik') && a?.includes('no_kk') === b?.includes('no_kk');
}

/** Same source, position, cell values and cells known to have lost digits (the row object may be new). */
export function sameRow(a: RecordRow, b: RecordRow): boolean {
  if (a.source !== b.source || a.position !== b.position) return false;
  if (!sameLost(a.lostDigits, b.lostDigits)) return false;
  const ka = Object.keys(a.values);
  const kb = Object.keys(b.values);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (a.values[k as keyof RecordRow['values']] !== b.values[k as keyof RecordRow['values']]) return false;
  return true;
}

function sameParams(a: Finding['params'], b: Finding['params']): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}

/** Same findings in the same order (compared field by field: cheaper than keeping JSON of every row). */
export function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Finding;
    const y = b[i] as Finding;
    if (x.row !== y.row || x.code !== y.code || x.column !== y.column || x.severity !== y.severity || x.message !== y.message) return false;
    if (!sameParams(x.params, y.params)) return false;
  }
  return true;
}
