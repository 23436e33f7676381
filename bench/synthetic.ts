// Synthetic Indonesian recipient lists with the noise officers really produce:
// typos, old spelling (oe/dj/tj), abbreviations (Moh./M., St., Abd.), titles,
// day/month swapped, Excel-damaged NIKs, a NIK one digit off, missing fields,
// and the same person on several sheets (kelurahan × program). Seeded.
import type { RecordRow } from '../src/domain/schema';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Common first tokens weigh more (Zipf-like: earlier = more frequent).
const MALE = ['Muhammad', 'Ahmad', 'Budi', 'Agus', 'Slamet', 'Joko', 'Bambang', 'Eko', 'Sugeng', 'Abdul', 'Heru', 'Wahyu', 'Dwi', 'Rudi', 'Teguh', 'Hendra', 'Imam', 'Yusuf', 'Sutrisno', 'Supriyadi', 'Suparman', 'Darmaji', 'Kasiman', 'Warsito', 'Rohmat', 'Nur', 'Arif', 'Fajar', 'Bayu', 'Rizki', 'Taufik', 'Hadi', 'Sukardi', 'Paijo', 'Tarno', 'Cahyo', 'Jumadi', 'Ponimin', 'Wagiman', 'Kusno'];
const FEMALE = ['Siti', 'Sri', 'Nur', 'Dewi', 'Rina', 'Yuli', 'Endang', 'Tri', 'Sumiati', 'Suminah', 'Wati', 'Ani', 'Lestari', 'Ratna', 'Fitri', 'Umi', 'Khotimah', 'Aminah', 'Jamilah', 'Kartini', 'Suwarni', 'Partini', 'Tumini', 'Rukmini', 'Sulastri', 'Murni', 'Nining', 'Eni', 'Yanti', 'Puji', 'Indah', 'Wulan', 'Anisa', 'Fatimah', 'Zulaikha', 'Sarinah', 'Painem', 'Tukiyem', 'Juminten', 'Mardiyah'];
const SECOND = ['Santoso', 'Rahayu', 'Wahyuni', 'Hidayat', 'Susanto', 'Lestari', 'Purnomo', 'Setiawan', 'Handayani', 'Kurniawan', 'Prasetyo', 'Saputra', 'Wulandari', 'Nugroho', 'Utomo', 'Hartono', 'Pratiwi', 'Suryani', 'Rohmah', 'Aminah', 'Fauzi', 'Maulana', 'Hakim', 'Ramadhan', 'Sholeh', 'Anwar', 'Mustofa', 'Jamil', 'Cahyono', 'Sujarwo', 'Riyadi', 'Mulyono', 'Sodikin', 'Khoiriyah', 'Maesaroh', 'Zaenal', 'Arifin', 'Yulianto', 'Kusuma', 'Wijaya', 'Harjono', 'Supardi', 'Tukimin', 'Darsono', 'Marsudi', 'Sumarno', 'Basuki', 'Gunawan', 'Iskandar', 'Syafii'];
const STREETS = ['Jl. Merdeka', 'Jl. Sultan Agung', 'Jl. Hayam Wuruk', 'Jl. Diponegoro', 'Gg. Mawar', 'Gg. Melati', 'Jl. Imam Bonjol', 'Jl. Kurinci', 'Jl. Slamet', 'Jl. Progo', 'Kp. Baru', 'Jl. Jlamprang', 'Jl. Bandung', 'Gg. Kenanga', 'Jl. Seruni'];
const KELURAHAN = ['Medono', 'Kauman', 'Podosugih', 'Bendan', 'Kergon', 'Sapuro', 'Panjang Wetan', 'Krapyak', 'Degayu', 'Kuripan Kidul', 'Noyontaan', 'Klego', 'Poncol', 'Tirto', 'Pringrejo'];
const PROGRAMS = ['PKH', 'BPNT', 'BST', 'JPS Kabupaten', 'BLT Desa'];
const JOBS = ['Buruh Harian Lepas', 'Petani', 'Pedagang', 'Tidak Bekerja', 'Mengurus Rumah Tangga', 'Nelayan', 'Tukang Becak', 'Sopir Angkot', 'PNS', 'Perangkat Desa'];

interface Person {
  id: number;
  female: boolean;
  first: string;
  second: string;
  birth: [number, number, number];
  nik: string;
  kk: string;
  street: string;
  house: number;
  rt: number;
  rw: number;
  kelurahan: number;
  job: string;
  income: number;
}

