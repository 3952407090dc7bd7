import { build } from 'esbuild';
import type { Hono } from 'hono';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
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
 * JavaScript, bundled by esbuild with what they import (other client modules, and shared pure code
 * such as src/domain for the verify page) once per change, so there is no build step and no CDN.
 * Only files under web/ are addressable; what a module imports is compiled in, never served.
 */
export function serveWeb(app: Hono<AppEnv>, root: string): void {
  const compiled = new Map<string, Bundle>();
  app.get('*', async (c, next) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return next(); // a malformed address is no file of ours: 404, not a 500
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (!file.startsWith(normalize(root) + sep) || path.includes('\0')) return next();
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return next();
    const ext = extname(file);
    if (ext === '.ts') {
      let entry = compiled.get(file);
      if (!entry || !(await unchanged(entry.inputs))) {
        entry = await bundle(file);
        compiled.set(file, entry);
      }
      return c.body(entry.code, 200, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'no-cache' });
    }
    const type = TYPES[ext];
    if (!type) return next();
    return c.body(await readFile(file), 200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
  });
}

interface Bundle {
  code: string;
  /** The project's own source files in the bundle (not node_modules), with the mtime each had. */
  inputs: Map<string, number>;
}

async function bundle(file: string): Promise<Bundle> {
  const out = await build({ entryPoints: [file], bundle: true, write: false, format: 'esm', target: 'es2022', charset: 'utf8', platform: 'browser', metafile: true, logLevel: 'silent' });
  const inputs = new Map<string, number>();
  for (const input of Object.keys(out.metafile.inputs)) {
    if (input.includes('node_modules')) continue;
    const path = resolve(input);
    inputs.set(path, (await stat(path)).mtimeMs);
  }
  return { code: out.outputFiles[0].text, inputs };
}

async function unchanged(inputs: Map<string, number>): Promise<boolean> {
  for (const [path, mtimeMs] of inputs) {
    const info = await stat(path).catch(() => null);
    if (info?.mtimeMs !== mtimeMs) return false;
  }
  return true;
}
