// Drawn over the cells, in content coordinates: the selected range, the
// active cell, other people's selected cells in their colour, and the values
// of a conflicting active cell.
import { For, Show, type Accessor } from 'solid-js';
import type { CellCandidate } from '../../sheet';
import type { PresencePeer } from './index';
import type { CellRange } from './selection';
import type { Strings } from './strings';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

const px = (b: Box) => ({ left: `${b.left}px`, top: `${b.top}px`, width: `${b.width}px`, height: `${b.height}px` });

export function SelectionOverlay(props: { range: Accessor<CellRange>; boxOf: (r: CellRange) => Box; active: Accessor<Box>; single: Accessor<boolean>; editing: Accessor<boolean> }) {
  return (
    <>
      <Show when={!props.single()}>
        <div class="sg-range" style={px(props.boxOf(props.range()))} />
      </Show>
      <Show when={!props.editing()}>
        <div class="sg-active" style={px(props.active())} />
      </Show>
    </>
  );
}

export interface PlacedPeer {
  peer: PresencePeer;
  box: Box;
  /** On the first row the name goes below the cell (above it is the sticky header). */
  labelBelow: boolean;
}

export function PresenceOverlay(props: { peers: Accessor<PlacedPeer[]> }) {
  return (
    <For each={props.peers()}>
      {(p) => (
        <div class="sg-peer" style={{ ...px(p.box), 'border-color': p.peer.color }}>
          <span class="sg-peer-name" classList={{ 'sg-peer-name-below': p.labelBelow }} style={{ background: p.peer.color }}>
            {p.peer.name}
          </span>
        </div>
      )}
    </For>
  );
}

export function ConflictPopover(props: { box: Box; candidates: CellCandidate[]; t: Strings; who: (c: CellCandidate) => string; lang: string }) {
  const when = (ms: number) => new Date(ms).toLocaleString(props.lang === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'short', timeStyle: 'short' });
  return (
    <div class="sg-conflict-pop" role="note" style={{ left: `${props.box.left}px`, top: `${props.box.top + props.box.height + 2}px` }}>
      <strong>{props.t.conflict}</strong>
      <ul>
        <For each={props.candidates}>{(c) => <li>{props.t.conflictBy(c.value, props.who(c), when(c.time))}</li>}</For>
      </ul>
    </div>
  );
}
