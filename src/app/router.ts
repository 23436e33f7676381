// Hash routes (#/, #/login, #/sheet/<id>): the service worker serves one
// index.html for every route, and deep links keep working offline.
import { createSignal, onCleanup, type Accessor } from 'solid-js';

export type Route =
  | { name: 'home' }
  | { name: 'sheet'; id: string; row?: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const m = /^\/sheet\/([A-Za-z0-9_-]+)(?:\/row\/([A-Za-z0-9]+))?$/.exec(path);
  if (m) return { name: 'sheet', id: m[1], ...(m[2] ? { row: m[2] } : {}) };
  return { name: 'home' };
}

export function routeHref(route: Route): string {
  if (route.name === 'sheet') return `#/sheet/${route.id}${route.row ? `/row/${route.row}` : ''}`;
  return '#/';
}

export interface Router {
  route: Accessor<Route>;
  go(route: Route): void;
}

export function createRouter(): Router {
  const [route, setRoute] = createSignal<Route>(parseRoute(location.hash));
  const onHash = () => setRoute(parseRoute(location.hash));
  window.addEventListener('hashchange', onHash);
  onCleanup(() => window.removeEventListener('hashchange', onHash));
  return {
    route,
    go(next) {
      location.hash = routeHref(next);
    },
  };
}
