// Findings that depend on the row alone: field checks and eligibility rules
// (with the officer's overrides for this row).
import { checkFields } from '../fields';
import type { Finding } from '../findings';
import type { ParsedRow } from '../parsedRow';
import { appendEligibility, type RuleOverride, type RuleTermCache } from '../rules';
import type { RecordRow } from '../schema';
import type { EngineConfig } from './config';
import type { IdTrust } from './idColumns';

/**
 * `overrides`: the officer's overrides for this row (undefined: none);
 * `trust`: the verdict on the row's NIK / No KK (its source's columns, see idColumns.ts, with
 * its lost digits applied: rowVerdict); `parsed`: the row's parseRow under config.today and `trust`;
 * `terms`: the engine's RuleTermCache; `nikFormat`: false for a source in config.identityNotNik.
 */
export function localFindings(
  row: RecordRow,
  config: EngineConfig,
  overrides: readonly RuleOverride[] | undefined,
  trust: IdTrust,
  parsed: ParsedRow,
  terms: RuleTermCache,
  nikFormat: boolean,
): Finding[] {
  // One list: the rules' findings follow the field checks' in checkFields' own array.
  const out = checkFields(row, { today: config.today, idColumns: trust, parsed, nikFormat });
  appendEligibility(out, row, config.rules, overrides, config.today, { parsed, terms, overlap: config.overlap, programBySource: config.programBySource });
  return out;
}
