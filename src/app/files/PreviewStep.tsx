// Step 3 of an import: the totals and the first rows as they will go in, each
// with its problems. Rows with problems are imported WITH their findings.
import { For, Show, type JSX } from 'solid-js';
import type { ImportPreview, PreviewRow } from '../../files/import-check';
import type { ColumnDef } from '../../sheet';

function RowsTable(props: { rows: PreviewRow[]; columns: Array<{ id: string; label: string }>; testid: string }): JSX.Element {
  return (
    <div class="files-scroll" data-testid={props.testid}>
      <table>
        <thead>
          <tr>
            <th>Baris</th>
            <For each={props.columns}>{(c) => <th>{c.label}</th>}</For>
            <th>Masalah</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(r) => (
              <tr>
                <td>{r.position}</td>
                <For each={props.columns}>{(c) => <td>{r.values[c.id] ?? ''}</td>}</For>
                <td>
                  <For each={r.findings}>{(f) => <div class={`files-finding ${f.severity}`}>{f.message}</div>}</For>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

export function PreviewStep(props: { preview: ImportPreview; columns: Array<Pick<ColumnDef, 'id' | 'label'>> }): JSX.Element {
  const s = () => props.preview.summary;
  const n = (x: number) => x.toLocaleString('id-ID');
  return (
    <div data-testid="import-preview">
      <div class="files-totals" role="status">
        <div>
          Baris <strong data-testid="total-rows">{n(s().rows)}</strong>
        </div>
        <div>
          Galat <strong class="danger-text">{n(s().errors)}</strong>
          <span class="muted">{n(s().rowsWithErrors)} baris</span>
        </div>
        <div>
          Peringatan <strong class="warn-text">{n(s().warnings)}</strong>
          <span class="muted">{n(s().rowsWithWarnings)} baris</span>
        </div>
        <div>
          Duplikat dalam berkas <strong data-testid="dup-file">{n(s().duplicatesInFile)}</strong>
        </div>
        <div>
          Duplikat dengan data yang ada <strong data-testid="dup-existing">{n(s().duplicatesWithExisting)}</strong>
        </div>
      </div>
      <Show when={s().rowsWithErrors > 0}>
        <p class="banner warn">
          Baris bermasalah tetap diimpor, bersama temuannya, supaya bisa diperbaiki di lembar. Tidak ada baris yang dibuang.
        </p>
      </Show>
      <h3>Baris pertama</h3>
      <RowsTable rows={props.preview.sample} columns={props.columns} testid="preview-sample" />
      <Show when={props.preview.problems.length}>
        <h3>Baris dengan galat ({n(s().rowsWithErrors)})</h3>
        <RowsTable rows={props.preview.problems} columns={props.columns} testid="preview-problems" />
      </Show>
    </div>
  );
}
