import { transform } from 'esbuild';
import type { Hono } from 'hono';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
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
 * Serves the pages in web/: files as they are, and the typed client modules (web/**\/*.ts) as
 * JavaScript, transpiled once per change by esbuild, so there is no build step and no CDN.
 */
export function serveWeb(app: Hono<AppEnv>, root: string): void {
  const compiled = new Map<string, { mtimeMs: number; code: string }>();
  app.get('*', async (c, next) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return next(); // malformed %-escapes: no such file
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (!file.startsWith(normalize(root) + sep) || path.includes('\0')) return next();
    const info = await stat(file).catch(() => null);
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
