// Export the sheet (or the current filtered view) to .xlsx/.csv, the BNBA list
// for submission, or a recap per kelurahan. The files are written in the files
// worker; this thread only reads the Y.Doc and saves the bytes.
import { Show, createSignal, onCleanup, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import type { Finding } from '../../domain/findings';
import type { ExportOptions } from '../../files/export-table';
import { sheetToExportTable, type SheetView } from '../../files/sheet-export';
import type { ExportFormat } from '../../files/service';
import { getMeta } from '../../sheet';
import { FilesDialog } from './FilesDialog';
import { startFilesWorker } from './files-client';
import { fileBaseName, saveBytes } from './sheet-data';

export interface ExportDialogProps {
  doc: Y.Doc;
  sheetId: string;
  /** The grid's current view (filtered/sorted row ids, visible columns); offered as "only what is shown". */
  view?: () => SheetView;
  /** The check engine's findings for a row key (`${sheetId}/${rowId}`), for "findings as extra columns". */
  findingsOf?: (rowKey: string) => Finding[];
  onClose: () => void;
}

type Choice = 'xlsx' | 'csv' | 'bnba' | 'recap';

export function ExportDialog(props: ExportDialogProps): JSX.Element {
  const files = startFilesWorker();
  onCleanup(() => files.stop());
  const [format, setFormat] = createSignal<Choice>('xlsx');
  const [onlyView, setOnlyView] = createSignal(!!props.view);
  const [withFindings, setWithFindings] = createSignal(false);
  const [semicolon, setSemicolon] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');

  async function go() {
    setBusy(true);
    setError('');
    try {
      const table = sheetToExportTable(props.doc, props.sheetId, onlyView() && props.view ? props.view() : {});
      const opts: ExportOptions = {};
      if (withFindings() && props.findingsOf && (format() === 'xlsx' || format() === 'csv')) {
        opts.findings = new Map(table.rows.map((r) => [r.key, props.findingsOf!(r.key)]));
      }
      if (semicolon()) opts.csv = { delimiter: ';' };
      const choice = format();
      const kind: ExportFormat = choice === 'recap' ? 'recap-xlsx' : choice;
      const res = await files.api.export(kind, [table], opts);
      if (!res.ok) {
        setError(res.error.message);
        return;
      }
      const base = fileBaseName(getMeta(props.doc).name);
      const suffix = format() === 'bnba' ? '-BNBA.xlsx' : format() === 'recap' ? '-rekap.xlsx' : `.${format()}`;
      saveBytes(res.value, `${base}${suffix}`);
      props.onClose();
    } catch (e) {
      setError(`Ekspor gagal: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  const radio = (value: Choice, label: string) => (
    <label>
      <input type="radio" name="export-format" checked={format() === value} onChange={() => setFormat(value)} data-testid={`export-${value}`} /> {label}
    </label>
  );

  return (
    <FilesDialog title="Ekspor lembar" onClose={props.onClose} testid="export-dialog">
      <div class="files-options">
        {radio('xlsx', 'Excel (.xlsx) — NIK dan No KK sebagai teks, judul kolom dibekukan')}
        {radio('csv', 'CSV (UTF-8)')}
        {radio('bnba', 'BNBA (by name by address) untuk pengajuan — .xlsx, tanpa baris graduasi/dikeluarkan')}
        {radio('recap', 'Rekap per kelurahan (jumlah per program dan status) — .xlsx')}
        <Show when={props.view}>
          <label>
            <input type="checkbox" checked={onlyView()} onChange={(e) => setOnlyView(e.currentTarget.checked)} /> Hanya baris dan kolom yang sedang ditampilkan (filter)
          </label>
        </Show>
        <Show when={props.findingsOf && (format() === 'xlsx' || format() === 'csv')}>
          <label>
            <input type="checkbox" checked={withFindings()} onChange={(e) => setWithFindings(e.currentTarget.checked)} data-testid="export-findings" /> Sertakan hasil
            pemeriksaan sebagai kolom tambahan
          </label>
        </Show>
        <Show when={format() === 'csv'}>
          <label>
            <input type="checkbox" checked={semicolon()} onChange={(e) => setSemicolon(e.currentTarget.checked)} /> Pemisah titik koma (;) untuk Excel berbahasa
            Indonesia
          </label>
        </Show>
      </div>
      <p class="muted">Sel yang diawali = + - @ ditulis sebagai teks, sehingga tidak pernah menjadi rumus.</p>
      <Show when={error()}>
        <p class="banner danger" role="alert">
          {error()}
        </p>
      </Show>
      <div class="actions">
        <button type="button" onClick={props.onClose}>
          Batal
        </button>
        <button type="button" class="primary" onClick={() => void go()} disabled={busy()} data-testid="export-go">
          {busy() ? 'Menulis berkas…' : 'Unduh'}
        </button>
      </div>
    </FilesDialog>
  );
}
