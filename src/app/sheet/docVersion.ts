// A signal that ticks (at most once per frame) when the doc changes, for the
// page's summaries (meta, row count, conflicts) — the grid tracks cells itself.
import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import type * as Y from 'yjs';

export function createDocVersion(doc: Y.Doc): Accessor<number> {
  const [version, setVersion] = createSignal(0);
  let scheduled = false;
  const onUpdate = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      setVersion((v) => v + 1);
    });
  };
  doc.on('update', onUpdate);
  onCleanup(() => doc.off('update', onUpdate));
  return version;
}

/** Re-evaluates `fn` when the doc changes, but no more often than every `ms` (for whole-sheet scans). */
export function createThrottled<T>(version: Accessor<number>, fn: () => T, ms: number): Accessor<T> {
  const [value, setValue] = createSignal<T>(fn());
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    last = Date.now();
    setValue(() => fn());
  };
  createEffect(
    on(
      version,
      () => {
        if (timer === undefined) timer = setTimeout(run, Math.max(0, ms - (Date.now() - last)));
      },
      { defer: true },
    ),
  );
  onCleanup(() => clearTimeout(timer));
  return value;
}
