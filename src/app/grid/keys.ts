// Keyboard → grid action, for the grid when no cell editor is open. Pure, so
// the shortcut table is tested without a browser. Copy, cut and paste are not
// here: they come through the browser's clipboard events.

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export type GridAction =
  | { type: 'move'; dr: number; dc: number; extend: boolean }
  | { type: 'edge'; dr: number; dc: number; extend: boolean }
  | { type: 'rowStart'; extend: boolean }
  | { type: 'rowEnd'; extend: boolean }
  | { type: 'sheetStart'; extend: boolean }
  | { type: 'sheetEnd'; extend: boolean }
  | { type: 'page'; dir: 1 | -1; extend: boolean }
  | { type: 'tab'; back: boolean }
  | { type: 'enter'; back: boolean }
  | { type: 'edit' }
  | { type: 'type'; text: string }
  | { type: 'clear' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'fillDown' }
  | { type: 'insertRows' }
  | { type: 'deleteRows' }
  | { type: 'selectAll' }
  | { type: 'selectRows' }
  | { type: 'selectColumns' }
  | { type: 'menu' }
  | { type: 'escape' };

const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

export function actionForKey(e: KeyInput): GridAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const extend = e.shiftKey;
  const arrow = ARROWS[e.key];
  if (arrow) return { type: mod ? 'edge' : 'move', dr: arrow[0], dc: arrow[1], extend };
  if (e.altKey && !mod) return null;
  // Excel / Sheets: Shift+Space selects the rows, Ctrl+Space the columns.
  if (e.key === ' ' && e.shiftKey && !mod) return { type: 'selectRows' };
  if (e.key === ' ' && mod && !e.shiftKey) return { type: 'selectColumns' };
  switch (e.key) {
    case 'Home':
      return mod ? { type: 'sheetStart', extend } : { type: 'rowStart', extend };
    case 'End':
      return mod ? { type: 'sheetEnd', extend } : { type: 'rowEnd', extend };
    case 'PageDown':
      return { type: 'page', dir: 1, extend };
    case 'PageUp':
      return { type: 'page', dir: -1, extend };
    case 'Tab':
      return mod ? null : { type: 'tab', back: e.shiftKey };
    case 'Enter':
      return mod ? null : { type: 'enter', back: e.shiftKey };
    case 'F2':
      return { type: 'edit' };
    case 'Delete':
    case 'Backspace':
      return mod ? null : { type: 'clear' };
    case 'Escape':
      return { type: 'escape' };
    case 'ContextMenu':
      return { type: 'menu' };
    case 'F10':
      return e.shiftKey ? { type: 'menu' } : null;
  }
  if (mod && !e.altKey) {
    const k = e.key.toLowerCase();
    if (k === 'z') return e.shiftKey ? { type: 'redo' } : { type: 'undo' };
    if (k === 'y') return { type: 'redo' };
    if (k === 'd') return { type: 'fillDown' };
    if (k === 'a') return { type: 'selectAll' };
    // Excel: Ctrl+'+' inserts, Ctrl+'-' deletes (with or without Shift, main row or keypad).
    if (e.key === '+' || e.key === '=') return { type: 'insertRows' };
    if (e.key === '-' || e.key === '_') return { type: 'deleteRows' };
    return null;
  }
  // A printable character starts editing with that character (replacing the cell).
  if (!mod && e.key.length === 1) return { type: 'type', text: e.key };
  return null;
}
