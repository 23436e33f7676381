// Findings that depend on the row alone (field checks and eligibility rules).
import { checkFields } from '../fields';
import type { Finding } from '../findings';
import type { RecordRow } from '../schema';
import type { EngineConfig } from './config';

export function localFindings(row: RecordRow, config: EngineConfig): Finding[] {
  return checkFields(row, { today: config.today });
}
