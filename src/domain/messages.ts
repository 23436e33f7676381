// Every finding code this layer produces: its default severity and the sentence
// an officer reads, in Bahasa Indonesia and English. Sentences are templates over
// the finding's params ('{value}'), so the UI can re-render in either language.
import type { Finding, Severity } from './findings';
import type { ColumnRole } from './schema';

interface MessageSpec {
  severity: Severity;
  id: string;
  en: string;
}

export const ROLE_LABELS: Readonly<Record<ColumnRole, { id: string; en: string }>> = {
  nik: { id: 'NIK', en: 'NIK' },
  no_kk: { id: 'No KK', en: 'family card number' },
  nama: { id: 'nama', en: 'name' },
  jenis_kelamin: { id: 'jenis kelamin', en: 'sex' },
  tempat_lahir: { id: 'tempat lahir', en: 'place of birth' },
  tanggal_lahir: { id: 'tanggal lahir', en: 'date of birth' },
  alamat: { id: 'alamat', en: 'address' },
  rt: { id: 'RT', en: 'RT' },
  rw: { id: 'RW', en: 'RW' },
  desa_kelurahan: { id: 'desa/kelurahan', en: 'village' },
  kecamatan: { id: 'kecamatan', en: 'district' },
  pekerjaan: { id: 'pekerjaan', en: 'occupation' },
  penghasilan: { id: 'penghasilan', en: 'income' },
  kondisi_rumah: { id: 'kondisi rumah', en: 'house condition' },
  program: { id: 'program', en: 'programme' },
  status_dtks: { id: 'status DTKS', en: 'DTKS status' },
  status: { id: 'status', en: 'status' },
  alasan: { id: 'alasan', en: 'reason' },
  sumber: { id: 'sumber', en: 'source' },
  catatan: { id: 'catatan', en: 'note' },
};

const ID_NUMBER_MESSAGES = (prefix: 'nik' | 'nokk', idLabel: string, enLabel: string): Record<string, MessageSpec> => ({
  [`${prefix}-excel-scientific`]: {
    severity: 'error',
    id: `${idLabel} tertulis sebagai angka Excel ({value}); digit-digit terakhirnya sudah hilang. Ketik ulang dari KTP/KK sebagai teks.`,
    en: `The ${enLabel} was stored by Excel in scientific notation ({value}); its last digits are lost. Re-type it from the ID card as text.`,
  },
  [`${prefix}-excel-precision`]: {
    severity: 'error',
    id: `${idLabel} {value} berakhiran 0, kemungkinan rusak oleh Excel (hanya 15 digit yang tersimpan). Cocokkan dengan KTP/KK; tidak dipakai untuk mencari duplikat.`,
    en: `The ${enLabel} {value} ends in 0 and was probably damaged by Excel (only 15 digits kept). Check it against the ID card; it is not used to find duplicates.`,
  },
  [`${prefix}-trailing-zero`]: {
    severity: 'warning',
    id: `${idLabel} {value} berakhiran 0. Bila daftar ini pernah disimpan di Excel sebagai angka, digit terakhirnya bisa hilang: cocokkan dengan KTP/KK. Belum dipakai untuk mencari duplikat sampai kolom ini cukup terisi.`,
    en: `The ${enLabel} {value} ends in 0. If this list was ever kept in Excel as numbers, its last digit may be lost: check it against the ID card. It is not used to find duplicates until the column holds enough values to judge.`,
  },
  [`${prefix}-non-digit`]: {
    severity: 'error',
    id: `${idLabel} hanya boleh berisi angka, tertulis "{value}".`,
    en: `The ${enLabel} may contain digits only; found "{value}".`,
  },
  [`${prefix}-length`]: {
    severity: 'error',
    id: `${idLabel} harus 16 digit, tertulis {length} digit ({value}).`,
    en: `The ${enLabel} must have 16 digits; found {length} ({value}).`,
  },
  [`${prefix}-placeholder`]: {
    severity: 'error',
    id: `${idLabel} {value} bukan nomor asli (angka isian). Isi dengan nomor dari KTP/KK.`,
    en: `The ${enLabel} {value} is a placeholder, not a real number.`,
  },
  [`${prefix}-province-unknown`]: {
    severity: 'warning',
    id: `Kode provinsi {code} pada ${idLabel} tidak dikenal (kode Kemendagri).`,
    en: `Province code {code} in the ${enLabel} is unknown (Kemendagri codes).`,
  },
  [`${prefix}-regency-unknown`]: {
    severity: 'warning',
    id: `Kode kabupaten/kota {code} pada ${idLabel} tidak dikenal di {province} (mungkin kode lama sebelum pemekaran).`,
    en: `Regency code {code} in the ${enLabel} is unknown in {province} (perhaps an old code from before a split).`,
  },
  [`${prefix}-district-unknown`]: {
    severity: 'warning',
    id: `Kode kecamatan {code} pada ${idLabel} tidak dikenal di {regency} (mungkin kode lama sebelum pemekaran).`,
    en: `District code {code} in the ${enLabel} is unknown in {regency} (perhaps an old code from before a split).`,
  },
  [`${prefix}-serial-zero`]: {
    severity: prefix === 'nik' ? 'error' : 'warning',
    id: `Nomor urut ${idLabel} (4 digit terakhir) tidak mungkin 0000.`,
    en: `The serial (last 4 digits) of the ${enLabel} cannot be 0000.`,
  },
});

