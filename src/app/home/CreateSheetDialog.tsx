import { For, Show, createSignal, type JSX } from 'solid-js';
import { ApiError } from '../api/client';
import type { Workspace } from '../api/types';
import { useApp } from '../context';
import { SHEET_TEMPLATES, templateColumns, type SheetTemplateId } from '../../sheet/templates';
import { Dialog } from '../ui/Dialog';
import { FormError } from '../login/LoginPage';
import { createSheet } from './workspace';

// 'DTKS (acuan)': a reference list; the checks classify other rows against it (see checks/crossIndex.ts).
const PROGRAMS = ['BPNT', 'PKH', 'BLT Desa', 'BST', 'Sembako', 'JPS Daerah', 'Usulan baru', 'Pengaduan', 'DTKS (acuan)'];

export function CreateSheetDialog(props: { tree: Workspace; onClose: () => void; onCreated: () => void }): JSX.Element {
  const services = useApp();
  const { i18n, session } = services;
  const isOpd = () => session.user()?.role === 'pengusul';
  const kelurahan = () => props.tree.kecamatan.flatMap((k) => k.kelurahan.map((l) => ({ code: l.code, label: `${l.name} (${k.name})` })));
  const [name, setName] = createSignal('');
  const [program, setProgram] = createSignal(PROGRAMS[0]);
  const [period, setPeriod] = createSignal(String(new Date().getFullYear()));
  const [kel, setKel] = createSignal(kelurahan()[0]?.code ?? '');
  const [template, setTemplate] = createSignal<SheetTemplateId>('standar');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await createSheet(services, {
        ...(name().trim() ? { name: name().trim() } : {}),
        program: program(),
        period: period().trim(),
        ...(isOpd() ? {} : { kelurahan: kel() }),
        columns: templateColumns(template()),
      });
      props.onCreated();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={i18n.t('create.title')} onClose={props.onClose} testid="create-dialog">
      <form class="form" onSubmit={submit}>
        <label>
          <span>{i18n.t('create.program')}</span>
          <input list="programs" value={program()} onInput={(e) => setProgram(e.currentTarget.value)} required data-testid="create-program" />
          <datalist id="programs">
            <For each={PROGRAMS}>{(p) => <option value={p} />}</For>
          </datalist>
        </label>
        <label>
          <span>{i18n.t('create.period')}</span>
          <input value={period()} onInput={(e) => setPeriod(e.currentTarget.value)} required data-testid="create-period" />
        </label>
        <Show when={!isOpd()}>
          <label>
            <span>{i18n.t('create.kelurahan')}</span>
            <select value={kel()} onChange={(e) => setKel(e.currentTarget.value)} data-testid="create-kelurahan">
              <For each={kelurahan()}>{(k) => <option value={k.code}>{k.label}</option>}</For>
            </select>
          </label>
        </Show>
        <label>
          <span>{i18n.t('create.template')}</span>
          <select value={template()} onChange={(e) => setTemplate(e.currentTarget.value as SheetTemplateId)}>
            <For each={Object.entries(SHEET_TEMPLATES)}>{([id, t]) => <option value={id}>{t.label}</option>}</For>
          </select>
        </label>
        <label>
          <span>{i18n.t('create.name')}</span>
          <input value={name()} placeholder={i18n.t('create.namePlaceholder')} onInput={(e) => setName(e.currentTarget.value)} data-testid="create-name" />
        </label>
        <FormError message={error()} />
        <div class="actions">
          <button type="button" onClick={props.onClose}>{i18n.t('create.cancel')}</button>
          <button type="submit" class="primary" disabled={busy()} data-testid="create-submit">{i18n.t('create.submit')}</button>
        </div>
      </form>
    </Dialog>
  );
}
