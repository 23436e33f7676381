// A page that mounts the grid alone on a generated sheet, for the real-Chromium
// test (test/browser/grid.test.ts) and for trying the grid by hand:
//   npx vite src/app/grid/dev   → http://localhost:5173/?rows=10000
// It exposes the doc and the grid's api on window.__grid for assertions.
import { render } from 'solid-js/web';
import { createSignal } from 'solid-js';
import * as Y from 'yjs';
import * as sheet from '../../../sheet';
import { appendRows, getCell, initSheet, rowIds, setWriter, templateColumns } from '../../../sheet';
import { Grid, type GridApi, type GridView, type PresencePeer, type RowMarker } from '../index';
import { sampleRows } from './sample';

const params = new URLSearchParams(location.search);
const count = Number(params.get('rows') ?? '1000');
const readOnly = params.get('ro') === '1';
const lang = params.get('lang') === 'en' ? 'en' : 'id';

const t0 = performance.now();
const doc = new Y.Doc();
initSheet(doc, { name: 'BPNT 2025 — Medono', program: 'BPNT', period: '2025', kelurahan: '33.75.01.1001', kecamatan: '33.75.01' }, templateColumns('standar'));
setWriter(doc, { user: 'operator', name: 'Operator Medono' });
const batch = 2000;
for (let i = 0; i < count; i += batch) appendRows(doc, sampleRows(Math.min(batch, count - i), i + 1), 'seed');
const built = performance.now() - t0;

// A second replica that plays "someone else", to test conflicts, presence and remote edits.
const remote = new Y.Doc();
Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
doc.on('update', (u: Uint8Array, origin: unknown) => {
  if (origin !== 'remote') Y.applyUpdate(remote, u, 'local');
});
remote.on('update', (u: Uint8Array, origin: unknown) => {
  if (origin !== 'local' && params.get('offline') !== '1') Y.applyUpdate(doc, u, 'remote');
});
setWriter(remote, { user: 'budi', name: 'Budi (kelurahan)' });

const [markers, setMarkers] = createSignal(new Map<string, RowMarker>());
const [presence, setPresence] = createSignal<PresencePeer[]>([]);
const [view, setView] = createSignal<GridView>({});
const [selection, setSelection] = createSignal('');
let api: GridApi | undefined;

const ids = rowIds(doc);
if (ids.length > 3) {
  setMarkers(
    new Map<string, RowMarker>([
      [ids[1], { severity: 'error', columns: new Set(['nik']), title: 'NIK tidak sah' }],
      [ids[2], { severity: 'warning', columns: new Set(['nama']), duplicate: true }],
      [ids[3], { severity: 'info', columns: new Set(), notEligible: true }],
    ]),
  );
  setPresence([{ clientId: 2, name: 'Budi', color: '#c2185b', row: ids[2], col: 'alamat' }]);
}

const mountStart = performance.now();
render(
  () => (
    <>
      <div class="bar">
        <strong>Grid harness</strong>
        <span>{count} baris</span>
        <input data-testid="search" placeholder="Cari…" onInput={(e) => setView((v) => ({ ...v, search: e.currentTarget.value }))} />
        <span data-testid="selection">{selection()}</span>
      </div>
      <Grid
        doc={doc}
        readOnly={readOnly}
        lang={lang}
        markers={markers}
        presence={presence}
        view={view}
        onSelectionChange={(s) => setSelection(`${s.row ?? '+'}:${s.col ?? ''}`)}
        apiRef={(a) => (api = a)}
      />
    </>
  ),
  document.getElementById('app')!,
);

requestAnimationFrame(() =>
  requestAnimationFrame(() => {
    (window as unknown as { __grid: unknown }).__grid = {
      doc,
      remote,
      api,
      Y,
      built,
      firstPaint: performance.now() - t0,
      mountToPaint: performance.now() - mountStart,
      rowIds: () => rowIds(doc),
      cell: (row: string, col: string) => getCell(doc, row, col),
      setView,
      setMarkers,
      setPresence,
      sheet,
    };
  }),
);
