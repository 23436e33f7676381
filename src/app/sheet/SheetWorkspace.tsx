import { Show, createEffect, createMemo, createResource, createSignal, on, onCleanup, type JSX } from 'solid-js';
import { getColumns, getMeta, rowIds, setWriter } from '../../sheet';
import type { GridApi, GridSelection, GridView } from '../grid';
import type { IndexEntry } from '../api/types';
import { useApp } from '../context';
import { findSheet, kelurahanName } from '../home/workspace';
import { startChecks, type Checks } from './checks/checks';
import { indexRows, loadIndex, referenceSheets } from './checks/crossIndex';
import { startEngine } from './checks/engine';
import { loadRules } from '../settings/rules';
import { engineSettings } from '../../domain/ruleSettings';
import type { EngineConfig } from '../../domain/engine';
import { ConflictsPanel } from './ConflictsPanel';
import { DeletedRowsPanel } from './DeletedRowsPanel';
import { createDocVersion } from './docVersion';
import { createConflicts, createOrderVersion } from './conflicts';
import { FilterBar, type RowFilter } from './FilterBar';
import { GridSlot } from './GridSlot';
import { PresenceBar } from './PresenceBar';
import { createPresence } from './presence';
import { RowPanel } from './RowPanel';
import { SyncStatus } from './SyncStatus';
import type { SheetSync } from './sync/sheetSync';
import { SheetToolbar } from './SheetToolbar';

const RESOLVERS = new Set(['admin', 'koordinator']);

