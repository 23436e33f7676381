import { For, Show, type JSX } from 'solid-js';
import { useApp } from '../context';
import type { Person } from './presence';

export function PresenceBar(props: { people: Person[]; cellLabel: (row: string, col: string) => string }): JSX.Element {
  const { i18n } = useApp();
  return (
    <div class="presence" aria-label={i18n.t('presence.title')} data-testid="presence">
      <For each={props.people}>
        {(p) => (
          <span class="person" style={{ 'border-color': p.color }} data-testid="presence-person" data-self={p.self}>
            <span class="dot" style={{ background: p.color }} aria-hidden="true" />
            {p.name} {p.self ? i18n.t('presence.you') : ''}
            <Show when={p.row && p.col && !p.self}>
              <span class="muted"> {i18n.t('presence.at', { cell: props.cellLabel(p.row!, p.col!) })}</span>
            </Show>
          </span>
        )}
      </For>
    </div>
  );
}
