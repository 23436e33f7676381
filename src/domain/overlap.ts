// Which social-assistance programs a household may receive together, and which
// programs count households rather than persons. Pure data + lookups; the
// engine turns these into overlap findings and household duplicate groups.

/** A canonical program id: upper case, e.g. 'PKH', 'BPNT', 'BST', 'JPS', 'BLT-DD'. */
export type ProgramId = string;

export interface OverlapMatrix {
  /** Pairs that may NOT be received together (order does not matter). */
  forbidden: [ProgramId, ProgramId][];
  /** Programs whose unit is the person, not the household (no household duplicates there). */
  personPrograms: ProgramId[];
}

/**
 * Defaults from practice (see the seeds): PKH and BPNT (Program Sembako) are
 * complementary and may overlap; BST was for households outside PKH/BPNT; BLT
 * Dana Desa and a regency's JPS are for households that get none of the central
 * programs. PBI-JK (health insurance) and KIP are per person.
 */
export const DEFAULT_OVERLAP: OverlapMatrix = {
  forbidden: [
    ['JPS', 'BPNT'],
    ['JPS', 'PKH'],
    ['JPS', 'BST'],
    ['BST', 'BPNT'],
    ['BST', 'PKH'],
    ['BLT-DD', 'PKH'],
    ['BLT-DD', 'BPNT'],
    ['BLT-DD', 'BST'],
  ],
  personPrograms: ['PBI-JK', 'KIP'],
};

// Spellings officers write for the same program.
const ALIASES: [RegExp, ProgramId][] = [
  // 'JPS Daerah', 'JPS Kab', 'JPS Kota Pekalongan': a regency's or city's own safety net.
  [/^(JPS.*|JARINGPENGAMANSOSIAL.*)$/, 'JPS'],
  [/^(BPNT|SEMBAKO|PROGRAMSEMBAKO|BANTUANPANGANNONTUNAI|KARTUSEMBAKO)$/, 'BPNT'],
  [/^(BST|BANSOSTUNAI|BANTUANSOSIALTUNAI)$/, 'BST'],
  [/^(BLTDD|BLTDESA|BLTDANADESA|BLT)$/, 'BLT-DD'],
  [/^(PKH|PROGRAMKELUARGAHARAPAN)$/, 'PKH'],
  [/^(PBI|PBIJK|PBIJKN|KIS)$/, 'PBI-JK'],
  [/^(KIP|PIP)$/, 'KIP'],
  // Not a programme but the reference list of the poor: a sheet or file of it classifies the others.
  [/^(DTKS|DTSEN|DATATERPADU|DATATUNGGAL).*$/, 'DTKS'],
];

/** Canonical program id of a cell value ('' when empty). */
export function normalizeProgram(raw: string | undefined): ProgramId {
  if (!raw) return '';
  const squashed = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (!squashed) return '';
  for (const [pattern, id] of ALIASES) if (pattern.test(squashed)) return id;
  return squashed;
}

/** The programs named in one cell ("PKH, BPNT" lists two). */
export function programsOf(raw: string | undefined): ProgramId[] {
  if (!raw) return [];
  const out = new Set<ProgramId>();
  for (const part of raw.split(/[,;/+&]| dan /i)) {
    const id = normalizeProgram(part);
    if (id) out.add(id);
  }
  return [...out].sort();
}

/** The matrix with program names normalised once, for fast lookups. */
export interface CompiledOverlap {
  forbidden: ReadonlySet<string>;
  personPrograms: ReadonlySet<ProgramId>;
}

export function compileOverlap(matrix: OverlapMatrix): CompiledOverlap {
  const forbidden = new Set<string>();
  for (const [x, y] of matrix.forbidden) {
    const a = normalizeProgram(x);
    const b = normalizeProgram(y);
    forbidden.add(`${a}|${b}`);
    forbidden.add(`${b}|${a}`);
  }
  return { forbidden, personPrograms: new Set(matrix.personPrograms.map(normalizeProgram)) };
}

/** May a household receive programs a and b together? The same program is never an "overlap". */
export function mayOverlap(matrix: CompiledOverlap, a: ProgramId, b: ProgramId): boolean {
  return a === b || !matrix.forbidden.has(`${a}|${b}`);
}

/** Is the program counted per household (so two rows with one No KK are a duplicate)? */
export function isHouseholdProgram(matrix: CompiledOverlap, program: ProgramId): boolean {
  return !matrix.personPrograms.has(program);
}

/** Guess a program from a file or sheet name such as "BPNT-Medono.csv" ('' when none). */
export function programFromName(name: string): ProgramId {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  for (const part of base.split(/[^A-Za-z0-9]+/)) {
    const id = normalizeProgram(part);
    if (ALIASES.some(([, known]) => known === id)) return id;
  }
  return '';
}
