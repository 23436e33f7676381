// Per-row field checks: everything that depends only on the row itself
// (identity numbers, dates, sex, names, small fields). Duplicates and program
// overlaps live in match/ and engine/.
import { districtKey, districtName, normalizeAreaName, provinceName, regencyName } from './area/index';
import { formatDate, todayIso } from './dates';
import type { Finding } from './findings';
import { makeFinding, ROLE_LABELS } from './messages';
import { nikBirthParts, type IdColumnsVerdict, type NikInfo } from './nik';
import { cellVerdict, filled, parseRow, type ParsedRow } from './parsedRow';
import { ROW_STATUSES, type ColumnRole, type RecordRow, type RowStatus } from './schema';
import { digitsAt, hasDigit, isAllDigits } from './digits';

export interface FieldCheckOptions {
  /** ISO date used as today (future birth dates, ages). Default: today in WIB. */
  today?: string;
  /** Roles that must be filled besides nik and nama (e.g. ['no_kk'] in a household programme). */
  required?: ColumnRole[];
  /**
   * The verdict on this row's NIK / No KK columns (idColumnVerdict): a trailing 0
   * is nothing in a 'trusted' column, Excel damage (error) in a 'damaged' one, and
   * a warning to compare with the card while 'unsure' (one real NIK in ten ends in 0).
   * Without a verdict a trailing 0 counts as damage. A cell in the row's lostDigits
   * is damaged whatever its column's verdict.
   */
  idColumns?: Partial<IdColumnsVerdict>;
  /**
   * false when the identity column holds another kind of number (e.g. FEBRL's
   * soc_sec_id mapped with --map): then only its presence is checked (and digits the
   * file reader knows were lost to Excel, RecordRow.lostDigits).
   */
  nikFormat?: boolean;
  /** The row parsed by parseRow under the same today and rowVerdict(row, idColumns) (the engine shares it with the matcher); parsed here when absent. */
  parsed?: ParsedRow;
}

// Patterns used on every row, compiled once (no g/y flag: test keeps no state).
const RT_SLASH_RW = /^\s*\d{1,3}\s*\/\s*\d{1,3}\s*$/;
const RT_RW = /^\s*(?:r[tw]\.?\s*)?0*(\d{1,3})\s*$/i;

/** No roles required besides nik and nama (FieldCheckOptions.required absent): shared, not a new [] per row. */
const NO_ROLES: readonly ColumnRole[] = [];

/** An RT/RW number as written ('003', 'RT 03', '3'); null when it is something else. */
export function parseRtRw(raw: string): number | null {
  // '003', '12': digits only, the usual cell, read without the regex.
  if (typeof raw === 'string' && raw.length > 0 && raw.length <= 3 && isAllDigits(raw)) return digitsAt(raw, 0, raw.length);
  const m = RT_RW.exec(raw ?? '');
  return m ? Number(m[1]) : null;
}

const DTKS: ReadonlySet<string> = new Set(['dtks', 'ya', 'y', 'terdaftar', 'masukdtks', 'dtksya']);
const NON_DTKS: ReadonlySet<string> = new Set(['nondtks', 'non', 'tidak', 't', 'bukandtks', 'tidakterdaftar', 'belumdtks', 'luardtks']);

