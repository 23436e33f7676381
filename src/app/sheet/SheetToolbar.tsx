// Import / export from the sheet toolbar (dialogs from src/app/files).
import { Show, createSignal, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import type { Finding } from '../../domain/findings';
import type { RecordRow } from '../../domain/schema';
import type { EngineConfig } from '../../domain/engine';
import { ExportDialog, ImportDialog } from '../files';
import { useApp } from '../context';

export function SheetToolbar(props: {
  doc: Y.Doc;
  sheetId: string;
  readOnly: boolean;
  /** Row ids the grid shows under the current filter; undefined when unfiltered. */
  shownRows: () => string[] | undefined;
  otherRecords: () => RecordRow[];
  findingsOf: (rowKey: string) => Finding[];
  /** The settings the sheet's checks use (workspace rules), so the import preview agrees with them. */
  engineConfig?: () => Partial<EngineConfig>;
}): JSX.Element {
  const { i18n } = useApp();
  const [open, setOpen] = createSignal<'import' | 'export' | null>(null);
  return (
    <div class="toolbar">
      <Show when={!props.readOnly}>
        <button type="button" class="small" data-testid="open-import" onClick={() => setOpen('import')}>
          {i18n.t('files.import')}
        </button>
      </Show>
      <button type="button" class="small" data-testid="open-export" onClick={() => setOpen('export')}>
        {i18n.t('files.export')}
      </button>
      <Show when={open() === 'import'}>
        <ImportDialog doc={props.doc} sheetId={props.sheetId} otherRecords={props.otherRecords} engineConfig={props.engineConfig?.() ?? {}} onClose={() => setOpen(null)} />
      </Show>
      <Show when={open() === 'export'}>
        <ExportDialog
          doc={props.doc}
          sheetId={props.sheetId}
          view={() => {
            const rowIds = props.shownRows();
            return rowIds ? { rowIds } : {};
          }}
          findingsOf={props.findingsOf}
          onClose={() => setOpen(null)}
        />
      </Show>
    </div>
  );
}
