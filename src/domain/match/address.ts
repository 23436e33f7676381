// Address tokens for comparison: lower case, punctuation dropped, the usual
// Indonesian abbreviations spelled out, filler words dropped. "Jl. Merdeka
// No.5 RT 02/03" and "JALAN MERDEKA 5" give the same street tokens.

import { digitsAt, isAllDigits } from '../digits';
import { emptyList } from '../emptyList';

const EXPAND: Record<string, string> = {
  jl: 'jalan',
  jln: 'jalan',
  gg: 'gang',
  kp: 'kampung',
  kpg: 'kampung',
  dk: 'dukuh',
  dsn: 'dusun',
  ds: 'desa',
  kel: 'kelurahan',
  kec: 'kecamatan',
  perum: 'perumahan',
  blk: 'blok',
  st: 'street',
  rd: 'road',
};

// Words that say what kind of thing follows, not which one.
const FILLER = new Set(['no', 'nomor', 'nmr', 'rt', 'rw', 'kelurahan', 'kecamatan', 'desa']);

/** Address tokens in order (house numbers kept, leading zeros dropped). */
export function addressTokens(raw: string | undefined): string[] {
  // emptyList, not []: a blank or '-' address is then the same kind of array as a full one.
  const out = emptyList<string>();
  if (!raw) return out;
  const parts = raw.toLowerCase().split(/[^a-z0-9]+/);
  // An index loop: for-of makes an iterator per call until optimised.
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (!part) continue;
    const word = /^\d+$/.test(part) ? String(Number(part)) : (EXPAND[part] ?? part);
    if (FILLER.has(word)) continue;
    out.push(word);
  }
  return out;
}

/** A place name (kelurahan, kecamatan, tempat lahir) reduced to compare equal across spellings. */
export function placeKey(raw: string | undefined): string {
  if (!raw) return '';
  return raw
    .toLowerCase()
    .replace(/\b(kelurahan|kel|desa|ds|kecamatan|kec|kabupaten|kab|kota)\b\.?/g, ' ')
    .replace(/oe/g, 'u')
    .replace(/dj/g, 'j')
    .replace(/tj/g, 'c')
    .replace(/[^a-z0-9]+/g, '');
}

/** RT or RW as a number string ("002" → "2"), '' when absent. */
export function neighbourhoodNumber(raw: string | undefined): string {
  if (!raw) return '';
  // Nearly every cell is a few digits ('003'): read by character, no regex or string-to-number.
  if (isAllDigits(raw)) return String(raw.length <= 9 ? digitsAt(raw, 0, raw.length) : Number(raw));
  const digits = raw.replace(/\D+/g, '');
  return digits ? String(Number(digits)) : '';
}
