// A small seeded random source and row generator for the engine's property tests.
import type { RecordRow } from '../../src/domain/schema';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)] as T;
}

// Small pools so that rows collide often: same NIK, similar names, shared No KK.
const FIRST = ['Siti', 'St.', 'Sri', 'Muhammad', 'Moh.', 'M.', 'Nur', 'Ahmad', 'Achmad', 'Dewi', 'Soekarno', 'Sukarno', 'Budi', 'Tjahjo', 'Cahyo'];
const LAST = ['Aminah', 'Aminah', 'Rahayu', 'Santoso', 'Wahyuni', 'Hidayat', 'Djamilah', 'Jamilah', 'Lestari', ''];
const DATES = ['12-01-1980', '01-12-1980', '12-01-1981', '1980-01-12', '03-04-1975', '04-03-1975', '', '31-02-1980'];
const NIKS = [
  '3375011201800001',
  '3375011201800002',
  '3375015201800003',
  '3375010304750004',
  '3375010304750040', // trailing 0: Excel-damaged, never a match
  '3.37501120180E+15',
  '3375011201800001',
  '',
  '12345',
];
const KKS = ['3375010101200001', '3375010101200002', '3375010101200003', '3375010101200010', ''];
const PROGRAMS = ['PKH', 'BPNT', 'JPS Kabupaten', 'BST', 'PKH, BPNT', ''];
const ADDRESSES = ['Jl. Merdeka No. 5', 'JALAN MERDEKA 5', 'Gg. Mawar 2', 'Kp. Baru', ''];
const JOBS = ['Buruh', 'PNS', 'Petani', 'Perangkat Desa', ''];
const INCOMES = ['Rp1.250.000', '3.500.000', '500000', ''];
export const SOURCES = ['BPNT-Medono', 'PKH-Kauman', 'DTKS'];

export function randomRow(rnd: () => number, key: string, position: number): RecordRow {
  const values: RecordRow['values'] = {
    nama: `${pick(rnd, FIRST)} ${pick(rnd, LAST)}`.trim(),
    nik: pick(rnd, NIKS),
    no_kk: pick(rnd, KKS),
    tanggal_lahir: pick(rnd, DATES),
    jenis_kelamin: pick(rnd, ['L', 'P', 'Perempuan', '']),
    alamat: pick(rnd, ADDRESSES),
    rt: pick(rnd, ['001', '2', '']),
    rw: pick(rnd, ['003', '']),
    desa_kelurahan: pick(rnd, ['Medono', 'Kauman', '']),
    program: pick(rnd, PROGRAMS),
    pekerjaan: pick(rnd, JOBS),
    penghasilan: pick(rnd, INCOMES),
    status_dtks: pick(rnd, ['DTKS', 'Non-DTKS', '']),
  };
  for (const k of Object.keys(values) as (keyof typeof values)[]) if (values[k] === '') delete values[k];
  const row: RecordRow = { key, source: pick(rnd, SOURCES), position, values };
  // Now and then an identity cell the file reader knows lost digits to Excel.
  if (rnd() < 0.15) row.lostDigits = pick(rnd, LOST_DIGITS);
  return row;
}

/** What RecordRow.lostDigits can say (an empty list means none, as absent does). */
export const LOST_DIGITS: readonly (readonly ('nik' | 'no_kk')[])[] = [['nik'], ['no_kk'], ['nik', 'no_kk'], ['no_kk', 'nik'], []];
