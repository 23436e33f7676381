// A minimal router: METHOD + path pattern with :params.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

export type Handler = (ctx: RouteContext) => Promise<void> | void;

interface Route {
  method: string;
  /** The pattern as written, used as the metrics label. */
  pattern: string;
  regex: RegExp;
  keys: string[];
  handler: Handler;
}

export interface Match {
  handler: Handler;
  params: Record<string, string>;
  pattern: string;
}

export function createRouter() {
  const routes: Route[] = [];
  const add = (method: string, pattern: string, handler: Handler) => {
    const keys: string[] = [];
    const source = pattern.replace(/:([a-zA-Z]+)/g, (_m, k: string) => {
      keys.push(k);
      return '([^/]+)';
    });
    routes.push({ method, pattern, regex: new RegExp(`^${source}$`), keys, handler });
  };
  return {
    get: (p: string, h: Handler) => add('GET', p, h),
    post: (p: string, h: Handler) => add('POST', p, h),
    patch: (p: string, h: Handler) => add('PATCH', p, h),
    put: (p: string, h: Handler) => add('PUT', p, h),
    /** The route for a request; `methodNotAllowed` when the path exists with another method. */
    match(method: string, path: string): Match | 'methodNotAllowed' | undefined {
      let pathMatched = false;
      for (const r of routes) {
        const m = r.regex.exec(path);
        if (!m) continue;
        pathMatched = true;
        if (r.method !== method && !(method === 'HEAD' && r.method === 'GET')) continue;
        const params: Record<string, string> = {};
        r.keys.forEach((k, i) => {
          params[k] = decodeURIComponent(m[i + 1] ?? '');
        });
        return { handler: r.handler, params, pattern: r.pattern };
      }
      return pathMatched ? 'methodNotAllowed' : undefined;
    },
  };
}

export type Router = ReturnType<typeof createRouter>;
