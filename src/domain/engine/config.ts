// What the engine is told besides the rows: the match model, eligibility
// rules, the overlap matrix, which sources are reference lists (DTKS), and the
// officers' decisions ("bukan duplikat" pairs, eligibility overrides).
import { DEFAULT_MODEL, type MatchModel } from '../match/model';
import { DEFAULT_OVERLAP, type OverlapMatrix } from '../overlap';
import { DEFAULT_RULES, type EligibilityRules, type RuleOverride } from '../rules';

/** A pair an officer marked "bukan duplikat": it is never linked again. */
export interface PairDecision {
  a: string;
  b: string;
}

export interface EngineConfig {
  model: MatchModel;
  /** Eligibility rules of the workspace (UMR, excluded occupations, …). */
  rules: EligibilityRules;
  /** Eligibility findings an officer overrode, with a reason (re-checked per row only). */
  overrides: RuleOverride[];
  overlap: OverlapMatrix;
  /** Sources (sheet ids / file paths) that are reference lists such as DTKS. */
  referenceSources: string[];
  /** Program of every row of a source without a program column (e.g. a sheet "BPNT — Medono"). */
  programBySource: Record<string, string>;
  /** Blocks larger than this give no candidate pairs (a key shared by too many rows says nothing). */
  blockCap: number;
  /** ISO date used as "today" by the field and eligibility checks (fixed, so results are reproducible). */
  today: string;
  decisions: PairDecision[];
  /**
   * Sources whose nik column holds another kind of identity number (FEBRL's soc_sec_id
   * mapped with --map): it is matched on, but not checked as a NIK. Absent: every source's is a NIK.
   */
  identityNotNik?: string[];
}

export function defaultConfig(today: string): EngineConfig {
  return {
    model: DEFAULT_MODEL,
    rules: DEFAULT_RULES,
    overrides: [],
    overlap: DEFAULT_OVERLAP,
    referenceSources: [],
    programBySource: {},
    blockCap: 50,
    today,
    decisions: [],
  };
}
