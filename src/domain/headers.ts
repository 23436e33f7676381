// Maps the column headers officers really write to column roles. Each role is
// used at most once: the best-scoring header wins it, ties go to the leftmost.
import { OTHER_PERSON } from './otherPerson';
import type { ColumnRole } from './schema';

interface RoleSpec {
  role: ColumnRole;
  /** Normalised headers that name the role exactly. */
  exact: readonly string[];
  /** Headers starting with one of these phrases (then a space) also name it, less surely. */
  prefixes?: readonly string[];
  /** Words that disqualify a header for this role ('nama ibu kandung' is not the name). */
  reject?: readonly string[];
}

const SPECS: readonly RoleSpec[] = [
  {
    role: 'nik',
    exact: ['nik', 'nik ktp', 'no nik', 'nomor nik', 'no ktp', 'nomor ktp', 'no induk kependudukan', 'nomor induk kependudukan',
      'nik krt', 'nik kepala keluarga', 'nik penerima', 'nik kpm', 'nik pengurus', 'nik kk', 'ktp', 'no id', 'nik nasabah', 'nik pemohon', 'nik sesuai ktp'],
    prefixes: ['nik', 'no nik', 'nomor nik', 'nomor induk kependudukan'],
    reject: OTHER_PERSON,
  },
  {
    role: 'no_kk',
    exact: ['no kk', 'nomor kk', 'no kartu keluarga', 'nomor kartu keluarga', 'kk', 'nokk', 'nkk', 'no kk krt', 'nomor kk krt', 'kartu keluarga'],
    prefixes: ['no kk', 'nomor kk', 'no kartu keluarga', 'nomor kartu keluarga'],
  },
  {
    role: 'nama',
    exact: ['nama', 'nama lengkap', 'nama krt', 'nama kepala keluarga', 'nama penerima', 'nama kpm', 'nama pengurus', 'nama sesuai ktp',
      'nama penerima manfaat', 'nama kepala rumah tangga', 'name', 'full name', 'nama nasabah', 'nama pemohon', 'nama warga', 'nama lengkap sesuai ktp'],
    prefixes: ['nama'],
    reject: [...OTHER_PERSON, 'desa', 'kelurahan', 'kel', 'kecamatan', 'kec', 'kabupaten', 'kota', 'program', 'bank', 'jalan', 'dusun', 'usaha', 'sekolah', 'file'],
  },
  {
    role: 'jenis_kelamin',
    exact: ['jenis kelamin', 'jk', 'l p', 'lp', 'kelamin', 'sex', 'gender', 'jns kel', 'jns kelamin', 'jenkel', 'j k', 'l pr', 'l atau p'],
    prefixes: ['jenis kelamin'],
  },
  {
    role: 'tempat_lahir',
    exact: ['tempat lahir', 'tmp lahir', 'tmpt lahir', 'tpt lahir', 'tempat', 'kota lahir', 'place of birth', 'birth place'],
    prefixes: ['tempat lahir'],
    reject: OTHER_PERSON,
  },
  {
    role: 'tanggal_lahir',
    exact: ['tgl lahir', 'tanggal lahir', 'tgllahir', 'tanggallahir', 'tgl lhr', 'tanggal lhr', 'dob', 'date of birth', 'birth date',
      'lahir', 'ttl', 'tempat tanggal lahir', 'tempat tgl lahir', 'tempat dan tanggal lahir', 'tmp tgl lahir',
      'tanggal bulan tahun lahir', 'tgl bln thn lahir', 'tgl bulan tahun lahir', 'hari tanggal lahir', 'tgl lahir krt'],
    prefixes: ['tgl lahir', 'tanggal lahir'],
    reject: OTHER_PERSON,
  },
  {
    role: 'alamat',
    exact: ['alamat', 'alamat lengkap', 'alamat rumah', 'alamat domisili', 'alamat sesuai ktp', 'address', 'jalan', 'alamat krt', 'domisili'],
    prefixes: ['alamat'],
  },
  { role: 'rt', exact: ['rt', 'no rt', 'nomor rt', 'rt rw'], prefixes: ['rt'] },
  { role: 'rw', exact: ['rw', 'no rw', 'nomor rw'], prefixes: ['rw'] },
  {
    role: 'desa_kelurahan',
    exact: ['desa', 'kelurahan', 'desa kel', 'desa kelurahan', 'kelurahan desa', 'kel desa', 'kel', 'nama desa', 'nama kelurahan',
      'desa kelurahan domisili', 'kelurahan domisili', 'kalurahan', 'nagari', 'gampong'],
    prefixes: ['desa', 'kelurahan'],
  },
  {
    role: 'kecamatan',
    exact: ['kec', 'kecamatan', 'nama kecamatan', 'kapanewon', 'distrik'],
    prefixes: ['kecamatan', 'kec'],
  },
  {
    role: 'pekerjaan',
    exact: ['pekerjaan', 'pekerjaan krt', 'pekerjaan utama', 'mata pencaharian', 'occupation', 'profesi', 'pekerjaan kepala keluarga',
      'jenis pekerjaan', 'kerja', 'status pekerjaan'],
    prefixes: ['pekerjaan'],
    reject: OTHER_PERSON,
  },
  {
    role: 'penghasilan',
    exact: ['penghasilan', 'pendapatan', 'penghasilan per bulan', 'penghasilan bulanan', 'pendapatan per bulan', 'gaji', 'income',
      'rata rata penghasilan', 'penghasilan rp', 'pendapatan rp', 'penghasilan krt'],
    prefixes: ['penghasilan', 'pendapatan'],
  },
  {
    role: 'kondisi_rumah',
    exact: ['kondisi rumah', 'status rumah', 'rumah', 'status kepemilikan rumah', 'kepemilikan rumah', 'kondisi bangunan', 'kondisi tempat tinggal',
      'status tempat tinggal', 'status bangunan', 'jenis rumah', 'kondisi hunian'],
    prefixes: ['kondisi rumah', 'status rumah', 'kepemilikan rumah'],
  },
  {
    role: 'program',
    exact: ['program', 'jenis bantuan', 'bantuan', 'program bantuan', 'jenis program', 'bansos', 'nama program', 'program bansos', 'jenis bansos'],
    prefixes: ['program', 'jenis bantuan'],
  },
  {
    role: 'status_dtks',
    exact: ['dtks', 'status dtks', 'ket dtks', 'dtks non dtks', 'keterangan dtks', 'terdaftar dtks', 'dtks non', 'masuk dtks'],
    prefixes: ['dtks', 'status dtks'],
  },
  {
    role: 'status',
    exact: ['status', 'status usulan', 'status validasi', 'status data', 'status penerima', 'status verifikasi', 'hasil verifikasi', 'status kpm'],
  },
  {
    role: 'alasan',
    exact: ['alasan', 'alasan keluar', 'alasan dikeluarkan', 'alasan tidak layak', 'alasan perubahan', 'alasan penolakan', 'alasan graduasi'],
    prefixes: ['alasan'],
  },
  {
    role: 'sumber',
    exact: ['sumber', 'sumber data', 'pengusul', 'diusulkan oleh', 'asal data', 'asal usulan', 'sumber usulan', 'opd pengusul'],
    prefixes: ['sumber'],
  },
  {
    role: 'catatan',
    exact: ['catatan', 'keterangan', 'ket', 'notes', 'note', 'catatan petugas', 'keterangan lain'],
    prefixes: ['catatan', 'keterangan'],
  },
];

