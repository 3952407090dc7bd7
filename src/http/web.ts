import type { Hono } from 'hono';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { SCRIPTS_ROOT } from '../paths.js';
import type { AppEnv } from './env.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/**
 * Serves the pages in web/ as they are, and under /js/ the pages' client modules as built into
 * dist/web/js by `npm run build` (each bundled with what it imports, such as src/domain for the
 * verify page): no compiler at run time, no CDN. Only those two folders are addressable; the
 * TypeScript sources are never served.
 */
export function serveWeb(app: Hono<AppEnv>, root: string, scripts = SCRIPTS_ROOT): void {
  app.get('*', async (c, next) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return next(); // a malformed address is no file of ours: 404, not a 500
    }
    if (path.endsWith('/')) path += 'index.html';
    const [base, rest] = path.startsWith('/js/') ? [scripts, path.slice('/js'.length)] : [root, path];
    const file = normalize(join(base, rest));
    if (!file.startsWith(normalize(base) + sep) || path.includes('\0')) return next();
    const type = TYPES[extname(file)];
    if (!type) return next();
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return next();
    return c.body(await readFile(file), 200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
  });
}
