// Side panel: why the selected row is marked — its findings in words, its
// possible duplicates with links to the other rows (another sheet opens read
// only where the role may read it; otherwise only where the match is).
import { For, Show, type JSX } from 'solid-js';
import { describeFinding } from '../../domain/messages';
import type { DuplicateGroup } from '../../domain/findings';
import { getCell, recordKey, splitRecordKey } from '../../sheet';
import type { IndexEntry } from '../api/types';
import { useApp } from '../context';
import type { I18n } from '../i18n/i18n';
import { routeHref } from '../router';
import type { Checks } from './checks/checks';
import { DismissedPairs, FindingActions, NotDuplicateButton, type Judge } from './Judgements';
import type * as Y from 'yjs';

export interface RowPanelProps {
  doc: Y.Doc;
  sheetId: string;
  row: string | undefined;
  checks: Checks | undefined;
  index: Map<string, IndexEntry>;
  positionOf: (rowId: string) => number;
  kelurahanName: (code: string) => string;
  onGoto: (rowId: string) => void;
  /** Who may answer findings here; absent when the sheet is read-only for this user. */
  judge?: Judge | undefined;
}

export function RowPanel(props: RowPanelProps): JSX.Element {
  const { i18n } = useApp();
  const key = () => (props.row ? recordKey(props.sheetId, props.row) : '');
  const findings = () => (props.checks?.version(), props.row && props.checks ? props.checks.findingsOf(key()) : []);
  const groups = () => (props.checks?.version(), props.row && props.checks ? props.checks.groupsOf(key()) : []);
  return (
    <section class="panel" aria-labelledby="row-panel-title" data-testid="row-panel">
      <h2 id="row-panel-title">{i18n.t('panel.title')}</h2>
      <Show when={props.checks} fallback={<p class="muted">{i18n.t('panel.checksOff')}</p>}>
        <Show when={props.row} fallback={<p class="muted">{i18n.t('panel.none')}</p>}>
          <p class="muted">
            #{props.positionOf(props.row!)} · {getCell(props.doc, props.row!, 'nama').value} {getCell(props.doc, props.row!, 'nik').value}
          </p>
          <Show when={findings().length === 0 && groups().length === 0}>
            <p class="ok-text">✓ {i18n.t('panel.ok')}</p>
          </Show>
          <Show when={findings().length > 0}>
            <h3>{i18n.t('panel.findings')}</h3>
            <ul class="findings">
              <For each={findings()}>
                {(f) => (
                  <li class={`finding sev-${f.severity}`} data-testid="finding" data-code={f.code}>
                    {describeFinding(f, i18n.lang())}
                    <FindingActions judge={props.judge} rowKey={key()} finding={f} />
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <Show when={groups().length > 0}>
            <h3>{i18n.t('panel.duplicates')}</h3>
            <For each={groups()}>{(g) => <GroupView group={g} self={key()} {...props} />}</For>
          </Show>
          <DismissedPairs doc={props.doc} judge={props.judge} rowKey={key()} version={() => props.checks?.version() ?? 0} describe={(other) => describeMember(i18n, props, other)} />
        </Show>
      </Show>
    </section>
  );
}

function GroupView(props: RowPanelProps & { group: DuplicateGroup; self: string }): JSX.Element {
  const { i18n } = useApp();
  const others = () => props.group.members.filter((m) => m !== props.self);
  return (
    <div class="dup-group" data-testid="dup-group">
      <p>
        <strong>{props.group.reasons.join('; ')}</strong>{' '}
        <span class="muted">{i18n.t('panel.score', { score: props.group.score.toLocaleString('id-ID') })}</span>
      </p>
      <ul>
        <For each={others()}>
          {(member) => {
            const { sheetId, rowId } = splitRecordKey(member);
            if (sheetId === props.sheetId) {
              return (
                <li>
                  {memberPlace(i18n, props, member)}{' '}
                  <button type="button" class="small" onClick={() => props.onGoto(rowId)}>
                    {i18n.t('panel.goto')}
                  </button>
                  <NotDuplicateButton judge={props.judge} rowKey={props.self} other={member} />
                </li>
              );
            }
            const entry = props.index.get(member);
            return (
              <li data-testid="dup-other">
                {memberPlace(i18n, props, member)}
                <Show when={entry?.readable}>
                  {' '}— {entry!.values.nama ?? ''} {entry!.values.nik ?? ''}{' '}
                  <a href={routeHref({ name: 'sheet', id: sheetId, row: rowId })} class="small-link">
                    {i18n.t('panel.openOther')}
                  </a>
                </Show>
                <NotDuplicateButton judge={props.judge} rowKey={props.self} other={member} />
              </li>
            );
          }}
        </For>
      </ul>
    </div>
  );
}

/** Where another member of a group is, in the same words in the group and in the dismissed list. */
function memberPlace(i18n: I18n, props: RowPanelProps, member: string): string {
  const { sheetId, rowId } = splitRecordKey(member);
  if (sheetId === props.sheetId) return i18n.t('panel.thisSheet', { n: props.positionOf(rowId) });
  const entry = props.index.get(member);
  return i18n.t('panel.otherSheet', { sheet: entry?.sheetName ?? sheetId, kelurahan: entry ? props.kelurahanName(entry.kelurahan) : '' });
}

/** Another row for the dismissed list: where it is, and for a row here its name (the pair is no longer shown as a group). */
function describeMember(i18n: I18n, props: RowPanelProps, member: string): string {
  const { sheetId, rowId } = splitRecordKey(member);
  const place = memberPlace(i18n, props, member);
  return sheetId === props.sheetId ? `${place} — ${getCell(props.doc, rowId, 'nama').value}` : place;
}
