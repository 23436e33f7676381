// Findings that depend on the row alone: field checks and eligibility rules
// (with the officer's overrides for this row).
import { checkFields } from '../fields';
import type { Finding } from '../findings';
import { checkEligibility, type RuleOverride } from '../rules';
import type { RecordRow } from '../schema';
import type { EngineConfig } from './config';
import type { IdTrust } from './idColumns';

/** `trust`: the verdict on the NIK / No KK columns of the row's source (see idColumns.ts). */
export function localFindings(row: RecordRow, config: EngineConfig, overrides: RuleOverride[], trust: IdTrust): Finding[] {
  const fields = checkFields(row, { today: config.today, idColumns: trust });
  const rules = checkEligibility(row, config.rules, overrides, config.today);
  return rules.length > 0 ? [...fields, ...rules] : fields;
}
