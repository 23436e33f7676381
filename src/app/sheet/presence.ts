// Presence through y-protocols awareness: who is in the sheet and which cell
// each person has selected, in their colour.
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { Awareness } from 'y-protocols/awareness';
import type { SessionUser } from '../api/types';

export interface Person {
  clientId: number;
  userId: string;
  name: string;
  color: string;
  row?: string;
  col?: string;
  self: boolean;
}

// Dark enough for white text and for a 2px outline on a sunlit screen.
const COLORS = ['#b3261e', '#1d4ed8', '#047857', '#7c3aed', '#b45309', '#be185d', '#0e7490', '#4d7c0f'];

export function colorFor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return COLORS[h % COLORS.length];
}

export interface Presence {
  people: Accessor<Person[]>;
  setCell(row: string | undefined, col: string | undefined): void;
}

export function createPresence(awareness: Awareness, user: SessionUser): Presence {
  const color = colorFor(user.id);
  awareness.setLocalStateField('user', { id: user.id, name: user.displayName || user.username, color });
  const read = (): Person[] => {
    const out: Person[] = [];
    for (const [clientId, state] of awareness.getStates()) {
      const u = state.user as { id?: string; name?: string; color?: string } | undefined;
      if (!u?.id) continue;
      const cell = state.cell as { row?: string; col?: string } | undefined;
      out.push({
        clientId,
        userId: u.id,
        name: u.name ?? u.id,
        color: u.color ?? '#444',
        ...(cell?.row ? { row: cell.row } : {}),
        ...(cell?.col ? { col: cell.col } : {}),
        self: clientId === awareness.clientID,
      });
    }
    return out.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
  };
  const [people, setPeople] = createSignal<Person[]>(read());
  const onChange = () => setPeople(read());
  awareness.on('change', onChange);
  onCleanup(() => {
    awareness.off('change', onChange);
    awareness.setLocalState(null);
  });
  return {
    people,
    setCell(row, col) {
      awareness.setLocalStateField('cell', row && col ? { row, col } : null);
    },
  };
}
