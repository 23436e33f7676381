// Step 2 of an import: which file column goes where. Roles come from the header
// detection; the officer can correct role and target per column.
import { For, Show, type JSX } from 'solid-js';
import { COLUMN_ROLES, type ColumnRole } from '../../domain/schema';
import { ROLE_LABELS } from '../../domain/messages';
import type { FileSummary } from '../../files/import-session';
import type { ColumnMapping } from '../../files/mapping';
import type { ColumnDef } from '../../sheet';

export function MappingStep(props: {
  summary: FileSummary;
  mapping: ColumnMapping[];
  columns: ColumnDef[];
  errors: string[];
  onChange: (next: ColumnMapping[]) => void;
  onSheet: (index: number) => void;
}): JSX.Element {
  const update = (i: number, patch: Partial<ColumnMapping>) => props.onChange(props.mapping.map((m, k) => (k === i ? { ...m, ...patch } : m)));
  const target = (m: ColumnMapping) => (m.action === 'skip' ? '' : m.action === 'new' ? `new:${m.columnId}` : m.columnId);
  const setTarget = (i: number, m: ColumnMapping, value: string) => {
    if (value === '') update(i, { action: 'skip' });
    else if (value.startsWith('new:')) update(i, { action: 'new', columnId: value.slice(4) });
    else update(i, { action: 'existing', columnId: value, role: props.columns.find((c) => c.id === value)?.role ?? m.role });
  };
  const newId = (m: ColumnMapping) => (m.action === 'new' ? m.columnId : m.role && !props.columns.some((c) => c.id === m.role) ? m.role : `kolom_${m.source + 1}`);
  return (
    <div data-testid="import-mapping">
      <Show when={props.summary.sheets.length > 1}>
        <label class="files-options">
          Lembar kerja:
          <select value={props.summary.sheet} onChange={(e) => props.onSheet(Number(e.currentTarget.value))} data-testid="import-sheet">
            <For each={props.summary.sheets}>{(s, i) => <option value={i()}>{`${s.name} (${s.rows} baris)`}</option>}</For>
          </select>
        </label>
      </Show>
      <p class="muted">
        Judul kolom ditemukan di baris {props.summary.headerRow}; {props.summary.dataRows.toLocaleString('id-ID')} baris data di bawahnya. Periksa peran dan
        tujuan setiap kolom.
      </p>
      <div class="files-scroll">
        <table>
          <thead>
            <tr>
              <th>Kolom di berkas</th>
              <th>Contoh isi</th>
              <th>Peran</th>
              <th>Masuk ke</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.mapping}>
              {(m, i) => (
                <tr data-testid={`map-row-${i()}`}>
                  <td>{m.label}</td>
                  <td class="files-sample">{props.summary.samples.map((r) => r[m.source] ?? '').filter(Boolean).join(' · ')}</td>
                  <td>
                    <select value={m.role ?? ''} onChange={(e) => update(i(), { role: (e.currentTarget.value || null) as ColumnRole | null })} aria-label={`Peran kolom ${m.label}`}>
                      <option value="">(tanpa peran)</option>
                      <For each={[...COLUMN_ROLES]}>{(r) => <option value={r}>{ROLE_LABELS[r].id}</option>}</For>
                    </select>
                  </td>
                  <td>
                    <select value={target(m)} onChange={(e) => setTarget(i(), m, e.currentTarget.value)} aria-label={`Tujuan kolom ${m.label}`}>
                      <option value="">Lewati (tidak diimpor)</option>
                      <option value={`new:${newId(m)}`}>Kolom baru "{m.label}"</option>
                      <For each={props.columns}>{(c) => <option value={c.id}>{c.label}</option>}</For>
                    </select>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={props.errors.length}>
        <div class="banner danger" role="alert">
          <For each={props.errors}>{(e) => <div>{e}</div>}</For>
        </div>
      </Show>
    </div>
  );
}
