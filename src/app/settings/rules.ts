// The workspace's eligibility settings on this device: fetched from the server
// when online, kept in the device's settings for offline checks, so a sheet
// opened in the field is checked with the office's UMK, not the built-in default.
import type { RuleSettings, RuleSettingsView as RulesView } from '../../domain/ruleSettings';
import type { AppServices } from '../context';
import { withTimeout } from '../ui/timeout';


const KEY = 'workspace-rules';
/** A server that does not answer quickly must not hold up the first check of a sheet. */
const WAIT_MS = 3000;

export async function loadRules({ api, db }: AppServices): Promise<RulesView | undefined> {
  try {
    const view = await withTimeout(api.get<RulesView>('/api/workspace/rules'), WAIT_MS, () => new Error('timeout'));
    await db.settings.put({ key: KEY, value: view });
    return view;
  } catch {
    return (await db.settings.get(KEY))?.value as RulesView | undefined;
  }
}

/** Logout: the next user of this device must not check with this workspace's settings. */
export async function forgetRules({ db }: Pick<AppServices, 'db'>): Promise<void> {
  await db.settings.delete(KEY);
}

export async function saveRules({ api, db }: AppServices, settings: RuleSettings): Promise<RulesView> {
  const view = await api.put<RulesView>('/api/workspace/rules', settings);
  await db.settings.put({ key: KEY, value: view });
  return view;
}
