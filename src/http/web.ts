import { transform } from 'esbuild';
import type { Hono } from 'hono';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
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
 * The pure domain (src/domain, no node:* and no libraries) is served to the pages too, at the path a
 * page module's relative import reaches (`../../src/domain/index.js` from web/js/): the entry screen
 * judges a ballot with the very code the server counts with.
 */
const DOMAIN_ROOT = fileURLToPath(new URL('../domain', import.meta.url));
const DOMAIN_PATH = '/src/domain/';

/** A file under root, or null for anything that would leave it. */
function inside(root: string, path: string): string | null {
  const file = normalize(join(root, path));
  return file.startsWith(normalize(root) + sep) && !path.includes('\0') ? file : null;
}

/**
 * Serves the pages in web/: files as they are, and the typed client modules (web/**\/*.ts) as
 * JavaScript, transpiled once per change by esbuild, so there is no build step and no CDN. A module
 * may be asked for as `x.js` (how TypeScript writes imports between modules) and is served from `x.ts`.
 */
export function serveWeb(app: Hono<AppEnv>, root: string): void {
  const compiled = new Map<string, { mtimeMs: number; code: string }>();
  app.get('*', async (c, next) => {
    let path = decodeURIComponent(new URL(c.req.url).pathname);
    if (path.endsWith('/')) path += 'index.html';
    const domain = path.startsWith(DOMAIN_PATH);
    let file = domain ? inside(DOMAIN_ROOT, path.slice(DOMAIN_PATH.length)) : inside(root, path);
    if (!file || (domain && extname(file) !== '.js')) return next();
    let info = await stat(file).catch(() => null);
    if (!info?.isFile() && extname(file) === '.js') {
      file = file.slice(0, -3) + '.ts';
      info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) return next();
    const ext = extname(file);
    if (ext === '.ts') {
      let entry = compiled.get(file);
      if (!entry || entry.mtimeMs !== info.mtimeMs) {
        const out = await transform(await readFile(file, 'utf8'), { loader: 'ts', format: 'esm', target: 'es2022', charset: 'utf8', sourcefile: path });
        entry = { mtimeMs: info.mtimeMs, code: out.code };
        compiled.set(file, entry);
      }
      return c.body(entry.code, 200, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'no-cache' });
    }
    const type = TYPES[ext];
    if (!type) return next();
    return c.body(await readFile(file), 200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
  });
}