export function SheetWorkspace(props: { id: string; sync: SheetSync }): JSX.Element {
  const services = useApp();
  const { i18n, session, db, router } = services;
  const doc = props.sync.doc;
  const user = session.user()!;
  const version = createDocVersion(doc);
  const meta = createMemo(() => (version(), getMeta(doc)));
  const orderVersion = createOrderVersion(doc);
  const ids = createMemo(() => (orderVersion(), rowIds(doc)));
  const positions = createMemo(() => new Map(ids().map((id, i) => [id, i + 1])));
  const [tree] = createResource(async () => (await db.workspace.get('tree'))?.tree);
  // Memos: the grid reads readOnly while it scrolls, and findSheet walks the whole tree.
  const listed = createMemo(() => findSheet(tree(), props.id));
  const readOnly = createMemo(() => props.sync.access() === 'read' || listed()?.access === 'read' || meta().archived === true || user.role === 'viewer');

  // Who typed what, for conflicts: recorded once this client may write.
  createEffect(() => {
    if (!readOnly() && props.sync.access() === 'write') setWriter(doc, { user: user.id, name: user.displayName || user.username });
  });

  const presence = createPresence(props.sync.provider.awareness, user);
  const others = () => presence.people().filter((p) => !p.self).map((p) => ({ clientId: p.clientId, name: p.name, color: p.color, ...(p.row ? { row: p.row } : {}), ...(p.col ? { col: p.col } : {}) }));

  // Checks: the engine over this sheet plus the other sheets' index rows.
  const [checks, setChecks] = createSignal<Checks>();
  const [indexMap, setIndexMap] = createSignal(new Map<string, IndexEntry>());
  let disposed = false;
  onCleanup(() => {
    disposed = true;
    checks()?.stop();
  });
  const [engineConfig, setEngineConfig] = createSignal<Partial<EngineConfig>>({});
  void (async () => {
    // The cross-sheet index downloads alongside, but the sheet's own rows are checked as
    // soon as the worker and the office's rules (UMK, …) are there: on a slow connection
    // the index can take its whole time limit (crossIndex.ts). The rules reach the
    // engine while it is still empty, so nothing is checked twice for them.
    const indexLoading = loadIndex(services);
    const [engine, rules] = await Promise.all([startEngine(), loadRules(services)]);
    if (disposed) return engine.dispose();
    const settings = rules ? engineSettings(rules.settings) : {};
    setEngineConfig(settings);
    if (rules) await engine.setConfig(settings);
    const c = startChecks(doc, props.id, engine);
    setChecks(c);
    const entries = await indexLoading;
    if (disposed) return;
    setIndexMap(new Map(entries.map((e) => [e.key, e])));
    // DTKS reference lists are named by the index (rare: their setting re-checks the sheet's rows once).
    const references = referenceSheets(entries, { id: props.id, program: meta().program });
    if (references.length) setEngineConfig({ ...settings, referenceSources: references });
    await c.replaceIndex(indexRows(entries, props.id), references.length ? { referenceSources: references } : undefined);
  })();

  const openConflicts = createConflicts(doc);
  const conflicts = openConflicts.list;

  const [filter, setFilter] = createSignal<RowFilter>('all');
  const NO_VIEW: GridView = {};
  // A new view object only when the filter or (for a filter on) its rows change:
  // the grid recomputes its display order for each new view.
  const view = createMemo<GridView>(() => {
    const f = filter();
    if (f === 'all') return NO_VIEW;
    if (f === 'conflicts') {
      const set = openConflicts.rows();
      return { rowFilter: (id: string) => set.has(id) };
    }
    const c = checks();
    if (!c) return { rowFilter: () => false };
    c.version();
    const set = new Set(f === 'problems' ? c.problemRows : f === 'duplicates' ? c.duplicateRows : c.ineligibleRows);
    return { rowFilter: (id: string) => set.has(id) };
  });
  const counts = createMemo(() => {
    const c = checks();
    c?.version();
    return {
      problems: c?.problemRows.size,
      duplicates: c?.duplicateRows.size,
      ineligible: c?.ineligibleRows.size,
      conflicts: conflicts().length,
    };
  });

  // Keep the home screen's counts for this sheet: written when they changed,
  // a second later (never in the task of a keystroke), and when the page closes.
  // Problems only once every row was checked: a count taken mid-way would be low.
  const homeCounts = createMemo(
    () => ({ rows: ids().length, problems: checks()?.ready() ? counts().problems : undefined }),
    undefined,
    { equals: (a, b) => !!a && a.rows === b.rows && a.problems === b.problems },
  );
  let countsTimer: ReturnType<typeof setTimeout> | undefined;
  const writeCounts = () => {
    countsTimer = undefined;
    const { rows, problems } = homeCounts();
    void db.sheets.update(props.id, { rows, ...(problems !== undefined ? { problems } : {}) });
  };
  createEffect(
    on(homeCounts, () => {
      countsTimer ??= setTimeout(writeCounts, 1000);
    }),
  );
  onCleanup(() => {
    if (countsTimer === undefined) return;
    clearTimeout(countsTimer);
    writeCounts();
  });

  const [selected, setSelected] = createSignal<string | undefined>();
  const [gridApi, setGridApi] = createSignal<GridApi>();
  // The side panel and the presence message follow the selection after the
  // grid painted it (and once per frame when a key is held), not in its task.
  let pendingSel: GridSelection | undefined;
  let selFrame: number | undefined;
  const onSelection = (sel: GridSelection) => {
    pendingSel = sel;
    selFrame ??= requestAnimationFrame(() =>
      setTimeout(() => {
        selFrame = undefined;
        if (disposed || !pendingSel) return;
        setSelected(pendingSel.row);
        presence.setCell(pendingSel.row, pendingSel.col);
      }),
    );
  };
  // #/sheet/<id>/row/<rowId>: reveal the row a duplicate link pointed at.
  createEffect(() => {
    const r = router.route();
    const api = gridApi();
    if (r.name === 'sheet' && r.row && api) {
      setFilter('all');
      api.reveal(r.row);
      setSelected(r.row);
    }
  });
  const cellLabel = (row: string, col: string) => `#${positions().get(row) ?? '?'} · ${getColumns(doc).find((c) => c.id === col)?.label ?? col}`;

  return (
    <main class="sheet-page" data-testid="sheet-page" data-sheet={props.id} data-checked={checks()?.ready() ? 'all' : 'pending'}>
      <div class="sheet-head">
        <a href="#/" class="back" aria-label={i18n.t('sheet.back')}>
          ←
        </a>
        <div class="title">
          <h1 data-testid="sheet-name">{meta().name || listed()?.name}</h1>
          <p class="muted">
            {meta().program} · {meta().period} · {kelurahanName(tree(), meta().kelurahan || null)} · {i18n.t('sheet.rows', { n: i18n.number(ids().length) })}
            <Show when={readOnly()}>
              {' '}
              <span class="tag" data-testid="read-only">{i18n.t('sheet.readOnly')}</span>
            </Show>
          </p>
        </div>
        <SyncStatus sync={props.sync} />
      </div>
      <div class="sheet-bar">
        <FilterBar value={filter()} counts={counts()} onChange={setFilter} />
        <PresenceBar people={presence.people()} cellLabel={cellLabel} />
        <SheetToolbar
          doc={doc}
          engineConfig={engineConfig}
          sheetId={props.id}
          readOnly={readOnly()}
          shownRows={() => {
            const f = view().rowFilter;
            return f ? ids().filter(f) : undefined;
          }}
          otherRecords={() => indexRows([...indexMap().values()], props.id)}
          findingsOf={(key) => checks()?.findingsOf(key) ?? []}
        />
      </div>
      <div class="sheet-body">
        <div class="grid-wrap">
          <GridSlot
            doc={doc}
            readOnly={readOnly()}
            lang={i18n.lang()}
            markers={() => checks()?.markers() ?? new Map()}
            presence={others}
            view={view}
            onSelectionChange={onSelection}
            apiRef={setGridApi}
            label={meta().name}
          />
        </div>
        <aside class="side">
          <RowPanel
            doc={doc}
            sheetId={props.id}
            row={selected()}
            checks={checks()}
            index={indexMap()}
            positionOf={(id) => positions().get(id) ?? 0}
            kelurahanName={(code) => kelurahanName(tree(), code)}
            onGoto={(id) => gridApi()?.reveal(id)}
            judge={readOnly() ? undefined : { doc, by: user.displayName || user.username }}
          />
          <DeletedRowsPanel doc={doc} canRestore={!readOnly()} onRestored={(id) => gridApi()?.reveal(id)} />
          <ConflictsPanel
            doc={doc}
            conflicts={conflicts()}
            canResolve={RESOLVERS.has(user.role) && !readOnly()}
            positionOf={(id) => positions().get(id) ?? 0}
            onGoto={(row, col) => {
              setFilter('all');
              gridApi()?.reveal(row, col);
            }}
          />
        </aside>
      </div>
    </main>
  );
}
