// What the matcher compares, computed once per row: normalised name tokens,
// birth date, a usable identity number, address tokens, RT/RW, places, sex.
// Excel-damaged or dummy NIKs give no identity, so they never match.
import type { RecordRow } from '../schema';
import { nameTokens, phoneticToken } from '../names';
import { parseDate } from '../dates';
import { cleanIdNumber, isPlaceholderNumber, isUsableIdentity, parseNik } from '../nik';
import { isUsableNoKk, parseNoKk } from '../nokk';
import { parseSex } from '../fields';
import { programsOf, type ProgramId } from '../overlap';
import { addressTokens, neighbourhoodNumber, placeKey } from './address';
import { birthTerm, identityTerm, nameTerm } from './terms';

export interface BirthDate {
  iso: string;
  y: number;
  m: number;
  d: number;
  /** YYYYMMDD, for typo comparisons. */
  digits: string;
}

export interface Features {
  key: string;
  source: string;
  /** Row of a reference list (DTKS): matched against, never grouped. */
  reference: boolean;
  name: string[];
  /** Phonetic form of each name token (same order). */
  phonetic: string[];
  /** Term ids (see blocking.ts) of the name tokens, birth date and identity, precomputed for counting. */
  nameTerms: string[];
  birthTerm: string;
  identityTerm: string;
  /**
   * Term-frequency weights of the name tokens, birth date and identity (bits).
   * Owned and kept current by the matcher (they depend on other rows' counts);
   * compare.ts only reads them.
   */
  weights: { name: number[]; birth: number; identity: number };
  birth: BirthDate | null;
  identity: string | null;
  noKk: string | null;
  address: string[];
  rt: string;
  rw: string;
  village: string;
  district: string;
  birthPlace: string;
  sex: 'L' | 'P' | null;
  programs: ProgramId[];
}

function birth(raw: string | undefined): BirthDate | null {
  if (!raw) return null;
  const iso = parseDate(raw);
  if (!iso) return null;
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  return { iso, y, m, d, digits: iso.replace(/-/g, '') };
}

/**
 * The identity number usable for matching: a sound NIK, or (for lists that carry
 * another number, such as FEBRL's social-security id) a plain digit string of 5+
 * digits that is not NIK-shaped. Excel-damaged, dummy and malformed NIKs: null.
 */
export function identityOf(raw: string | undefined): string | null {
  if (!raw) return null;
  const info = parseNik(raw, { today: '2000-01-01' });
  if (isUsableIdentity(info)) return info.digits;
  const shape = cleanIdNumber(raw);
  if (shape.kind !== 'digits' || shape.digits.length === 16) return null;
  const d = shape.digits;
  if (d.length < 5 || d.length > 20 || isPlaceholderNumber(d)) return null;
  return d;
}

export function noKkOf(raw: string | undefined): string | null {
  if (!raw) return null;
  const info = parseNoKk(raw);
  return isUsableNoKk(info) ? info.digits : null;
}

export function featuresOf(row: RecordRow, reference: boolean, programFallback: ProgramId): Features {
  const v = row.values;
  const name = nameTokens(v.nama ?? '');
  const programs = programsOf(v.program);
  const born = birth(v.tanggal_lahir);
  const identity = identityOf(v.nik);
  return {
    key: row.key,
    source: row.source,
    reference,
    name,
    phonetic: name.map(phoneticToken),
    nameTerms: name.map(nameTerm),
    birthTerm: born ? birthTerm(born.iso) : '',
    identityTerm: identity ? identityTerm(identity) : '',
    birth: born,
    identity,
    weights: { name: name.map(() => 0), birth: 0, identity: 0 },
    noKk: noKkOf(v.no_kk),
    address: addressTokens(v.alamat),
    rt: neighbourhoodNumber(v.rt),
    rw: neighbourhoodNumber(v.rw),
    village: placeKey(v.desa_kelurahan),
    district: placeKey(v.kecamatan),
    birthPlace: placeKey(v.tempat_lahir),
    sex: parseSex(v.jenis_kelamin ?? ''),
    programs: programs.length > 0 ? programs : programFallback ? [programFallback] : [],
  };
}
