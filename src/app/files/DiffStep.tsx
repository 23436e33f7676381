// Re-import of a returned list: what was added, removed and changed field by
// field; the officer accepts per row (and per field for changes).
import { For, Show, type JSX } from 'solid-js';
import type { ReimportDecision } from '../../files/reimport-apply';
import type { ReimportDiff } from '../../files/reimport';

const SHOWN = 300;

export function DiffStep(props: {
  diff: ReimportDiff;
  labelOf: (col: string) => string;
  decision: ReimportDecision;
  onChange: (next: ReimportDecision) => void;
}): JSX.Element {
  const d = () => props.decision;
  const toggle = (list: string[], key: string, on: boolean) => (on ? [...new Set([...list, key])] : list.filter((k) => k !== key));
  const cols = (rowId: string) => d().change.find((c) => c.rowId === rowId)?.cols ?? [];
  const setCols = (rowId: string, next: string[]) =>
    props.onChange({ ...d(), change: [...d().change.filter((c) => c.rowId !== rowId), ...(next.length ? [{ rowId, cols: next }] : [])] });
  const summaryOf = (values: Record<string, string>) =>
    Object.entries(values)
      .slice(0, 4)
      .map(([, v]) => v)
      .join(' · ');
  return (
    <div data-testid="reimport-diff">
      <p role="status">
        {props.diff.changed.length} baris berubah, {props.diff.added.length} baris baru, {props.diff.removed.length} baris tidak ada lagi di berkas,{' '}
        {props.diff.unchanged} baris sama.
      </p>
      <Show when={props.diff.kept.length}>
        <div class="banner warn" role="note">
          {props.diff.kept.length} nilai tidak ditawarkan untuk diubah:
          <For each={props.diff.kept.slice(0, 20)}>{(k) => <div>Baris {k.position}: {k.reason}</div>}</For>
        </div>
      </Show>
      <Show when={props.diff.changed.length}>
        <h3>Berubah ({props.diff.changed.length})</h3>
        <div class="files-scroll">
          <table>
            <tbody>
              <For each={props.diff.changed.slice(0, SHOWN)}>
                {(c) => (
                  <tr>
                    <td>
                      Baris {c.incoming.position}
                      <div class="muted">{c.matchedBy === 'nik' ? 'cocok: NIK' : 'cocok: No KK + nama'}</div>
                    </td>
                    <td>
                      <For each={c.changes}>
                        {(f) => (
                          <label class="files-options">
                            <input
                              type="checkbox"
                              checked={cols(c.rowId).includes(f.col)}
                              onChange={(e) => setCols(c.rowId, toggle(cols(c.rowId), f.col, e.currentTarget.checked))}
                            />
                            <span>
                              {props.labelOf(f.col)}: <span class="files-old">{f.before || '(kosong)'}</span> → <strong>{f.after || '(kosong)'}</strong>
                            </span>
                          </label>
                        )}
                      </For>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
      <Show when={props.diff.added.length}>
        <h3>
          <label class="files-options">
            <input
              type="checkbox"
              checked={d().add.length === props.diff.added.length}
              onChange={(e) => props.onChange({ ...d(), add: e.currentTarget.checked ? props.diff.added.map((r) => r.key) : [] })}
            />
            Baris baru ({props.diff.added.length})
          </label>
        </h3>
        <div class="files-scroll">
          <For each={props.diff.added.slice(0, SHOWN)}>
            {(r) => (
              <label class="files-options">
                <input type="checkbox" checked={d().add.includes(r.key)} onChange={(e) => props.onChange({ ...d(), add: toggle(d().add, r.key, e.currentTarget.checked) })} />
                Baris {r.position}: {summaryOf(r.values)}
              </label>
            )}
          </For>
        </div>
      </Show>
      <Show when={props.diff.removed.length}>
        <h3>
          <label class="files-options">
            <input
              type="checkbox"
              checked={d().remove.length === props.diff.removed.length && d().remove.length > 0}
              onChange={(e) => props.onChange({ ...d(), remove: e.currentTarget.checked ? props.diff.removed.map((r) => r.id) : [] })}
            />
            Tidak ada lagi di berkas — hapus dari lembar? ({props.diff.removed.length})
          </label>
        </h3>
        <div class="files-scroll">
          <For each={props.diff.removed.slice(0, SHOWN)}>
            {(r) => (
              <label class="files-options">
                <input type="checkbox" checked={d().remove.includes(r.id)} onChange={(e) => props.onChange({ ...d(), remove: toggle(d().remove, r.id, e.currentTarget.checked) })} />
                {summaryOf(r.values)}
              </label>
            )}
          </For>
        </div>
      </Show>
    </div>
  );
}
