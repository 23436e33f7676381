// The sex column as officers fill it.

/** Spellings of each sex (letters and digits only); 1/2 is the BPS coding. */
const MALE: ReadonlySet<string> = new Set(['l', 'lk', 'laki', 'lakilaki', 'lelaki', 'pria', 'm', 'male', 'cowok', '1']);
const FEMALE: ReadonlySet<string> = new Set(['p', 'pr', 'prp', 'perempuan', 'wanita', 'w', 'f', 'female', 'cewek', '2']);

/** 'L'/'P' from what officers write in the sex column; null when unrecognisable. */
export function parseSex(raw: string): 'L' | 'P' | null {
  // Nearly every cell is a bare L or P: no lowercasing or regex for those.
  if (raw === 'L' || raw === 'l') return 'L';
  if (raw === 'P' || raw === 'p') return 'P';
  const s = (raw ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  if (MALE.has(s)) return 'L';
  if (FEMALE.has(s)) return 'P';
  return null;
}
