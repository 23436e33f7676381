// Findings that depend on the row alone: field checks and eligibility rules
// (with the officer's overrides for this row).
import { checkFields } from '../fields';
import type { Finding } from '../findings';
import type { ParsedRow } from '../parsedRow';
import { checkEligibility, type RuleOverride, type RuleTermCache } from '../rules';
import type { RecordRow } from '../schema';
import type { EngineConfig } from './config';
import type { IdTrust } from './idColumns';

/**
 * `trust`: the verdict on the NIK / No KK columns of the row's source (see idColumns.ts);
 * `parsed`: the row's parseRow under config.today and `trust`; `terms`: the engine's RuleTermCache.
 */
export function localFindings(
  row: RecordRow,
  config: EngineConfig,
  overrides: RuleOverride[],
  trust: IdTrust,
  parsed: ParsedRow,
  terms: RuleTermCache,
): Finding[] {
  const fields = checkFields(row, { today: config.today, idColumns: trust, parsed });
  const rules = checkEligibility(row, config.rules, overrides, config.today, { parsed, terms });
  return rules.length > 0 ? [...fields, ...rules] : fields;
}