const MESSAGE_TABLE: Readonly<Record<string, MessageSpec>> = {
  // — identity numbers
  'nik-missing': { severity: 'error', id: 'NIK kosong.', en: 'The NIK is empty.' },
  ...ID_NUMBER_MESSAGES('nik', 'NIK', 'NIK'),
  ...ID_NUMBER_MESSAGES('nokk', 'No KK', 'family card number'),
  // What an import finds in the file itself (src/files): the cell's type there, not its text.
  'file-excel-precision': {
    severity: 'error',
    id: '{labelId} disimpan sebagai angka di Excel ({value}); Excel hanya menyimpan 15 digit, jadi digit terakhir mungkin hilang. Periksa dengan KTP/KK.',
    en: 'The {labelEn} was stored as a number in Excel ({value}); Excel keeps only 15 digits, so the last digit may be lost. Check it against the ID card.',
  },
  'file-excel-error': {
    severity: 'warning',
    id: 'Kolom {labelId} berisi galat Excel {value}, bukan data.',
    en: 'The column {labelEn} holds the Excel error {value}, not data.',
  },
  'nik-birth-date-impossible': {
    severity: 'error',
    id: 'Tanggal lahir dalam NIK (digit 7–12: {part}) tidak mungkin.',
    en: 'The birth date inside the NIK (digits 7–12: {part}) is impossible.',
  },
  'nik-birth-date-mismatch': {
    severity: 'warning',
    id: 'Tanggal lahir dalam NIK ({nikDate}) berbeda dengan tanggal lahir {rowDate}{hintId}.',
    en: 'The birth date inside the NIK ({nikDate}) differs from the date of birth {rowDate}{hintEn}.',
  },
  'nik-sex-mismatch': {
    severity: 'warning',
    id: 'NIK menunjukkan {nikSexId} (digit 7–8 = {nikDay}; perempuan ditambah 40), tetapi jenis kelamin tertulis "{rowSex}".',
    en: 'The NIK indicates {nikSexEn} (digits 7–8 = {nikDay}; women add 40), but the sex column says "{rowSex}".',
  },
  'nik-region-differs': {
    severity: 'info',
    id: 'NIK diterbitkan di Kec. {nikDistrict} ({nikRegency}), kecamatan sekarang {kecamatan}. Wajar bila warga pindah; NIK tidak berubah.',
    en: 'The NIK was issued in {nikDistrict} ({nikRegency}); the current district is {kecamatan}. Normal after a move: a NIK never changes.',
  },
  'nokk-issue-date-impossible': {
    severity: 'info',
    id: 'Digit 7–12 No KK ({part}) bukan tanggal penerbitan yang mungkin (bisa No KK lama).',
    en: 'Digits 7–12 of the family card number ({part}) are not a possible issue date (may be an old card).',
  },
  'nokk-same-as-nik': {
    severity: 'warning',
    id: 'No KK sama dengan NIK ({value}); kemungkinan NIK tertulis di kolom No KK.',
    en: 'The family card number equals the NIK ({value}); the NIK was probably typed into the No KK column.',
  },
  // — other fields
  'nama-missing': { severity: 'error', id: 'Nama kosong.', en: 'The name is empty.' },
  'nama-has-digits': {
    severity: 'warning',
    id: 'Nama berisi angka: "{value}".',
    en: 'The name contains digits: "{value}".',
  },
  'nama-too-short': {
    severity: 'warning',
    id: 'Nama terlalu pendek: "{value}". Tulis nama lengkap sesuai KTP.',
    en: 'The name is too short: "{value}". Write the full name as on the ID card.',
  },
  'field-missing': {
    severity: 'warning',
    id: 'Kolom {labelId} wajib diisi.',
    en: 'The {labelEn} field is required.',
  },
  'tanggal-lahir-invalid': {
    severity: 'error',
    id: 'Tanggal lahir "{value}" tidak terbaca atau tidak mungkin. Tulis sebagai HH-BB-TTTT, mis. 17-08-1975.',
    en: 'Date of birth "{value}" is unreadable or impossible. Write it as DD-MM-YYYY, e.g. 17-08-1975.',
  },
  'tanggal-lahir-future': {
    severity: 'error',
    id: 'Tanggal lahir {value} ada di masa depan.',
    en: 'Date of birth {value} is in the future.',
  },
  'tanggal-lahir-too-old': {
    severity: 'warning',
    id: 'Tanggal lahir {value} berarti umur {age} tahun; periksa kembali.',
    en: 'Date of birth {value} means an age of {age}; please check.',
  },
  'jenis-kelamin-invalid': {
    severity: 'warning',
    id: 'Jenis kelamin "{value}" tidak dikenal; isi L atau P.',
    en: 'Sex "{value}" is not recognised; use L (male) or P (female).',
  },
  'rt-invalid': { severity: 'warning', id: 'RT "{value}" bukan nomor RT (mis. 003).', en: 'RT "{value}" is not an RT number (e.g. 003).' },
  'rw-invalid': { severity: 'warning', id: 'RW "{value}" bukan nomor RW (mis. 005).', en: 'RW "{value}" is not an RW number (e.g. 005).' },
  'penghasilan-invalid': {
    severity: 'warning',
    id: 'Penghasilan "{value}" bukan jumlah rupiah (mis. Rp1.250.000).',
    en: 'Income "{value}" is not an amount in rupiah (e.g. Rp1.250.000).',
  },
  'status-invalid': {
    severity: 'warning',
    id: 'Status "{value}" tidak dikenal; pilih usulan, valid, perlu validasi ulang, ditetapkan, graduasi atau dikeluarkan.',
    en: 'Status "{value}" is unknown; use usulan, valid, perlu validasi ulang, ditetapkan, graduasi or dikeluarkan.',
  },
  'status-dtks-invalid': {
    severity: 'info',
    id: 'Status DTKS "{value}" tidak dikenal; isi DTKS atau Non-DTKS.',
    en: 'DTKS status "{value}" is unknown; use DTKS or Non-DTKS.',
  },
  // — other rows (engine/relations.ts)
  'program-overlap': {
    severity: 'warning',
    id: '{alsoId}{program} tidak boleh diterima bersamaan dengan {other}.',
    en: '{alsoEn}{program} may not be received together with {other}.',
  },
  dtks: {
    severity: 'info',
    id: 'Terdaftar di DTKS ({where}: {reason}).',
    en: 'Found in the DTKS list ({whereEn}: {reasonEn}).',
  },
  'non-dtks': {
    severity: 'info',
    id: 'Tidak ditemukan di DTKS (Non-DTKS).',
    en: 'Not found in the DTKS list (Non-DTKS).',
  },
  'dtks-status-mismatch': {
    severity: 'warning',
    id: 'Status DTKS tertulis {statedId}, tetapi {foundId}.',
    en: 'The DTKS status says {statedEn}, but the row was {foundEn}.',
  },
  // — eligibility (rules.ts)
  'income-above-umr': {
    severity: 'warning',
    id: 'Penghasilan {income} sama dengan atau di atas {limitLabel} {limit}: tidak memenuhi syarat.',
    en: 'Income {income} is at or above the {limitLabel} of {limit}: not eligible.',
  },
  'occupation-excluded': {
    severity: 'warning',
    id: 'Pekerjaan "{value}" ({category}) tidak boleh menerima bantuan sosial.',
    en: 'Occupation "{value}" ({category}) is excluded from social assistance.',
  },
  'village-official-pkh': {
    severity: 'warning',
    id: 'Perangkat desa/kelurahan ("{value}") tidak boleh menerima {program}.',
    en: 'Village officials ("{value}") may not receive {program}.',
  },
  'house-good': {
    severity: 'warning',
    id: 'Kondisi rumah "{value}" tergolong layak/baik: periksa kembali kelayakan menerima bantuan.',
    en: 'House condition "{value}" counts as good: check eligibility again.',
  },
  died: {
    severity: 'warning',
    id: 'Tercatat meninggal dunia ({labelId}: "{value}"): keluarkan dari daftar atau ganti pengurus.',
    en: 'Recorded as deceased ({labelEn}: "{value}"): remove from the list or change the recipient.',
  },
  moved: {
    severity: 'warning',
    id: 'Tercatat pindah ({labelId}: "{value}"): keluarkan atau pindahkan ke wilayah baru.',
    en: 'Recorded as moved away ({labelEn}: "{value}"): remove or transfer to the new area.',
  },
  'head-under-17': {
    severity: 'warning',
    id: 'Umur {age} tahun (lahir {birthDate}): di bawah {minAge} tahun tidak dapat menjadi kepala keluarga penerima.',
    en: 'Age {age} (born {birthDate}): under {minAge} cannot be the recipient head of household.',
  },
  'rule-overridden': {
    severity: 'info',
    id: 'Aturan "{ruleId}" dikecualikan: {reason}{byId}.',
    en: 'Rule "{ruleEn}" overridden: {reason}{byEn}.',
  },
};

