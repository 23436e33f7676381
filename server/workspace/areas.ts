// A regency's kecamatan and kelurahan/desa from the idn-area-data package
// (Kemendagri codes). Kota Pekalongan is 33.75: 4 kecamatan, 27 kelurahan.
import { getDistricts, getRegencies, getVillages } from 'idn-area-data';
import type { AreaSeed } from '../catalog/areas';

export const KOTA_PEKALONGAN = '33.75';

/** Title case for the package's names ("KOTA PEKALONGAN" → "Kota Pekalongan"; others are already mixed case). */
function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|[\s(-])(\p{L})/gu, (_m, pre: string, ch: string) => pre + ch.toUpperCase());
}

export async function loadRegencyAreas(regencyCode: string): Promise<AreaSeed> {
  const [regencies, districts, villages] = await Promise.all([getRegencies(), getDistricts(), getVillages()]);
  const regency = regencies.find((r) => r.code === regencyCode);
  if (!regency) throw new Error(`Kode kabupaten/kota ${regencyCode} tidak ada di data wilayah idn-area-data.`);
  const kecamatan = districts
    .filter((d) => d.regency_code === regencyCode)
    .map((d) => ({ code: d.code, name: titleCase(d.name) }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const kecCodes = new Set(kecamatan.map((k) => k.code));
  const kelurahan = villages
    .filter((v) => kecCodes.has(v.district_code))
    .map((v) => ({ code: v.code, name: titleCase(v.name), kecamatanCode: v.district_code }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return {
    workspace: { id: 'w_' + regencyCode.replace('.', ''), name: titleCase(regency.name), regencyCode },
    kecamatan,
    kelurahan,
  };
}
