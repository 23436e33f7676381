// Findings that depend on the row alone: field checks and eligibility rules
// (with the officer's overrides for this row).
import { checkFields } from '../fields';
import type { Finding } from '../findings';
import { checkEligibility, type RuleOverride } from '../rules';
import type { RecordRow } from '../schema';
import type { EngineConfig } from './config';

export function localFindings(row: RecordRow, config: EngineConfig, overrides: RuleOverride[]): Finding[] {
  const fields = checkFields(row, { today: config.today });
  const rules = checkEligibility(row, config.rules, overrides, config.today);
  return rules.length > 0 ? [...fields, ...rules] : fields;
}
