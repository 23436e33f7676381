import { For, type JSX } from 'solid-js';
import { useApp } from '../context';
import type { MessageKey } from '../i18n/dict';

export type RowFilter = 'all' | 'problems' | 'duplicates' | 'ineligible' | 'conflicts';

const FILTERS: Array<[RowFilter, MessageKey]> = [
  ['all', 'filter.all'],
  ['problems', 'filter.problems'],
  ['duplicates', 'filter.duplicates'],
  ['ineligible', 'filter.ineligible'],
  ['conflicts', 'filter.conflicts'],
];

export function FilterBar(props: { value: RowFilter; counts: Partial<Record<RowFilter, number>>; onChange: (f: RowFilter) => void }): JSX.Element {
  const { i18n } = useApp();
  return (
    <div class="filters" role="radiogroup" aria-label={i18n.t('filter.label')}>
      <For each={FILTERS}>
        {([id, key]) => (
          <button
            type="button"
            role="radio"
            aria-checked={props.value === id}
            classList={{ chip: true, on: props.value === id }}
            data-testid={`filter-${id}`}
            onClick={() => props.onChange(id)}
          >
            {i18n.t(key)}
            {props.counts[id] !== undefined ? ` (${props.counts[id]})` : ''}
          </button>
        )}
      </For>
    </div>
  );
}
