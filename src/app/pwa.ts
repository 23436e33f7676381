// Registers the service worker that caches the app shell (vite-plugin-pwa).
// The new worker takes over at the next start; an edit session is never
// interrupted by a reload the user did not ask for.
import { registerSW } from 'virtual:pwa-register';

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  registerSW({ immediate: true });
}
