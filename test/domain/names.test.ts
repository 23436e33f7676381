import { describe, expect, it } from 'vitest';
import { nameTokens, normalizeName, phoneticToken } from '../../src/domain/names';
import { forSeeds, pick, randomString } from './helpers';

describe('normalizeName', () => {
  it.each([
    ['  SITI   AMINAH ', 'siti aminah'],
    ['H. Moch. Chairoel Anwar, S.Pd.', 'muhammad khairul anwar'],
    ['Hj. St. Noerhajati', 'siti nurhajati'],
    ['Hj Siti Nurhayati', 'siti nurhayati'],
    ['M. Yusuf', 'muhammad yusuf'],
    ['M Yusuf', 'muhammad yusuf'],
    ['Muhamad Yusuf', 'muhammad yusuf'],
    ['Mochammad Yusuf', 'muhammad yusuf'],
    ['Mohammad Yusuf', 'muhammad yusuf'],
    ['Moh. Yusuf', 'muhammad yusuf'],
    ['Muh Yusuf', 'muhammad yusuf'],
    ['Mhd. Yusuf', 'muhammad yusuf'],
    ['Ahmad M. Yusuf', 'ahmad muhammad yusuf'],
    ['Ahmad M Yusuf', 'ahmad m yusuf'],
    ['Abd. Rahman', 'abdul rahman'],
    ['Abd Rahman', 'abdul rahman'],
    ['Abdoel Rachman', 'abdul rakhman'],
    ['Chairul Tanjung', 'khairul tanyung'],
    ['Tjipto Soedarsono', 'cipto sudarsono'],
    ['Djoko Soesilo', 'joko susilo'],
    ['Sjahrir', 'syahrir'],
    ['Njoman Sudira', 'nyoman sudira'],
    ['Achmad Dahlan', 'ahmad dahlan'],
    ['Akhmad Dahlan', 'ahmad dahlan'],
    ['Noor Hidayah', 'nur hidayah'],
    ['Nurul Hidayah', 'nurul hidayah'],
    ['Drs. H. Achmad Djunaedi, M.M.', 'ahmad junaedi'],
    ['Dr. Ir. Bambang Susilo, M.T.', 'bambang susilo'],
    ['Siti Aminah SE', 'siti aminah'],
    ['Siti Aminah S.Pd', 'siti aminah'],
    ['Siti Aminah, S.Pd.I', 'siti aminah'],
    ['Rina Wati, A.Md.Keb', 'rina wati'],
    ['Budi ST', 'budi'],
    ["Ma'ruf Amin", 'maruf amin'],
    ['Siti-Aminah', 'siti aminah'],
    ['Ahmad bin Yusuf', 'ahmad yusuf'],
    ['Fatimah binti Abdullah', 'fatimah abdullah'],
    ['Sutrisno', 'sutrisno'],
    ['H.', 'h'],
    ['', ''],
    ['   ', ''],
    ['Ny. Sumiati', 'sumiati'],
    ['K.H. Abdul Wahid', 'abdul wahid'],
    ['Mbah Sarinah', 'sarinah'],
    ['Pak Darno', 'darno'],
    ['Hajah Fatimah', 'fatimah'],
    ['Alm. Sutrisno', 'sutrisno'],
    ['JOSÉ Ramírez', 'jose ramirez'],
    ['constructor toString', 'constructor tostring'],
    ['__proto__ hasOwnProperty', 'proto hasownproperty'],
  ])('%j → %j', (raw, normalized) => {
    expect(normalizeName(raw)).toBe(normalized);
  });

  it('spells the same person the same way', () => {
    const variants = ['H. Mochammad Chairoel Anwar', 'Muhammad Khairul Anwar', 'M. Chairul Anwar', 'MOH. KHAIRUL ANWAR, S.E.'];
    expect(new Set(variants.map(normalizeName)).size).toBe(1);
  });

  it('is idempotent and never throws (seeded fuzz)', () => {
    const parts = ['H.', 'Hj', 'M.', 'Moch', 'St.', 'Abd.', 'S.Pd.', ',', 'SE', 'bin', 'Djoko', 'Tjipto', 'oe', 'sdj', 'nj', 'ch', "'", '-', 'Siti', 'Nur'];
    forSeeds(4000, 300, (rng) => {
      let raw = randomString(rng, 20);
      if (rng() < 0.6) {
        raw = '';
        const n = Math.floor(rng() * 6);
        for (let i = 0; i < n; i++) raw += `${pick(rng, parts)}${rng() < 0.7 ? ' ' : ''}${rng() < 0.3 ? randomString(rng, 5) : ''}`;
      }
      const once = normalizeName(raw);
      expect(normalizeName(once)).toBe(once);
      expect(once).toMatch(/^([a-z0-9]+( [a-z0-9]+)*)?$/);
      expect(nameTokens(raw)).toEqual(once ? once.split(' ') : []);
    });
  });

  it('reads plain words (its shortcut) as the general path does (seeded)', () => {
    // A leading space is no plain-words name, so it takes the general path; it changes no token.
    const words = ['Siti', 'siti', 'H', 'Hj', 'M', 'm', 'Moch', 'St', 'Abd', 'SE', 'Spd', 'MA', 'bin', 'Binti', 'Djoko', 'Tjipto', 'Soekarno', 'Nur', 'Noor', 'Ahmad', 'Achmad', 'Ibu', 'Lc'];
    forSeeds(3000, 9100, (rng) => {
      const n = 1 + Math.floor(rng() * 5);
      const raw = Array.from({ length: n }, () => pick(rng, words)).join(' ');
      expect(nameTokens(raw)).toEqual(nameTokens(` ${raw}`));
    });
  });
});

describe('phoneticToken', () => {
  it.each([
    ['muhammad', 'muhamad'],
    ['fatimah', 'fatima'],
    ['widhi', 'widi'],
    ['fathur', 'fatur'],
    ['sitti', 'siti'],
  ])('%s → %s', (t, key) => {
    expect(phoneticToken(t)).toBe(key);
  });

  it('equals its plain regular-expression definition (seeded)', () => {
    const reference = (t: string) =>
      t.replace(/dh/g, 'd').replace(/th/g, 't').replace(/kh/g, 'k').replace(/ph/g, 'f').replace(/([a-z])\1+/g, '$1').replace(/(?<=[a-z]{3})h$/, '');
    forSeeds(5000, 3300, (rng) => {
      let t = '';
      const n = Math.floor(rng() * 10);
      for (let i = 0; i < n; i++) t += pick(rng, [...'dhtkpaaiu1h']);
      expect(phoneticToken(t)).toBe(reference(t));
    });
  });
});
