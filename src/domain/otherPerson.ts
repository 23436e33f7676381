// Words that name someone other than the recipient: a header with one holds another
// person's data (headers.ts), a death recorded of one is not the recipient's (rules.ts).

/** Whose data a column holds when it is not the recipient's own: never the main role. */
export const OTHER_PERSON: readonly string[] = ['ibu', 'ayah', 'bapak', 'suami', 'istri', 'pasangan', 'anak', 'art', 'wali', 'pendamping', 'petugas', 'operator', 'ortu'];

/**
 * OTHER_PERSON and the other relatives a Keterangan names, normalised (rules.ts's
 * normalizeTerm): 'Janda, suami meninggal', 'yatim piatu, kedua orang tua meninggal'.
 */
export const KIN: readonly string[] = [
  ...OTHER_PERSON,
  'isteri', 'orang tua', 'kakek', 'nenek', 'mbah', 'simbah', 'kakak', 'adik', 'mertua', 'menantu', 'cucu', 'cicit', 'buyut',
  'paman', 'bibi', 'keponakan', 'ponakan', 'saudara', 'ipar', 'mama', 'papa', 'emak', 'abah', 'anggota keluarga',
];