/** 'DTKS' / 'Non-DTKS' (and the usual variants); null when unrecognisable. */
export function parseDtksStatus(raw: string): 'dtks' | 'non-dtks' | null {
  const s = (raw ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (DTKS.has(s)) return 'dtks';
  if (NON_DTKS.has(s)) return 'non-dtks';
  return null;
}

/** What officers write for each row status besides its own name. */
const STATUS_SYNONYMS: ReadonlyMap<string, RowStatus> = new Map<string, RowStatus>([
  ['usulan baru', 'usulan'], ['baru', 'usulan'], ['diusulkan', 'usulan'],
  ['validasi ulang', 'perlu validasi ulang'], ['perlu validasi', 'perlu validasi ulang'], ['tidak valid', 'perlu validasi ulang'],
  ['invalid', 'perlu validasi ulang'], ['pvu', 'perlu validasi ulang'],
  ['tetap', 'ditetapkan'], ['penetapan', 'ditetapkan'], ['sudah ditetapkan', 'ditetapkan'],
  ['graduasi mandiri', 'graduasi'], ['lulus', 'graduasi'],
  ['keluar', 'dikeluarkan'], ['dihapus', 'dikeluarkan'], ['hapus', 'dikeluarkan'], ['tidak layak', 'dikeluarkan'],
]);

/** The row status, accepting case, spacing and the usual synonyms ('Usulan Baru', 'PVU', 'Keluar'). */
export function parseRowStatus(raw: string): RowStatus | null {
  const s = (raw ?? '').toLowerCase().replace(/[^a-z]+/g, ' ').trim();
  if ((ROW_STATUSES as readonly string[]).includes(s)) return s as RowStatus;
  return STATUS_SYNONYMS.get(s) ?? null;
}

function idNumberFindings(
  out: Finding[],
  key: string,
  prefix: 'nik' | 'nokk',
  column: ColumnRole,
  value: string,
  info: { digits: string | null; problems: readonly string[]; province?: string; regency?: string; excelDigits?: string },
  damaged: boolean,
): void {
  if (info.problems.length === 0) return;
  const shown = value.trim();
  for (let i = 0; i < info.problems.length; i++) {
    const p = info.problems[i];
    switch (p) {
      case 'excel-scientific':
        out.push(makeFinding(key, `${prefix}-excel-scientific`, { value: shown, ...(info.excelDigits ? { digits: info.excelDigits } : {}) }, column));
        break;
      case 'excel-precision':
        // Damage only where the column says so; otherwise a reminder to compare with the card.
        out.push(makeFinding(key, damaged ? `${prefix}-excel-precision` : `${prefix}-trailing-zero`, { value: info.digits ?? shown }, column));
        break;
      case 'placeholder':
      case 'serial-zero':
        out.push(makeFinding(key, `${prefix}-${p}`, { value: info.digits ?? shown }, column));
        break;
      case 'non-digit':
        out.push(makeFinding(key, `${prefix}-non-digit`, { value: shown }, column));
        break;
      case 'length':
        out.push(makeFinding(key, `${prefix}-length`, { value: shown, length: shown.replace(/\D/g, '').length }, column));
        break;
      case 'province-unknown':
        out.push(makeFinding(key, `${prefix}-province-unknown`, { code: (info.digits ?? '').slice(0, 2) }, column));
        break;
      case 'regency-unknown':
        out.push(makeFinding(key, `${prefix}-regency-unknown`, {
          code: (info.digits ?? '').slice(0, 4), province: provinceName(info.province ?? '') ?? '',
        }, column));
        break;
      case 'district-unknown':
        out.push(makeFinding(key, `${prefix}-district-unknown`, {
          code: (info.digits ?? '').slice(0, 6), regency: regencyName(info.regency ?? '') ?? '',
        }, column));
        break;
      case 'birth-date-impossible':
      case 'issue-date-impossible':
        out.push(makeFinding(key, `${prefix}-${p}`, { part: (info.digits ?? '').slice(6, 12), value: info.digits ?? shown }, column));
        break;
      default:
        break; // 'empty' is reported as a missing field
    }
  }
}

function nikAgreement(out: Finding[], key: string, nik: NikInfo, row: RecordRow, birthIso: string | null, sex: 'L' | 'P' | null): void {
  const digits = nik.digits;
  if (!digits || !nik.birthDate) return;
  // The same date (parseNik then returns the row's own string): nothing to compare.
  if (birthIso && birthIso !== nik.birthDate) {
    const parts = nikBirthParts(digits);
    // parseDate's ISO form, 'YYYY-MM-DD': read by character.
    const y = digitsAt(birthIso, 0, 4);
    const m = digitsAt(birthIso, 5, 2);
    const d = digitsAt(birthIso, 8, 2);
    if (d !== parts.day || m !== parts.month || y % 100 !== parts.yy) {
      // A day/month swap is the commonest typo: say so.
      const swapped = d === parts.month && m === parts.day && y % 100 === parts.yy;
      out.push(makeFinding(key, 'nik-birth-date-mismatch', {
        nikDate: formatDate(nik.birthDate), rowDate: formatDate(birthIso),
        hintId: swapped ? ' (hari dan bulan tertukar?)' : '', hintEn: swapped ? ' (day and month swapped?)' : '',
      }, 'tanggal_lahir'));
    }
  }
  if (sex && nik.sex && sex !== nik.sex) {
    out.push(makeFinding(key, 'nik-sex-mismatch', {
      nikSexId: nik.sex === 'P' ? 'perempuan' : 'laki-laki',
      nikSexEn: nik.sex === 'P' ? 'female' : 'male',
      nikDay: digits.slice(6, 8),
      rowSex: (row.values.jenis_kelamin ?? '').trim(),
    }, 'jenis_kelamin'));
  }
  const kec = row.values.kecamatan;
  if (nik.district && filled(kec)) {
    const issued = districtName(nik.district) ?? '';
    if (issued.toLowerCase() !== kec.trim().toLowerCase() && districtKey(nik.district) !== normalizeAreaName(kec)) {
      out.push(makeFinding(key, 'nik-region-differs', {
        nikDistrict: issued, nikRegency: regencyName(nik.regency ?? '') ?? '', kecamatan: kec.trim(), code: nik.district,
      }, 'kecamatan'));
    }
  }
}

/** Whether the digits of `raw` (other characters skipped) are exactly `digits`. */
function sameDigits(digits: string, raw: string): boolean {
  let j = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    if (j >= digits.length || digits.charCodeAt(j) !== c) return false;
    j++;
  }
  return j === digits.length;
}