/** A template split once into literal text and parameter names (odd indexes), so filling it needs no regex. */
type Template = readonly string[];

interface CompiledSpec {
  severity: Severity;
  id: Template;
  en: Template;
}

const compile = (template: string): Template => template.split(/\{(\w+)\}/);

const MESSAGES: ReadonlyMap<string, CompiledSpec> = new Map(
  Object.entries(MESSAGE_TABLE).map(([code, m]) => [code, { severity: m.severity, id: compile(m.id), en: compile(m.en) }]),
);

/** Readable names of the eligibility rules, for 'rule-overridden' and the settings screen. */
export const RULE_LABELS: Readonly<Record<string, { id: string; en: string }>> = {
  'income-above-umr': { id: 'Penghasilan ≥ UMR/UMK', en: 'Income at or above minimum wage' },
  'occupation-excluded': { id: 'Pekerjaan dikecualikan (PNS/TNI/Polri/…)', en: 'Excluded occupation (civil servant/army/police/…)' },
  'village-official-pkh': { id: 'Perangkat desa di PKH', en: 'Village official in PKH' },
  'house-good': { id: 'Rumah pribadi layak', en: 'Good private house' },
  died: { id: 'Meninggal dunia', en: 'Deceased' },
  moved: { id: 'Pindah', en: 'Moved away' },
  'head-under-17': { id: 'Kepala keluarga di bawah 17 tahun', en: 'Head of household under 17' },
};

