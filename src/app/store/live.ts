// Dexie liveQuery as a Solid signal: the home screen's counts follow what the
// sheet pages write to the device database.
import { liveQuery } from 'dexie';
import { createSignal, onCleanup, type Accessor } from 'solid-js';

export function createLiveQuery<T>(query: () => T | Promise<T>, initial: T): Accessor<T> {
  const [value, setValue] = createSignal<T>(initial);
  const sub = liveQuery(query).subscribe({ next: (v) => setValue(() => v), error: () => undefined });
  onCleanup(() => sub.unsubscribe());
  return value;
}
