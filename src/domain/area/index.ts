// Kemendagri region codes (province 2 digits, kab/kota 4, kecamatan 6) and their
// names, parsed once from the generated AREA_DATA into read-only maps. Maps are
// keyed by the code as a number: looking up a freshly sliced string costs a hash
// of it on every row, a small integer does not.
import { AREA_DATA } from './codes';
import { allDigitsAt, digitsAt } from '../digits';

export interface AreaIndex {
  readonly provinces: ReadonlyMap<number, string>;
  readonly regencies: ReadonlyMap<number, string>;
  readonly districts: ReadonlyMap<number, string>;
  /** District names through normalizeAreaName, for comparing with what a row says. */
  readonly districtKeys: ReadonlyMap<number, string>;
  /** regionOf's answer for each known district, shared: every row's NIK and No KK would slice three codes. */
  readonly regions: ReadonlyMap<number, Readonly<RegionCodes>>;
}

function buildIndex(data: string): AreaIndex {
  const provinces = new Map<number, string>();
  const regencies = new Map<number, string>();
  const districts = new Map<number, string>();
  for (const line of data.split('\n')) {
    const eq = line.indexOf('=');
    const code = line.slice(0, eq);
    if (code.length === 2) {
      provinces.set(Number(code), line.slice(eq + 1));
      continue;
    }
    const colon = line.indexOf(':', eq);
    regencies.set(Number(code), line.slice(eq + 1, colon));
    const list = line.slice(colon + 1);
    if (!list) continue;
    for (const d of list.split('|')) districts.set(Number(code + d.slice(0, 2)), d.slice(2));
  }
  const districtKeys = new Map([...districts].map(([code, name]) => [code, normalizeAreaName(name)]));
  const regions = new Map<number, Readonly<RegionCodes>>();
  for (const code of districts.keys()) {
    // Province codes start at 11: six digits, no leading zero.
    const district = String(code);
    // Frozen: one object per district is shared by every NIK and No KK parsed there.
    if (provinces.has(Math.floor(code / 10000))) regions.set(code, Object.freeze({ province: district.slice(0, 2), regency: district.slice(0, 4), district }));
  }
  return { provinces, regencies, districts, districtKeys, regions };
}

/** Built at module load: ~7,800 entries, a few milliseconds; never mutated. */
export const AREAS: AreaIndex = buildIndex(AREA_DATA);

/** All 6-digit kecamatan codes, as strings ('337501'). */
export function districtCodes(): string[] {
  return [...AREAS.districts.keys()].map((n) => String(n).padStart(6, '0'));
}

/** The code as a number when it is exactly `length` digits, else -1. */
function codeNumber(code: string, length: number): number {
  if (typeof code !== 'string' || code.length !== length) return -1;
  let n = 0;
  for (let i = 0; i < length; i++) {
    const c = code.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

export const provinceName = (code2: string): string | undefined => AREAS.provinces.get(codeNumber(code2, 2));
export const regencyName = (code4: string): string | undefined => AREAS.regencies.get(codeNumber(code4, 4));
export const districtName = (code6: string): string | undefined => AREAS.districts.get(codeNumber(code6, 6));
export const districtKey = (code6: string): string | undefined => AREAS.districtKeys.get(codeNumber(code6, 6));

export type RegionProblem = 'province-unknown' | 'regency-unknown' | 'district-unknown';

export interface RegionCodes {
  province?: string;
  regency?: string;
  district?: string;
  problem?: RegionProblem;
}

/**
 * The region in the first six digits of a NIK or No KK (the caller has checked
 * they are digits): the codes that exist, and the first level that does not.
 */
export function regionOf(digits: string): Readonly<RegionCodes> {
  // The codes read by character (no slice per level): every row has two such numbers.
  if (!allDigitsAt(digits, 0, 6)) return { problem: 'province-unknown' };
  const known = AREAS.regions.get(digitsAt(digits, 0, 6));
  if (known) return known;
  // An unknown code: say which level is unknown.
  const p = digitsAt(digits, 0, 2);
  if (!AREAS.provinces.has(p)) return { problem: 'province-unknown' };
  const r = p * 100 + digitsAt(digits, 2, 2);
  if (!AREAS.regencies.has(r)) return { province: digits.slice(0, 2), problem: 'regency-unknown' };
  return { province: digits.slice(0, 2), regency: digits.slice(0, 4), problem: 'district-unknown' };
}

/** Lowercase, no "Kabupaten/Kota/Kecamatan/Kec." prefix, letters and digits only: for comparing area names. */
export function normalizeAreaName(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/^\s*(kabupaten|kab\.?|kota|kecamatan|kec\.?|kelurahan|kel\.?|desa)\s+/, '')
    .replace(/[^a-z0-9]+/g, '');
}
