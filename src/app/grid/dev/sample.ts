// Deterministic sample rows for the grid harness and the UI benchmark.
const NAMES = ['Siti Aminah', 'Muhammad Rizki', 'Sri Wahyuni', 'Ahmad Fauzi', 'Nur Hidayah', 'Budi Santoso', 'Dewi Lestari', 'Joko Susilo', 'Rina Marlina', 'Agus Salim'];
const STREETS = ['Jl. Merdeka', 'Jl. Diponegoro', 'Gang Mawar', 'Jl. Hayam Wuruk', 'Jl. Sudirman'];
const JOBS = ['Buruh harian', 'Pedagang', 'Tukang becak', 'Petani', 'Ibu rumah tangga', 'Nelayan'];

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sampleRows(count: number, seed = 1): Array<Record<string, string>> {
  const r = rng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return Array.from({ length: count }, (_, i) => {
    const day = 1 + Math.floor(r() * 28);
    const month = 1 + Math.floor(r() * 12);
    const year = 1950 + Math.floor(r() * 50);
    const female = r() < 0.5;
    return {
      nik: `337501${pad(day + (female ? 40 : 0), 2)}${pad(month, 2)}${pad(year % 100, 2)}${pad(1 + (i % 9999), 4)}`,
      no_kk: `33750112${pad(Math.floor(r() * 100000000), 8)}`,
      nama: `${pick(NAMES)} ${i + 1}`,
      jenis_kelamin: female ? 'P' : 'L',
      tempat_lahir: 'Pekalongan',
      tanggal_lahir: `${pad(day, 2)}-${pad(month, 2)}-${year}`,
      alamat: `${pick(STREETS)} ${1 + Math.floor(r() * 200)}`,
      rt: pad(1 + Math.floor(r() * 12), 3),
      rw: pad(1 + Math.floor(r() * 8), 3),
      desa_kelurahan: 'Medono',
      kecamatan: 'Pekalongan Barat',
      pekerjaan: pick(JOBS),
      penghasilan: String(500000 + Math.floor(r() * 40) * 50000),
      program: 'BPNT',
      status: 'usulan',
    };
  });
}
