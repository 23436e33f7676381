// navigator.onLine as a Solid signal. The browser's online/offline events are
// also what the sync layer uses to drop and re-open its sockets: an emulated or
// real loss of network does not always close an open WebSocket promptly.
import { createSignal, onCleanup, type Accessor } from 'solid-js';

export function createOnline(): Accessor<boolean> {
  const [online, setOnline] = createSignal(navigator.onLine);
  const up = () => setOnline(true);
  const down = () => setOnline(false);
  window.addEventListener('online', up);
  window.addEventListener('offline', down);
  onCleanup(() => {
    window.removeEventListener('online', up);
    window.removeEventListener('offline', down);
  });
  return online;
}
