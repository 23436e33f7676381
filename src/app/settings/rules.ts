// The workspace's eligibility settings on this device: fetched from the server
// when online, kept in the device's settings for offline checks, so a sheet
// opened in the field is checked with the office's UMK, not the built-in default.
import type { RuleSettings, RuleSettingsView as RulesView } from '../../domain/ruleSettings';
import type { AppServices } from '../context';


const KEY = 'workspace-rules';
/** A server that does not answer quickly must not hold up the first check of a sheet. */
const WAIT_MS = 3000;

export async function loadRules({ api, db }: AppServices): Promise<RulesView | undefined> {
  try {
    const view = await Promise.race([
      api.get<RulesView>('/api/workspace/rules'),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), WAIT_MS)),
    ]);
    await db.settings.put({ key: KEY, value: view });
    return view;
  } catch {
    return (await db.settings.get(KEY))?.value as RulesView | undefined;
  }
}

export async function saveRules({ api, db }: AppServices, settings: RuleSettings): Promise<RulesView> {
  const view = await api.put<RulesView>('/api/workspace/rules', settings);
  await db.settings.put({ key: KEY, value: view });
  return view;
}
