import { describe, expect, it } from 'vitest';
import { detectColumns, normalizeHeader, roleSynonyms } from '../../src/domain/headers';
import { ROLE_LABELS } from '../../src/domain/messages';
import { COLUMN_ROLES, type ColumnRole } from '../../src/domain/schema';
import { forSeeds, pick, randomString } from './helpers';

const single = (h: string): ColumnRole | null => detectColumns([h])[0] ?? null;

describe('detectColumns', () => {
  it.each([
    ['NIK', 'nik'], ['NIK KTP', 'nik'], ['No. NIK', 'nik'], ['Nomor Induk Kependudukan', 'nik'], ['NIK KRT', 'nik'], ['nik_penerima', 'nik'],
    ['No KK', 'no_kk'], ['NOMOR KK', 'no_kk'], ['No. Kartu Keluarga', 'no_kk'], ['NO_KK', 'no_kk'], ['Nomer KK', 'no_kk'],
    ['Nama', 'nama'], ['NAMA LENGKAP', 'nama'], ['Nama KRT', 'nama'], ['Nama Penerima Manfaat', 'nama'], ['Nama Kepala Keluarga', 'nama'],
    ['Tgl Lahir', 'tanggal_lahir'], ['TGL_LAHIR', 'tanggal_lahir'], ['Tanggal Lahir (dd-mm-yyyy)', 'tanggal_lahir'], ['tglLahir', 'tanggal_lahir'], ['TANGGAL/BULAN/TAHUN LAHIR', 'tanggal_lahir'], ['TEMPAT, TGL LAHIR', 'tanggal_lahir'],
    ['NOMOR INDUK KEPENDUDUKAN (NIK)', 'nik'], ['NIK*', 'nik'], ['NO. KK (16 DIGIT)', 'no_kk'], ['JENIS KELAMIN (L/P)', 'jenis_kelamin'],
    ['Tempat Lahir', 'tempat_lahir'], ['TMP LAHIR', 'tempat_lahir'],
    ['L/P', 'jenis_kelamin'], ['JK', 'jenis_kelamin'], ['Jenis Kelamin', 'jenis_kelamin'],
    ['DESA/KEL', 'desa_kelurahan'], ['Kelurahan', 'desa_kelurahan'], ['Desa', 'desa_kelurahan'],
    ['KEC', 'kecamatan'], ['Kecamatan', 'kecamatan'], ['KEC.', 'kecamatan'],
    ['Alamat', 'alamat'], ['ALAMAT LENGKAP', 'alamat'],
    ['RT', 'rt'], ['RW', 'rw'], ['RT/RW', 'rt'],
    ['Pekerjaan', 'pekerjaan'], ['Mata Pencaharian', 'pekerjaan'],
    ['Penghasilan', 'penghasilan'], ['Penghasilan per Bulan (Rp)', 'penghasilan'], ['Pendapatan', 'penghasilan'],
    ['Kondisi Rumah', 'kondisi_rumah'], ['Status Kepemilikan Rumah', 'kondisi_rumah'],
    ['Program', 'program'], ['Jenis Bantuan', 'program'],
    ['Status DTKS', 'status_dtks'], ['DTKS/NON DTKS', 'status_dtks'], ['Ket. DTKS', 'status_dtks'],
    ['Status', 'status'], ['Status Usulan', 'status'],
    ['Alasan', 'alasan'], ['Alasan Keluar', 'alasan'],
    ['Sumber Data', 'sumber'], ['Pengusul', 'sumber'],
    ['Catatan', 'catatan'], ['Keterangan', 'catatan'], ['KET', 'catatan'],
  ] as const)('%j → %s', (header, role) => {
    expect(single(header)).toBe(role);
  });

  it.each(['No', 'No.', 'No Urut', 'Nama Ibu Kandung', 'NIK Istri', 'Nama Desa Asal Suami', 'xyz', '', 'Foto', 'Umur'])('%j → null', (header) => {
    expect(single(header)).toBeNull();
  });

  it('recognises every role by its key and by its Indonesian label (what Selaras itself exports)', () => {
    expect(detectColumns([...COLUMN_ROLES])).toEqual([...COLUMN_ROLES]);
    expect(detectColumns(COLUMN_ROLES.map((r) => ROLE_LABELS[r].id))).toEqual([...COLUMN_ROLES]);
    expect(detectColumns(COLUMN_ROLES.map((r) => ROLE_LABELS[r].id.toUpperCase()))).toEqual([...COLUMN_ROLES]);
  });

  it('maps a real sheet, each role at most once', () => {
    const headers = ['NO', 'NIK', 'NO KK', 'NAMA KRT', 'NIK ISTRI', 'NAMA IBU KANDUNG', 'L/P', 'TEMPAT LAHIR', 'TGL LAHIR', 'ALAMAT', 'RT', 'RW',
      'DESA/KEL', 'KEC', 'PEKERJAAN', 'PENGHASILAN', 'KONDISI RUMAH', 'PROGRAM', 'DTKS/NON DTKS', 'STATUS', 'ALASAN', 'SUMBER', 'KETERANGAN'];
    expect(detectColumns(headers)).toEqual([null, 'nik', 'no_kk', 'nama', null, null, 'jenis_kelamin', 'tempat_lahir', 'tanggal_lahir', 'alamat',
      'rt', 'rw', 'desa_kelurahan', 'kecamatan', 'pekerjaan', 'penghasilan', 'kondisi_rumah', 'program', 'status_dtks', 'status', 'alasan', 'sumber', 'catatan']);
  });

  it('gives a role to the more exact header, then the leftmost', () => {
    expect(detectColumns(['NIK Penerima Bantuan', 'NIK'])).toEqual([null, 'nik']);
    expect(detectColumns(['Nama', 'Nama'])).toEqual(['nama', null]);
  });

  it('every known name is in normalised form and maps back to its role', () => {
    for (const role of COLUMN_ROLES) {
      expect(roleSynonyms(role).length).toBeGreaterThan(0);
      for (const name of roleSynonyms(role)) {
        expect(normalizeHeader(name)).toBe(name);
        expect(single(name)).toBe(role);
      }
    }
  });

  it('normalizes headers', () => {
    expect(normalizeHeader(' No. NIK ')).toBe('no nik');
    expect(normalizeHeader('TGL_LAHIR')).toBe('tgl lahir');
    expect(normalizeHeader('Tanggal Lahir (dd-mm-yyyy)')).toBe('tanggal lahir');
  });

  it('never throws, keeps length, uses each role at most once (seeded fuzz)', () => {
    const known = ['NIK', 'No KK', 'Nama', 'nama lengkap', 'TGL LAHIR', 'L/P', 'Desa', 'Kec', 'RT', 'RW', 'Status', 'Keterangan', 'ket'];
    forSeeds(2000, 600, (rng) => {
      const n = Math.floor(rng() * 25);
      const headers = Array.from({ length: n }, () => (rng() < 0.5 ? pick(rng, known) : randomString(rng, 20)));
      const roles = detectColumns(headers);
      expect(roles).toHaveLength(n);
      const used = roles.filter((r): r is ColumnRole => r !== null);
      expect(new Set(used).size).toBe(used.length);
      for (const r of used) expect(COLUMN_ROLES).toContain(r);
    });
  });
});
