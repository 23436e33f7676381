// The HTTP request handler: JSON API under /api, /healthz, /metrics, and the
// built PWA for everything else. API documentation: docs/api.md.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { addAuthRoutes } from './authRoutes';
import type { HttpDeps } from './deps';
import { METRICS_CONTENT_TYPE } from '../ops/metrics';
import { HttpError, sendError, sendJson } from './respond';
import { createRouter } from './router';
import { addSettingsRoutes } from './settingsRoutes';
import { addSheetRoutes } from './sheetRoutes';
import { serveStatic } from './static';
import { addUserRoutes } from './userRoutes';

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS']);

export function createHttpHandler(deps: HttpDeps) {
  const router = createRouter();
  // Labelled by route pattern, never the raw path: ids would make the label set unbounded.
  const requests = deps.metrics.counter('selaras_http_requests_total', 'HTTP requests by method, route and status.');
  addAuthRoutes(router, deps);
  addSheetRoutes(router, deps);
  addSettingsRoutes(router, deps);
  addUserRoutes(router, deps);

  router.get('/healthz', async (ctx) => {
    const health = await deps.health();
    sendJson(ctx.res, health.ok ? 200 : 503, { status: health.ok ? 'ok' : 'gagal', checks: health.checks });
  });
  router.get('/metrics', async (ctx) => {
    ctx.res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' });
    ctx.res.end(deps.metrics.render());
  });

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    let route = 'static';
    const methodLabel = KNOWN_METHODS.has(method) ? method : 'OTHER';
    const started = performance.now();
    res.on('finish', () => {
      requests.inc({ method: methodLabel, route, status: String(res.statusCode) });
      deps.logger.debug({ method, route, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request');
    });
    try {
      const match = router.match(method, url.pathname);
      if (match === 'methodNotAllowed') {
        route = 'unmatched';
        throw new HttpError(405, 'Metode tidak diizinkan untuk alamat ini.');
      }
      if (match) {
        route = match.pattern;
        await match.handler({ req, res, url, params: match.params });
        return;
      }
      if (url.pathname.startsWith('/api/')) {
        route = 'api';
        throw new HttpError(404, 'Alamat API tidak dikenal.');
      }
      if (!serveStatic(deps.distDir, req, res, url.pathname)) {
        route = 'notfound';
        sendError(res, 404, 'Tidak ditemukan.');
      }
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) {
        sendError(res, err.status, err.message, err.headers);
      } else {
        deps.logger.error({ err, method, path: url.pathname }, 'request failed');
        sendError(res, 500, 'Terjadi kesalahan di server. Coba lagi; bila berulang, hubungi admin.');
      }
    }
  };
}
