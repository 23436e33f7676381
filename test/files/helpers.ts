// Shared test helpers: a seeded random source and sample sheets.
import * as Y from 'yjs';
import { appendRows, initSheet, templateColumns, type SheetMeta } from '../../src/sheet';

/** mulberry32: small seeded PRNG so fuzz runs are reproducible. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const META: SheetMeta = { name: 'BPNT 2025 — Medono', program: 'BPNT', period: '2025', kelurahan: 'Medono', kecamatan: 'Pekalongan Barat' };

const FIRST = ['Siti', 'Budi', 'Muhammad', 'Sri', 'Nur', 'Ahmad', 'Dewi', 'H. Moch.', 'Agus', 'Rina', 'Joko', 'Wahyu', 'Eko', 'Yuli', 'Bambang', 'Retno', 'Slamet', 'Tri', 'Dian', 'Hendra', 'Fitri', 'Rudi', 'Ani', 'Suparman'];
const MIDDLE = ['', 'Nur', 'Dwi', 'Putri', 'Adi', 'Sri', 'Eka', 'Budi', 'Indah', 'Kurnia'];
const LAST = ['Aminah', 'Santoso', 'Rizki', 'Wahyuni', 'Hidayah', 'Fauzi', 'Lestari', 'Sholeh', 'Setiawan', 'Susanti', 'Prasetyo', 'Rahayu', 'Saputra', 'Handayani', 'Kurniawan', 'Purnomo', 'Wibowo', 'Utami', 'Nugroho', 'Maryati', 'Hartono', 'Yulianti', 'Sutrisno', 'Haryanto', 'Suryani', 'Firmansyah', 'Ismail', 'Mulyani', 'Gunawan', 'Astuti'];
const KEL = ['Medono', 'Kauman', 'Podosugih', 'Bendan'];
const STATUS = ['usulan', 'valid', 'perlu validasi ulang', 'ditetapkan', 'graduasi', ''];

export function sampleRows(n: number, seed = 1): Array<Record<string, string>> {
  const rnd = seeded(seed);
  const pick = <T,>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const rows: Array<Record<string, string>> = [];
  for (let i = 0; i < n; i++) {
    const dd = 1 + Math.floor(rnd() * 28);
    const mm = 1 + Math.floor(rnd() * 12);
    const yy = 40 + Math.floor(rnd() * 60);
    const female = rnd() < 0.5;
    const serial = String(1 + Math.floor(rnd() * 9998)).padStart(4, '0');
    const nik = `337501${String(female ? dd + 40 : dd).padStart(2, '0')}${String(mm).padStart(2, '0')}${String(yy).padStart(2, '0')}${serial}`;
    rows.push({
      nik,
      no_kk: `3375010${String(100000000 + Math.floor(rnd() * 899999999))}`,
      nama: [pick(FIRST), pick(MIDDLE), pick(LAST)].filter(Boolean).join(' '),
      jenis_kelamin: female ? 'P' : 'L',
      tanggal_lahir: `${String(dd).padStart(2, '0')}-${String(mm).padStart(2, '0')}-19${yy}`,
      alamat: `${pick(['Jl. Mawar', 'Jl. Melati', 'Gg. Kenanga', 'Jl. Kauman', 'Jl. Hayam Wuruk', 'Perum Griya'])} No. ${1 + Math.floor(rnd() * 200)}`,
      rt: String(1 + Math.floor(rnd() * 9)).padStart(3, '0'),
      rw: String(1 + Math.floor(rnd() * 5)).padStart(3, '0'),
      desa_kelurahan: pick(KEL),
      kecamatan: 'Pekalongan Barat',
      penghasilan: String(500000 + Math.floor(rnd() * 40) * 50000),
      program: pick(['BPNT', 'PKH']),
      status: pick(STATUS),
      status_dtks: pick(['DTKS', 'Non-DTKS']),
      catatan: pick(['', '-', '=HYPERLINK("http://x")', '+62 812 000', '@kel', 'baris "kutip", koma; titik koma', 'dua\nbaris']),
    });
  }
  return rows;
}

export function sampleSheet(n: number, seed = 1): Y.Doc {
  const doc = new Y.Doc();
  initSheet(doc, META, templateColumns('standar'));
  appendRows(doc, sampleRows(n, seed));
  return doc;
}
