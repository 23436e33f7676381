// The in-cell editor: a textarea over the active cell. "Enter mode" (opened by
// typing) lets arrows leave the cell like Excel; "edit mode" (F2, double
// click) keeps arrows inside the text. Alt+Enter adds a line break.
import { onMount } from 'solid-js';

export type EditorMode = 'enter' | 'edit';

export interface EditorState {
  /** Displayed position when editing started; the ids below are what the edit writes to. */
  row: number;
  col: number;
  /** undefined on the empty "new row" line (the edit appends a row). */
  rowId?: string;
  colId: string;
  initial: string;
  mode: EditorMode;
}

export type EditorExit =
  | { kind: 'commit'; value: string; move: { dr: number; dc: number } | 'tab' | 'backtab' | null }
  | { kind: 'cancel' };

export function CellEditor(props: {
  state: EditorState;
  box: { left: number; top: number; width: number; height: number };
  label: string;
  onExit: (exit: EditorExit) => void;
}) {
  let el!: HTMLTextAreaElement;
  let done = false;
  const finish = (exit: EditorExit) => {
    if (done) return;
    done = true;
    props.onExit(exit);
  };
  // Grow with the text (wider for long names and addresses, taller for line breaks), within bounds.
  // The text is measured on a canvas with the editor's font: reading scrollWidth
  // would force a layout of the page on every keystroke.
  let measure: ((text: string) => number) | undefined;
  const createMeasure = (): ((text: string) => number) => {
    const cs = getComputedStyle(el);
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx || !cs.font) {
      return () => {
        el.style.width = '0px';
        return el.scrollWidth + 4;
      };
    }
    ctx.font = cs.font;
    const chrome = ['paddingLeft', 'paddingRight', 'borderLeftWidth', 'borderRightWidth'] as const;
    const extra = chrome.reduce((sum, k) => sum + (parseFloat(cs[k]) || 0), 0);
    return (text) => ctx.measureText(text).width + extra;
  };
  const textWidth = (lines: string[]): number => {
    const m = (measure ??= createMeasure());
    return Math.max(...lines.map(m));
  };
  const fit = () => {
    const lines = el.value.split('\n');
    const width = `${Math.min(640, Math.max(props.box.width, Math.ceil(textWidth(lines))))}px`;
    const height = `${Math.min(8, Math.max(1, lines.length)) * props.box.height}px`;
    if (el.style.width !== width) el.style.width = width;
    if (el.style.height !== height) el.style.height = height;
  };
  onMount(() => {
    el.value = props.state.initial;
    fit();
    el.focus({ preventScroll: true });
    const end = el.value.length;
    el.setSelectionRange(end, end);
  });
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isComposing) return;
    const commit = (move: Extract<EditorExit, { kind: 'commit' }>['move']) => {
      e.preventDefault();
      finish({ kind: 'commit', value: el.value, move });
    };
    if (e.key === 'Escape') {
      e.preventDefault();
      finish({ kind: 'cancel' });
    } else if (e.key === 'Enter' && e.altKey) {
      e.preventDefault();
      el.setRangeText('\n', el.selectionStart, el.selectionEnd, 'end');
      fit();
    } else if (e.key === 'Enter') commit({ dr: e.shiftKey ? -1 : 1, dc: 0 });
    else if (e.key === 'Tab') commit(e.shiftKey ? 'backtab' : 'tab');
    else if (props.state.mode === 'enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey) {
      const d = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[e.key];
      if (d) commit({ dr: d[0], dc: d[1] });
    }
    e.stopPropagation();
  };
  return (
    <textarea
      ref={el}
      class="sg-editor"
      aria-label={props.label}
      spellcheck={false}
      autocomplete="off"
      style={{ left: `${props.box.left}px`, top: `${props.box.top}px` }}
      onKeyDown={onKeyDown}
      onInput={fit}
      onBlur={() => finish({ kind: 'commit', value: el.value, move: null })}
      onCopy={(e) => e.stopPropagation()}
      onCut={(e) => e.stopPropagation()}
      onPaste={(e) => e.stopPropagation()}
    />
  );
}