/** All field findings of one row, in a stable order (by column, then code). */
export function checkFields(row: RecordRow, options: FieldCheckOptions = {}): Finding[] {
  const key = row.key;
  const v = row.values;
  const today = options.today ?? todayIso();
  const out: Finding[] = [];

  const birthRaw = v.tanggal_lahir;
  // A cell the file reader knows lost digits counts as damaged whatever its column's verdict.
  const nikVerdict = cellVerdict(row, 'nik', options.idColumns?.nik ?? 'damaged');
  const noKkVerdict = cellVerdict(row, 'no_kk', options.idColumns?.no_kk ?? 'damaged');
  const parsed = options.parsed ?? parseRow(row, today, { nik: nikVerdict, no_kk: noKkVerdict });
  const birthIso = parsed.birthIso;

  // NIK
  if (!filled(v.nik)) out.push(makeFinding(key, 'nik-missing', {}, 'nik'));
  else if (options.nikFormat !== false && parsed.nik) {
    const nik = parsed.nik;
    idNumberFindings(out, key, 'nik', 'nik', v.nik, nik, nikVerdict === 'damaged');
    // A dummy NIK says nothing about the person: comparing it would only add noise.
    if (!nik.problems.includes('placeholder')) nikAgreement(out, key, nik, row, birthIso, parsed.sex);
  } else if (options.nikFormat === false && row.lostDigits !== undefined && row.lostDigits.includes('nik')) {
    // Another kind of number is not checked as a NIK, but digits lost to Excel are lost all the same.
    out.push(makeFinding(key, 'nik-excel-precision', { value: parsed.nik?.digits ?? v.nik.trim() }, 'nik'));
  }

  // No KK
  if (filled(v.no_kk) && parsed.noKk) {
    const kk = parsed.noKk;
    // A NIK typed into the No KK column: say that, not what a NIK looks like as a KK.
    if (kk.digits && filled(v.nik) && sameDigits(kk.digits, v.nik)) out.push(makeFinding(key, 'nokk-same-as-nik', { value: kk.digits }, 'no_kk'));
    else idNumberFindings(out, key, 'nokk', 'no_kk', v.no_kk, kk, noKkVerdict === 'damaged');
  }

  // Nama
  if (!filled(v.nama)) out.push(makeFinding(key, 'nama-missing', {}, 'nama'));
  else {
    const name = v.nama.trim();
    if (hasDigit(name)) out.push(makeFinding(key, 'nama-has-digits', { value: name }, 'nama'));
    else if (name.length < 6 && name.replace(/[^\p{L}]/gu, '').length < 2) out.push(makeFinding(key, 'nama-too-short', { value: name }, 'nama'));
  }

  // Other required fields (an index loop: for-of makes an iterator per row until optimised)
  const required = options.required ?? NO_ROLES;
  for (let i = 0; i < required.length; i++) {
    const role = required[i] as ColumnRole;
    if (role === 'nik' || role === 'nama') continue;
    if (!filled(v[role])) out.push(makeFinding(key, 'field-missing', { labelId: ROLE_LABELS[role].id, labelEn: ROLE_LABELS[role].en }, role));
  }

  // Tanggal lahir
  if (filled(birthRaw)) {
    if (!birthIso) out.push(makeFinding(key, 'tanggal-lahir-invalid', { value: birthRaw.trim() }, 'tanggal_lahir'));
    else {
      const age = parsed.birthAge;
      if (age < 0 || (age === 0 && birthIso > today)) out.push(makeFinding(key, 'tanggal-lahir-future', { value: formatDate(birthIso) }, 'tanggal_lahir'));
      else if (age > 110) out.push(makeFinding(key, 'tanggal-lahir-too-old', { value: formatDate(birthIso), age }, 'tanggal_lahir'));
    }
  }

  if (filled(v.jenis_kelamin) && !parsed.sex) {
    out.push(makeFinding(key, 'jenis-kelamin-invalid', { value: v.jenis_kelamin.trim() }, 'jenis_kelamin'));
  }
  if (filled(v.rt) && parseRtRw(v.rt) === null && !RT_SLASH_RW.test(v.rt)) {
    out.push(makeFinding(key, 'rt-invalid', { value: v.rt.trim() }, 'rt'));
  }
  if (filled(v.rw) && parseRtRw(v.rw) === null) out.push(makeFinding(key, 'rw-invalid', { value: v.rw.trim() }, 'rw'));
  if (filled(v.penghasilan) && parsed.income === null) {
    out.push(makeFinding(key, 'penghasilan-invalid', { value: v.penghasilan.trim() }, 'penghasilan'));
  }
  if (filled(v.status) && !parseRowStatus(v.status)) out.push(makeFinding(key, 'status-invalid', { value: v.status.trim() }, 'status'));
  if (filled(v.status_dtks) && !parseDtksStatus(v.status_dtks)) {
    out.push(makeFinding(key, 'status-dtks-invalid', { value: v.status_dtks.trim() }, 'status_dtks'));
  }
  return out;
}
