// Rupiah amounts as officers type them. Indonesian notation: '.' groups
// thousands and ',' marks decimals ('Rp1.250.000,00'); words for millions
// ('2,5 juta', '1,25 jt', '500 rb'). Amounts are whole rupiah.

import { isAllDigits } from './digits';

const MULTIPLIERS: ReadonlyArray<[RegExp, number]> = [
  [/(miliar|milyar|m)$/, 1_000_000_000],
  [/(juta|jt|j)$/, 1_000_000],
  [/(ribu|rb|k)$/, 1_000],
];

/**
 * '1250000', 'Rp1.250.000', 'Rp. 1.250.000', 'Rp 1.250.000' — most cells — in a
 * single scan; undefined for anything else (then the general parser decides).
 */
function parseCommonForm(s: string): number | undefined {
  let i = 0;
  if ((s[0] === 'R' || s[0] === 'r') && (s[1] === 'p' || s[1] === 'P')) {
    i = 2;
    if (s[i] === '.') i++;
    if (s[i] === ' ') i++;
  }
  let n = 0;
  let group = 0;
  let groups = 0;
  if (i >= s.length || s.length - i > 19) return undefined;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      group++;
    } else if (c === 46 && group > 0 && (groups === 0 ? group <= 3 : group === 3)) {
      groups++;
      group = 0;
    } else return undefined;
  }
  if (groups > 0 && group !== 3) return undefined;
  return Number.isSafeInteger(n) ? n : undefined;
}

const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** A plain number in Indonesian or English notation; null when it is not one. */
function parseNumber(s: string, hasMultiplier: boolean): number | null {
  if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s)) return null;
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let normalized: string;
  if (dots && commas) {
    // The later separator is the decimal one: '1.250.000,50' or '1,250,000.50'.
    const decimal = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    if (s.split(decimal).length !== 2) return null;
    normalized = s.split(group).join('').replace(decimal, '.');
    if (!validGroups(s.split(decimal)[0] ?? '', group)) return null;
  } else if (dots || commas) {
    const sep = dots ? '.' : ',';
    const count = dots || commas;
    const tail = s.slice(s.lastIndexOf(sep) + 1);
    // One separator followed by exactly three digits groups thousands, unless a
    // multiplier follows ('1.500 jt' is odd; '1,5 jt' is 1.5 million).
    const grouping = count > 1 || (tail.length === 3 && !hasMultiplier);
    if (grouping) {
      if (!validGroups(s, sep)) return null;
      normalized = s.split(sep).join('');
    } else {
      normalized = s.replace(sep, '.');
    }
  } else {
    normalized = s;
  }
  const n = Number(normalized);
  return Number.isFinite(n) ? n : null;
}

function validGroups(s: string, sep: string): boolean {
  const groups = s.split(sep);
  return groups.slice(1).every((g) => g.length === 3) && (groups[0] ?? '').length >= 1 && (groups[0] ?? '').length <= 3;
}

/**
 * 'Rp1.250.000' → 1250000; '1.250.000,00', '1250000', 'Rp 1,25 jt', '2,5 juta',
 * '500rb', 'IDR 750.000,-' also work. Null for anything else (including
 * negatives and empty cells); the result is rounded to whole rupiah.
 */
export function parseRupiah(raw: string): number | null {
  if (typeof raw !== 'string') return null;
  const fast = parseCommonForm(raw);
  if (fast !== undefined) return fast;
  let s = (PLAIN_ASCII.test(raw) ? raw : raw.normalize('NFKC')).toLowerCase().replace(/\s+/g, '');
  s = s.replace(/^(rp\.?|idr)/, '').replace(/[.,]-+$/, '').replace(/\/(bln|bulan)$/, '');
  if (!s || s.length > 40) return null;
  let multiplier = 1;
  for (const [re, m] of MULTIPLIERS) {
    if (re.test(s)) {
      s = s.replace(re, '');
      multiplier = m;
      break;
    }
  }
  const n = parseNumber(s, multiplier !== 1);
  if (n === null) return null;
  const value = Math.round(n * multiplier);
  return Number.isSafeInteger(value) ? value : null;
}

/** 1250000 → 'Rp1.250.000' (negative: '-Rp1.250.000'). */
export function formatRupiah(n: number): string {
  if (!Number.isFinite(n)) return '';
  const whole = Math.round(Math.abs(n));
  const digits = String(whole);
  // A dot before each group of three from the right, group by group: a lookahead regex
  // allocated its matches for every income finding.
  // Amounts of 1e21 and more are written with an exponent ('1e+21'): left ungrouped.
  const head = isAllDigits(digits) ? digits.length % 3 || 3 : digits.length;
  let out = (n < 0 && whole !== 0 ? '-Rp' : 'Rp') + digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += '.' + digits.slice(i, i + 3);
  return out;
}
