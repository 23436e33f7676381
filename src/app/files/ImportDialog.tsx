// Import (.xlsx/.csv) into this sheet, or re-import a returned list. Parsing,
// mapping, checking and diffing run in the files worker; the one transaction
// that writes the rows runs here, on the thread that owns the Y.Doc.
import { Match, Show, Switch, createSignal, onCleanup, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import type { EngineConfig } from '../../domain/engine';
import type { RecordRow } from '../../domain/schema';
import type { ImportPreview } from '../../files/import-check';
import type { ImportRow } from '../../files/import-plan';
import type { FileSummary } from '../../files/import-session';
import { FileReadError } from '../../files/errors';
import { withTimeout } from '../ui/timeout';
import { applyImportInParts, UI_UPDATE_BUDGET } from '../../files/import-apply';
import { validateMapping, type ColumnMapping } from '../../files/mapping';
import type { ReimportDiff } from '../../files/reimport';
import { applyReimport, defaultDecision, type ReimportDecision } from '../../files/reimport-apply';
import type { Result } from '../../files/service';
import { getColumns, toRecordRows, type ColumnDef } from '../../sheet';
import { DiffStep } from './DiffStep';
import { FilesDialog } from './FilesDialog';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import { startFilesWorker, transferBytes } from './files-client';
import { existingRows } from './sheet-data';

export interface ImportResult {
  added: number;
  changed: number;
  removed: number;
}

export interface ImportDialogProps {
  /** The sheet's Y.Doc (already synced/loaded). A new sheet: create it first (POST /api/sheets), then import into it. */
  doc: Y.Doc;
  sheetId: string;
  /** Rows of the workspace's other sheets (the cross-sheet index), so duplicates against them are counted. */
  otherRecords?: () => RecordRow[];
  /** Check engine settings (today, rules, overlap…), as the sheet's checks use them. */
  engineConfig?: Partial<EngineConfig>;
  /** Start as a re-import of a returned list (match by identity, accept changes). */
  reimport?: boolean;
  /** Called once: with the result after a successful import, with nothing when cancelled. */
  onClose: (result?: ImportResult) => void;
}

type Step = 'pick' | 'mapping' | 'preview' | 'diff' | 'done';

/** A part the worker does not hand over in this time (it crashed, the tab is starved) fails the import, which undoes every part. */
const PART_TIMEOUT_MS = 60_000;

export function ImportDialog(props: ImportDialogProps): JSX.Element {
  const files = startFilesWorker();
  // Rows are being written part by part: the worker holds the rest, so it must outlive the dialog until the
  // import has finished (or been undone); closing is refused meanwhile (Esc included).
  const [writing, setWriting] = createSignal<Promise<unknown> | null>(null);
  onCleanup(() => {
    const w = writing();
    if (w) void w.finally(() => files.stop());
    else files.stop();
  });
  const close = () => {
    if (!writing()) props.onClose(done());
  };
  const [step, setStep] = createSignal<Step>('pick');
  const [reimport, setReimport] = createSignal(!!props.reimport);
  const [busy, setBusy] = createSignal('');
  const [error, setError] = createSignal('');
  const [summary, setSummary] = createSignal<FileSummary>();
  const [mapping, setMapping] = createSignal<ColumnMapping[]>([]);
  const [columns, setColumns] = createSignal<ColumnDef[]>(getColumns(props.doc));
  const [preview, setPreview] = createSignal<ImportPreview>();
  const [diff, setDiff] = createSignal<ReimportDiff>();
  const [decision, setDecision] = createSignal<ReimportDecision>({ add: [], remove: [], change: [] });
  const [done, setDone] = createSignal<ImportResult>();
  const mappingErrors = () => validateMapping(mapping(), columns());

  /** Runs one worker call with a busy message; a refusal shows its Indonesian message. */
  async function run<T>(message: string, call: () => Promise<Result<T>>): Promise<T | undefined> {
    setBusy(message);
    setError('');
    try {
      const res = await call();
      if (!res.ok) {
        setError(res.error.message);
        return undefined;
      }
      return res.value;
    } catch (e) {
      setError(`Terjadi kesalahan: ${e instanceof Error ? e.message : String(e)}. Tidak ada yang diubah.`);
      return undefined;
    } finally {
      setBusy('');
    }
  }

  async function pick(file: File) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const s = await run(`Membaca ${file.name}…`, () => files.api.open(transferBytes(bytes), file.name));
    if (!s) return;
    await afterSheet(s);
  }

  async function afterSheet(s: FileSummary) {
    setSummary(s);
    setColumns(getColumns(props.doc));
    const m = await run('Memetakan kolom…', () => files.api.proposeMapping(columns()));
    if (!m) return;
    setMapping(m);
    setStep('mapping');
  }

  async function chooseSheet(index: number) {
    const s = await run('Membaca lembar…', () => files.api.chooseSheet(index));
    if (s) await afterSheet(s);
  }

  async function next() {
    if (mappingErrors().length) return;
    if (reimport()) {
      const d = await run('Membandingkan dengan lembar…', () => files.api.diff(mapping(), columns(), existingRows(props.doc)));
      if (!d) return;
      setDiff(d);
      setDecision(defaultDecision(d));
      setStep('diff');
    } else {
      const existing = [...toRecordRows(props.doc, props.sheetId), ...(props.otherRecords?.() ?? [])];
      const p = await run('Memeriksa baris…', () => files.api.preview(mapping(), columns(), existing, props.engineConfig));
      if (!p) return;
      setPreview(p);
      setStep('preview');
    }
  }

  /** A plain import: the rows come from the worker one part at a time, each written in its own transaction. */
  async function importInParts(): Promise<ImportResult | undefined> {
    const outline = await run('Menyiapkan impor…', () => files.api.planOutline(UI_UPDATE_BUDGET));
    if (!outline) return undefined;
    setBusy('Menulis ke lembar…');
    const applying = applyImportInParts(props.doc, outline, async (from, to) => {
      setBusy(`Menulis ke lembar… ${Math.round((100 * from) / Math.max(1, outline.rowCount))}%`);
      const rows = await withTimeout<Result<ImportRow[]>>(files.api.planRows(from, to), PART_TIMEOUT_MS, () => new FileReadError('import-failed', 'Pekerja berkas tidak menjawab'));
      if (!rows.ok) throw new FileReadError(rows.error.code, rows.error.message);
      return rows.value;
    });
    setWriting(applying);
    try {
      const res = await applying;
      return { added: res.rowIds.length, changed: 0, removed: 0 };
    } finally {
      setWriting(null);
    }
  }

  async function commit() {
    const d = diff();
    const plan = reimport() && d ? await run('Menyiapkan impor…', () => files.api.takePlan()) : null;
    if (reimport() && d && !plan) return;
    setBusy('Menulis ke lembar…');
    try {
      const result = plan && d ? mapReimport(applyReimport(props.doc, plan, d, decision(), undefined, { maxUpdateBytes: UI_UPDATE_BUDGET })) : await importInParts();
      if (!result) return;
      setDone(result);
      setStep('done');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy('');
    }
  }

  const labelOf = (col: string) => columns().find((c) => c.id === col)?.label ?? mapping().find((m) => m.columnId === col)?.label ?? col;
  const previewColumns = () =>
    mapping()
      .filter((m) => m.action !== 'skip')
      .map((m) => ({ id: m.columnId, label: labelOf(m.columnId) }));
  const acceptedCount = () => decision().add.length + decision().remove.length + decision().change.reduce((n, c) => n + c.cols.length, 0);

  return (
    <FilesDialog title={reimport() ? 'Impor ulang daftar yang dikembalikan' : 'Impor dari Excel/CSV'} onClose={close} testid="import-dialog">
      <Switch>
        <Match when={step() === 'pick'}>
          <div class="files-options">
            <label>
              <input type="radio" name="import-mode" checked={!reimport()} onChange={() => setReimport(false)} /> Tambahkan baris dari berkas ke lembar ini
            </label>
            <label>
              <input type="radio" name="import-mode" checked={reimport()} onChange={() => setReimport(true)} data-testid="mode-reimport" /> Impor ulang daftar
              yang dikembalikan (cocokkan dengan NIK, lalu No KK + nama)
            </label>
            <label>
              Berkas (.xlsx atau .csv):
              <input
                type="file"
                accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                data-testid="import-file"
                onChange={(e) => {
                  const f = e.currentTarget.files?.[0];
                  if (f) void pick(f);
                }}
              />
            </label>
          </div>
        </Match>
        <Match when={step() === 'mapping' && summary()}>
          <MappingStep summary={summary()!} mapping={mapping()} columns={columns()} errors={mappingErrors()} onChange={setMapping} onSheet={(i) => void chooseSheet(i)} />
        </Match>
        <Match when={step() === 'preview' && preview()}>
          <PreviewStep preview={preview()!} columns={previewColumns()} />
        </Match>
        <Match when={step() === 'diff' && diff()}>
          <DiffStep diff={diff()!} labelOf={labelOf} decision={decision()} onChange={setDecision} />
        </Match>
        <Match when={step() === 'done' && done()}>
          <p class="banner info" role="status" data-testid="import-done">
            Selesai: {done()!.added.toLocaleString('id-ID')} baris ditambahkan
            {reimport() ? `, ${done()!.changed} sel diubah, ${done()!.removed} baris dihapus` : ''}. Pemeriksaan berjalan di lembar.
          </p>
        </Match>
      </Switch>
      <Show when={busy()}>
        <p class="muted" role="status" aria-live="polite">
          {busy()}
        </p>
      </Show>
      <Show when={error()}>
        <p class="banner danger" role="alert" data-testid="import-error">
          {error()}
        </p>
      </Show>
      <div class="actions">
        <button type="button" onClick={close} disabled={!!writing()}>
          {step() === 'done' ? 'Tutup' : 'Batal'}
        </button>
        <Show when={step() === 'preview' || step() === 'diff'}>
          <button type="button" onClick={() => setStep('mapping')} disabled={!!busy()}>
            Kembali
          </button>
        </Show>
        <Show when={step() === 'mapping'}>
          <button type="button" class="primary" onClick={() => void next()} disabled={!!busy() || mappingErrors().length > 0} data-testid="import-next">
            {reimport() ? 'Bandingkan' : 'Pratinjau'}
          </button>
        </Show>
        <Show when={step() === 'preview' && preview()}>
          <button type="button" class="primary" onClick={() => void commit()} disabled={!!busy()} data-testid="import-commit">
            Impor {preview()!.summary.rows.toLocaleString('id-ID')} baris
          </button>
        </Show>
        <Show when={step() === 'diff'}>
          <button type="button" class="primary" onClick={() => void commit()} disabled={!!busy() || acceptedCount() === 0} data-testid="import-commit">
            Terapkan {acceptedCount()} perubahan
          </button>
        </Show>
      </div>
    </FilesDialog>
  );
}

function mapReimport(r: { added: number; removed: number; cellsChanged: number }): ImportResult {
  return { added: r.added, removed: r.removed, changed: r.cellsChanged };
}
