// "Aturan kelayakan": the workspace's UMK figure, which exclusion rules are on,
// the minimum age of a household head and extra excluded occupations. Admin and
// koordinator change them; every device checks rows with them.
import { For, Show, createResource, createSignal, type JSX } from 'solid-js';
import { parsePairs, parseRuleSettings, RULE_SWITCHES, type RuleSettings, type RuleSwitch } from '../../domain/ruleSettings';
import { formatRupiah, parseRupiah } from '../../domain/money';
import { ApiError } from '../api/client';
import { useApp } from '../context';
import type { MessageKey } from '../i18n/dict';
import { FormError } from '../login/LoginPage';
import { Dialog } from '../ui/Dialog';
import { loadRules, saveRules } from './rules';

const SWITCH_LABEL: Record<RuleSwitch, MessageKey> = {
  income: 'rules.income',
  occupations: 'rules.occupations',
  villageOfficials: 'rules.villageOfficials',
  goodHouse: 'rules.goodHouse',
  died: 'rules.died',
  moved: 'rules.moved',
  headUnderAge: 'rules.headUnderAge',
};

export function RulesDialog(props: { onClose: () => void }): JSX.Element {
  const services = useApp();
  const { i18n } = services;
  const [view] = createResource(() => loadRules(services));
  return (
    <Dialog title={i18n.t('rules.title')} onClose={props.onClose} testid="rules-dialog">
      <Show when={view()} fallback={<p>{view.loading ? i18n.t('home.loading') : i18n.t('error.network')}</p>}>
        {(v) => <RulesForm initial={v().settings} canEdit={v().canEdit} onClose={props.onClose} />}
      </Show>
    </Dialog>
  );
}

function RulesForm(props: { initial: RuleSettings; canEdit: boolean; onClose: () => void }): JSX.Element {
  const services = useApp();
  const { i18n } = services;
  const [amount, setAmount] = createSignal(formatRupiah(props.initial.umk.amount));
  const [label, setLabel] = createSignal(props.initial.umk.label);
  const [enabled, setEnabled] = createSignal({ ...props.initial.enabled });
  const [minAge, setMinAge] = createSignal(String(props.initial.minAge));
  const [terms, setTerms] = createSignal(props.initial.extraOccupationTerms.join(', '));
  const [pairs, setPairs] = createSignal(props.initial.forbiddenPairs.map(([a, b]) => `${a}+${b}`).join(', '));
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    const forbidden = parsePairs(pairs());
    if (!forbidden.ok) return setError(forbidden.error);
    const parsed = parseRuleSettings({
      forbiddenPairs: forbidden.pairs,
      // Rupiah as officers write it ('Rp2.700.000', '2,7 juta'); unreadable → refused as umk.amount.
      umk: { amount: parseRupiah(amount()) ?? Number.NaN, label: label() },
      enabled: enabled(),
      minAge: Number(minAge()),
      extraOccupationTerms: terms().split(',').map((t) => t.trim()).filter(Boolean),
    });
    if (!parsed.ok) return setError(parsed.error);
    setBusy(true);
    try {
      await saveRules(services, parsed.settings);
      props.onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form" onSubmit={submit}>
      <p class="muted">{i18n.t('rules.explain')}</p>
      <fieldset disabled={!props.canEdit}>
        <label>
          <span>{i18n.t('rules.umkAmount')}</span>
          <input inputMode="numeric" value={amount()} onInput={(e) => setAmount(e.currentTarget.value)} data-testid="rules-umk" />
        </label>
        <label>
          <span>{i18n.t('rules.umkLabel')}</span>
          <input value={label()} onInput={(e) => setLabel(e.currentTarget.value)} data-testid="rules-umk-label" />
        </label>
        <For each={[...RULE_SWITCHES]}>
          {(key) => (
            <label class="check">
              <input type="checkbox" checked={enabled()[key]} onChange={(e) => setEnabled({ ...enabled(), [key]: e.currentTarget.checked })} data-testid={`rules-${key}`} />
              {i18n.t(SWITCH_LABEL[key])}
            </label>
          )}
        </For>
        <label>
          <span>{i18n.t('rules.minAge')}</span>
          <input inputMode="numeric" value={minAge()} onInput={(e) => setMinAge(e.currentTarget.value)} />
        </label>
        <label>
          <span>{i18n.t('rules.extraTerms')}</span>
          <input value={terms()} placeholder="satpol pp, honorer pemda" onInput={(e) => setTerms(e.currentTarget.value)} data-testid="rules-terms" />
        </label>
        <label>
          <span>{i18n.t('rules.forbiddenPairs')}</span>
          <textarea rows={3} value={pairs()} onInput={(e) => setPairs(e.currentTarget.value)} data-testid="rules-pairs" />
        </label>
      </fieldset>
      <FormError message={error()} />
      <div class="actions">
        <button type="button" onClick={props.onClose}>{i18n.t('create.cancel')}</button>
        <Show when={props.canEdit}>
          <button type="submit" class="primary" disabled={busy()} data-testid="rules-save">{i18n.t('judge.save')}</button>
        </Show>
      </div>
    </form>
  );
}