/** Lowercase words: 'No. NIK' → 'no nik', 'TGL_LAHIR' → 'tgl lahir', 'NOMOR KK*' → 'nomor kk'. */
export function normalizeHeader(raw: string): string {
  if (typeof raw !== 'string') return '';
  return raw
    .normalize('NFKC')
    .replace(/([a-z])([A-Z])/g, '$1 $2') // camelCase: 'tglLahir'
    .toLowerCase()
    .replace(/\(.*?\)/g, ' ') // '(dd-mm-yyyy)', '(Rp)' hints
    .replace(/\bnomer\b/g, 'nomor')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The header names known for a role (normalised), e.g. for a column-mapping dialog's hints. */
export function roleSynonyms(role: ColumnRole): readonly string[] {
  return SPECS.find((spec) => spec.role === role)?.exact ?? [];
}

/** The exact names of every role in one map, built once: most headers are found here. */
const EXACT: ReadonlyMap<string, ColumnRole> = new Map(SPECS.flatMap((spec) => spec.exact.map((e) => [e, spec.role] as const)));

function prefixScore(spec: RoleSpec, header: string, words: readonly string[]): number {
  if (!spec.prefixes?.some((p) => header.startsWith(`${p} `))) return 0;
  if (spec.reject?.some((r) => words.includes(r))) return 0;
  return 2;
}

/**
 * The role of each header, or null when none fits. Every role is used at most
 * once; when two headers want the same role the more exact, then the leftmost,
 * wins ('NIK' and 'NIK Istri': only 'NIK' is the nik column).
 */
export function detectColumns(headers: string[]): Array<ColumnRole | null> {
  const result: Array<ColumnRole | null> = headers.map(() => null);
  const candidates: Array<{ index: number; role: ColumnRole; score: number }> = [];
  headers.forEach((h, index) => {
    const header = normalizeHeader(h);
    if (!header) return;
    const exact = EXACT.get(header);
    if (exact) candidates.push({ index, role: exact, score: 3 });
    const words = header.split(' ');
    for (const spec of SPECS) {
      const s = prefixScore(spec, header, words);
      if (s > 0) candidates.push({ index, role: spec.role, score: s });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.index - b.index);
  const used = new Set<ColumnRole>();
  for (const c of candidates) {
    if (used.has(c.role) || result[c.index] !== null) continue;
    result[c.index] = c.role;
    used.add(c.role);
  }
  return result;
}
