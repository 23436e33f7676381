// Serves the built PWA from dist/. Hashed files under /assets/ never change, so
// they are cached for a year; index.html, sw.js and the manifest must be
// re-checked on every load, or an installed app would never update. Any other
// path without a file extension gets index.html (the app routes client-side).
import { createReadStream, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

function cacheControl(urlPath: string): string {
  if (urlPath.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

function statFile(path: string): Stats | undefined {
  try {
    const s = statSync(path);
    return s.isFile() ? s : undefined;
  } catch {
    return undefined;
  }
}

const NOT_BUILT = `<!doctype html><html lang="id"><meta charset="utf-8"><title>Selaras</title>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto">
<h1>Selaras</h1><p>Aplikasi web belum dibangun. Jalankan <code>npm run build</code> lalu muat ulang halaman ini,
atau jalankan ulang <code>npm start</code>.</p><p>Server sinkronisasi dan API sudah berjalan.</p></body></html>`;

/** Returns false when the request is not for a static file (so the caller answers 404). */
export function serveStatic(distDir: string, req: IncomingMessage, res: ServerResponse, urlPath: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return false;
  }
  if (decoded.includes('\0')) return false;
  const root = normalize(distDir + sep);
  let file = normalize(join(root, decoded));
  if (!file.startsWith(root) && file !== normalize(distDir)) return false;
  let stats = decoded.endsWith('/') ? undefined : statFile(file);
  let path = decoded;
  if (!stats) {
    // SPA fallback only for page-like paths: a missing /assets/x.js must be a 404, not HTML.
    if (extname(decoded) && !decoded.endsWith('.html')) return false;
    file = join(root, 'index.html');
    path = '/index.html';
    stats = statFile(file);
    if (!stats) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : NOT_BUILT);
      return true;
    }
  }
  const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
  const headers: Record<string, string | number> = {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': cacheControl(path),
    etag,
    'x-content-type-options': 'nosniff',
  };
  if (path.endsWith('sw.js')) headers['service-worker-allowed'] = '/';
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  headers['content-length'] = stats.size;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}
