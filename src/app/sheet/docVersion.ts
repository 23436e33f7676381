// A signal that ticks (at most once per frame) when the doc changes, for the
// page's cheap summaries (meta) — the grid tracks cells itself.
import { createSignal, onCleanup, type Accessor } from 'solid-js';
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