export function isKnownCode(code: string): boolean {
  return MESSAGES.has(code);
}

export function defaultSeverity(code: string): Severity {
  return MESSAGES.get(code)?.severity ?? 'warning';
}

/** Every code with its default severity: for the UI's legend and filters. */
export function findingCodes(): Array<{ code: string; severity: Severity }> {
  return [...MESSAGES].map(([code, m]) => ({ code, severity: m.severity }));
}

function fill(template: Template, params: Record<string, string | number> | undefined): string {
  // The template's own copy (exact size) with each parameter name replaced by its value,
  // joined. Joined, not concatenated: += leaves a tree of string pieces per message, and
  // findings live as long as their row, so every piece would be copied by each GC. One
  // path for every template (a text without parameters is one part): a branch of its own
  // is first met late, after this is optimised (a deopt).
  const parts = template.slice();
  for (let i = 1; i < parts.length; i += 2) {
    const key = template[i] as string;
    const v = params && Object.hasOwn(params, key) ? params[key] : undefined;
    parts[i] = v === undefined ? '' : String(v);
  }
  return parts.join('');
}

/** The finding's sentence in the chosen language; codes from other modules fall back to f.message. */
export function describeFinding(f: Finding, lang: 'id' | 'en'): string {
  const spec = MESSAGES.get(f.code);
  if (!spec) return f.message;
  return fill(spec[lang], f.params);
}

/** Builds a finding with its default severity and its Indonesian message. */
export function makeFinding(
  row: string,
  code: string,
  params: Record<string, string | number> = {},
  column?: ColumnRole,
  severity?: Severity,
): Finding {
  const spec = MESSAGES.get(code);
  const sev = severity ?? spec?.severity ?? 'warning';
  const message = spec ? fill(spec.id, params) : code;
  // Built whole (column last, where JSON has always put it): a property added later
  // costs each finding a second object, and findings live as long as their row.
  return column ? { row, code, severity: sev, message, params, column } : { row, code, severity: sev, message, params };
}

/**
 * makeFinding with its message already written by the caller, who builds it more cheaply
 * than the template can (see engine/relations.ts); it must equal the template filled
 * from `params` (the tests check it).
 */
export function findingWithMessage(
  row: string,
  code: string,
  message: string,
  params: Record<string, string | number>,
  column: ColumnRole,
): Finding {
  // The same literal as makeFinding's, for one shape of finding.
  return { row, code, severity: defaultSeverity(code), message, params, column };
}
