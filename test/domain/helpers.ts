// Seeded randomness for the domain's property tests: the same seed gives the
// same cases on every machine, and a failing case prints its seed.
import { districtCodes } from '../../src/domain/area/index';

export type Rng = () => number;

/** mulberry32: tiny, fast, good enough for test data. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-/\'"()_:;!?+eE\t\n\u00a0é ñ ü ç 中 ✓ \u0301';

/** Arbitrary short strings, biased towards the characters parsers care about. */
export function randomString(rng: Rng, maxLen = 30): string {
  const n = int(rng, 0, maxLen);
  let s = '';
  for (let i = 0; i < n; i++) s += rng() < 0.05 ? String.fromCharCode(int(rng, 0, 0xffff)) : pick(rng, [...ALPHABET]);
  return s;
}

const DISTRICTS = districtCodes();

export interface GeneratedNik {
  nik: string;
  district: string;
  birthDate: string;
  sex: 'L' | 'P';
  serial: string;
}

/** A well-formed NIK: a real kecamatan code, a real birth date, a serial not ending in 0. */
export function randomNik(rng: Rng, yearFrom = 1925, yearTo = 2024): GeneratedNik {
  const district = pick(rng, DISTRICTS);
  const y = int(rng, yearFrom, yearTo);
  const m = int(rng, 1, 12);
  const d = int(rng, 1, new Date(Date.UTC(y, m, 0)).getUTCDate());
  const sex = rng() < 0.5 ? 'L' : 'P';
  let serial = String(int(rng, 1, 9999)).padStart(4, '0');
  if (serial.endsWith('0')) serial = `${serial.slice(0, 3)}${int(rng, 1, 9)}`;
  const dd = String(sex === 'P' ? d + 40 : d).padStart(2, '0');
  const nik = `${district}${dd}${String(m).padStart(2, '0')}${String(y % 100).padStart(2, '0')}${serial}`;
  const birthDate = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return { nik, district, birthDate, sex, serial };
}

/** Runs `body` for `count` seeded cases; a failure names the seed that reproduces it. */
export function forSeeds(count: number, base: number, body: (rng: Rng, seed: number) => void): void {
  for (let i = 0; i < count; i++) {
    const seed = base + i;
    try {
      body(mulberry32(seed), seed);
    } catch (e) {
      throw new Error(`seed ${seed}: ${(e as Error).message}`);
    }
  }
}