export interface SyntheticData {
  rows: RecordRow[];
  /** Row key → person id (the truth for quality figures). */
  entity: Map<string, string>;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function syntheticRows(count: number, seed = 20250601): SyntheticData {
  const rnd = mulberry32(seed);
  const zipf = <T>(items: readonly T[]): T => items[Math.floor(items.length * rnd() ** 2.2)] as T;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const usedNik = new Set<string>();
  const persons: Person[] = [];
  const newPerson = (kk?: Person): Person => {
    const female = rnd() < 0.55;
    const y = 1940 + Math.floor(rnd() * 65);
    const m = 1 + Math.floor(rnd() * 12);
    const d = rnd() < 0.04 ? 1 : 1 + Math.floor(rnd() * 28);
    const kec = 1 + Math.floor(rnd() * 4);
    let nik = '';
    for (let serial = 1; ; serial++) {
      nik = `3375${pad(kec, 2)}${pad(d + (female ? 40 : 0), 2)}${pad(m, 2)}${pad(y % 100, 2)}${pad(serial, 4)}`;
      if (!usedNik.has(nik) && !nik.endsWith('0')) break;
    }
    usedNik.add(nik);
    const p: Person = {
      id: persons.length,
      female,
      first: zipf(female ? FEMALE : MALE),
      second: rnd() < 0.12 ? '' : zipf(SECOND),
      birth: [y, m, d],
      nik,
      kk: kk ? kk.kk : `3375${pad(kec, 2)}${pad(1 + Math.floor(rnd() * 28), 2)}${pad(1 + Math.floor(rnd() * 12), 2)}${pad(5 + Math.floor(rnd() * 19), 2)}${pad(1 + Math.floor(rnd() * 8999), 4)}`.replace(/0$/, '7'),
      street: kk ? kk.street : pick(STREETS),
      house: kk ? kk.house : 1 + Math.floor(rnd() * 120),
      rt: kk ? kk.rt : 1 + Math.floor(rnd() * 12),
      rw: kk ? kk.rw : 1 + Math.floor(rnd() * 8),
      kelurahan: kk ? kk.kelurahan : Math.floor(rnd() * KELURAHAN.length),
      job: rnd() < 0.03 ? pick(['PNS', 'Perangkat Desa']) : pick(JOBS.slice(0, 8)),
      income: rnd() < 0.05 ? 2_600_000 + Math.floor(rnd() * 2_000_000) : 300_000 + Math.floor(rnd() * 1_800_000),
    };
    persons.push(p);
    return p;
  };

  const typo = (s: string): string => {
    if (s.length < 4) return s;
    const i = 1 + Math.floor(rnd() * (s.length - 2));
    const r = rnd();
    if (r < 0.4) return s.slice(0, i) + 'aeiounrst'[Math.floor(rnd() * 9)] + s.slice(i + 1);
    if (r < 0.7) return s.slice(0, i) + s.slice(i + 1);
    return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  };
  const oldSpelling = (s: string) => s.replace(/u/g, 'oe').replace(/j/g, 'dj').replace(/c/g, 'tj');
  const abbreviate = (s: string) =>
    s === 'Muhammad' ? pick(['M.', 'Moh.', 'Muh.', 'Mochammad']) : s === 'Siti' ? 'St.' : s === 'Abdul' ? 'Abd.' : s === 'Ahmad' ? 'Achmad' : s;

  const render = (p: Person, key: string, sheet: number, position: number, noisy: boolean): RecordRow => {
    let first = p.first;
    let second = p.second;
    let [y, m, d] = p.birth;
    let nik = p.nik;
    let dob = '';
    if (noisy) {
      const r = rnd();
      if (r < 0.25) first = abbreviate(first);
      else if (r < 0.4) first = oldSpelling(first);
      else if (r < 0.6) second = typo(second);
      else if (r < 0.7) first = typo(first);
      if (rnd() < 0.1) first = `${p.female ? 'Hj.' : 'H.'} ${first}`;
      const q = rnd();
      if (q < 0.08 && d <= 12) [m, d] = [d, m];
      else if (q < 0.14) d = d === 28 ? 27 : d + 1;
      const n = rnd();
      if (n < 0.06) nik = `${nik.slice(0, 15)}0`; // Excel lost the last digit
      else if (n < 0.1) nik = `${nik.slice(0, 4)}.${nik.slice(4, 15)}E+15`.replace(/^(\d)(\d{3})\./, '$1.$2');
      else if (n < 0.15) nik = nik.slice(0, 14) + String((Number(nik[14]) + 1) % 10) + nik[15];
      else if (n < 0.2) nik = '';
    }
    dob = rnd() < 0.3 ? `${y}-${pad(m, 2)}-${pad(d, 2)}` : `${pad(d, 2)}-${pad(m, 2)}-${y}`;
    if (noisy && rnd() < 0.05) dob = '';
    const program = PROGRAMS[sheet % PROGRAMS.length] as string;
    const kel = KELURAHAN[Math.floor(sheet / PROGRAMS.length) % KELURAHAN.length] as string;
    return {
      key,
      source: `${program} — ${kel}`,
      position,
      values: {
        nik,
        no_kk: p.kk,
        nama: `${first} ${second}`.trim(),
        jenis_kelamin: p.female ? 'P' : 'L',
        tanggal_lahir: dob,
        alamat: noisy && rnd() < 0.3 ? `${p.street.replace('Jl.', 'JALAN').toUpperCase()} NO ${p.house}` : `${p.street} No. ${p.house}`,
        rt: pad(p.rt, 3),
        rw: pad(p.rw, 3),
        desa_kelurahan: KELURAHAN[p.kelurahan] as string,
        kecamatan: '',
        pekerjaan: p.job,
        penghasilan: `Rp${p.income.toLocaleString('id-ID')}`,
        program,
      },
    };
  };

  const rows: RecordRow[] = [];
  const entity = new Map<string, string>();
  const sheets = PROGRAMS.length * KELURAHAN.length;
  const positions = new Array<number>(sheets).fill(0);
  const add = (p: Person, noisy: boolean) => {
    const sheet = noisy ? Math.floor(rnd() * sheets) : (p.kelurahan * PROGRAMS.length + Math.floor(rnd() * PROGRAMS.length)) % sheets;
    positions[sheet] = (positions[sheet] as number) + 1;
    const key = `s${sheet}/r${rows.length}`;
    rows.push(render(p, key, sheet, positions[sheet] as number, noisy));
    entity.set(key, String(p.id));
  };
  const originals = Math.round(count * 0.88);
  let head: Person | undefined;
  for (let i = 0; i < originals; i++) {
    // Households: often 1–3 listed members share a No KK and an address.
    head = head && rnd() < 0.25 ? head : undefined;
    const p = newPerson(head);
    head = head ?? p;
    add(p, false);
  }
  while (rows.length < count) add(persons[Math.floor(rnd() * persons.length)] as Person, true);
  return { rows, entity };
}
