// Realistic-looking recipient rows for the demo sheets: Javanese/Indonesian
// names, NIKs whose region, birth date and sex agree with the other columns,
// and a few deliberate problems for the checks to find. Seeded, so every demo
// start produces the same rows.

export interface PersonSeed {
  nik: string;
  no_kk: string;
  nama: string;
  jenis_kelamin: 'L' | 'P';
  tempat_lahir: string;
  tanggal_lahir: string; // DD-MM-YYYY
  alamat: string;
  rt: string;
  rw: string;
  pekerjaan: string;
  penghasilan: string;
  status_dtks: string;
  status: string;
  catatan: string;
}

/** mulberry32: a tiny seeded PRNG (demo data must be reproducible). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MALE = ['Slamet', 'Budi', 'Ahmad', 'Muhammad', 'Eko', 'Agus', 'Rahmat', 'Darsono', 'Kasmuri', 'Tarmuji', 'Casmadi', 'Sugeng', 'Wahyu', 'Joko', 'Abdul', 'Imam', 'Teguh', 'Heru', 'Sutrisno', 'Nur'];
const FEMALE = ['Siti', 'Sri', 'Nur', 'Dwi', 'Tri', 'Suparmi', 'Warsini', 'Khasanah', 'Rohmah', 'Umi', 'Endang', 'Lestari', 'Fatimah', 'Aminah', 'Wahyuni', 'Sumiyati', 'Rukayah', 'Daryati', 'Tuminah', 'Maesaroh'];
const SECOND_M = ['Riyadi', 'Santoso', 'Fauzi', 'Rizki', 'Prasetyo', 'Hidayat', 'Saputra', 'Maulana', 'Setiawan', 'Wibowo', 'Hakim', 'Mustofa', 'Kurniawan', 'Syafii', 'Anwar'];
const SECOND_F = ['Aminah', 'Wahyuni', 'Khasanah', 'Lestari', 'Handayani', 'Rahayu', 'Fitriani', 'Hidayah', 'Rohmawati', 'Suryani', 'Mulyani', 'Zulaikha', 'Marfuah', 'Astuti', 'Nurjanah'];
const STREETS = ['Jl. Dr. Wahidin', 'Jl. Hayam Wuruk', 'Jl. Kurinci', 'Jl. Merdeka', 'Gg. Mawar', 'Gg. Melati', 'Jl. Sriwijaya', 'Jl. Urip Sumoharjo', 'Jl. KH. Mas Mansyur', 'Jl. Progo', 'Gg. Kenanga', 'Jl. Slamet'];
const JOBS = ['Buruh batik', 'Buruh harian lepas', 'Pedagang kecil', 'Tukang becak', 'Nelayan', 'Mengurus rumah tangga', 'Tidak bekerja', 'Buruh konveksi', 'Penjual makanan keliling', 'Pemulung'];
const PLACES = ['Pekalongan', 'Pekalongan', 'Pekalongan', 'Batang', 'Kab. Pekalongan', 'Pemalang', 'Tegal'];

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A NIK: region (6 digits), DDMMYY of birth with day + 40 for women, a serial from 0001. */
export function makeNik(region6: string, birth: Date, sex: 'L' | 'P', serial: number): string {
  const day = birth.getUTCDate() + (sex === 'P' ? 40 : 0);
  return region6 + pad(day, 2) + pad(birth.getUTCMonth() + 1, 2) + pad(birth.getUTCFullYear() % 100, 2) + pad(serial, 4);
}

const ddmmyyyy = (d: Date) => `${pad(d.getUTCDate(), 2)}-${pad(d.getUTCMonth() + 1, 2)}-${d.getUTCFullYear()}`;

export interface RowOptions {
  seed: number;
  count: number;
  /** 6-digit kecamatan code, e.g. '337501' (NIKs are issued where people first registered). */
  region6: string;
  program: string;
  /** Pekerjaan for every row (OPD sectoral lists), otherwise mixed. */
  job?: string;
}

export function demoPeople({ seed, count, region6, job }: RowOptions): PersonSeed[] {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const people: PersonSeed[] = [];
  for (let i = 0; i < count; i++) {
    const sex: 'L' | 'P' = rnd() < 0.55 ? 'P' : 'L';
    const first = sex === 'P' ? pick(FEMALE) : pick(MALE);
    let second = sex === 'P' ? pick(SECOND_F) : pick(SECOND_M);
    if (second === first) second = sex === 'P' ? 'Rahayu' : 'Santoso';
    // A few single names, as many older Javanese have.
    const nama = rnd() < 0.15 ? first : `${first} ${second}`;
    const birth = new Date(Date.UTC(1950 + Math.floor(rnd() * 50), Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)));
    const issued = new Date(Date.UTC(2010 + Math.floor(rnd() * 14), Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)));
    const rw = 1 + Math.floor(rnd() * 12);
    const income = [0, 600_000, 850_000, 1_000_000, 1_200_000, 1_500_000, 1_750_000][Math.floor(rnd() * 7)] ?? 0;
    people.push({
      nik: makeNik(region6, birth, sex, 1 + Math.floor(rnd() * 40)),
      no_kk: region6 + pad(issued.getUTCDate(), 2) + pad(issued.getUTCMonth() + 1, 2) + pad(issued.getUTCFullYear() % 100, 2) + pad(1 + Math.floor(rnd() * 3000), 4),
      nama,
      jenis_kelamin: sex,
      tempat_lahir: pick(PLACES),
      tanggal_lahir: ddmmyyyy(birth),
      alamat: `${pick(STREETS)} No. ${1 + Math.floor(rnd() * 120)}`,
      rt: pad(1 + Math.floor(rnd() * 8), 3),
      rw: pad(rw, 3),
      pekerjaan: job ?? pick(JOBS),
      penghasilan: String(income),
      status_dtks: rnd() < 0.75 ? 'DTKS' : 'Non-DTKS',
      status: rnd() < 0.6 ? 'valid' : 'usulan',
      catatan: '',
    });
  }
  return people;
}

/** What Excel does to a 16-digit NIK typed into a number cell: 15 significant digits, in E notation. */
export function excelDamaged(nik: string): string {
  return Number(nik).toExponential(14).toUpperCase();
}
