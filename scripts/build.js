#!/usr/bin/env node
// Builds dist/ once, so nothing compiles TypeScript at run time:
//   dist/kiemphieu.mjs   the `kiemphieu` command (src/cli.ts and what it imports; packages stay external)
//   dist/web/js/NAME.js  each page's client module (web/js/NAME.ts, the script an HTML page loads),
//                        bundled with what it imports (other client modules, src/domain for verify)
// Run by `npm ci`/`npm install` (prepare), `npm start`, `npm test` (vitest's global set-up) and `npm run build`.
// Files are written only when their contents change, each beside and renamed into place, so a command
// starting at the same moment reads a whole file, old or new.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

/** The client modules the pages load: `<script type="module" src="/js/NAME.js">` in web/*.html. */
export function pageModules(webRoot = join(ROOT, 'web')) {
  const names = new Set();
  for (const file of readdirSync(webRoot).filter((f) => f.endsWith('.html'))) {
    for (const [, name] of readFileSync(join(webRoot, file), 'utf8').matchAll(/<script[^>]*\ssrc="\/js\/([a-z0-9-]+)\.js"/g)) {
      names.add(name);
    }
  }
  return [...names].sort();
}

function writeIfChanged(path, contents) {
  try {
    if (Buffer.compare(readFileSync(path), contents) === 0) return false;
  } catch {}
  mkdirSync(dirname(path), { recursive: true });
  const part = `${path}.${process.pid}.part`;
  writeFileSync(part, contents);
  renameSync(part, path);
  return true;
}

export async function build() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    // An install without the dev tools (`npm ci --omit=dev`) runs the dist/ it was given.
    if (existsSync(join(DIST, 'kiemphieu.mjs'))) return [];
    throw new Error('Thiếu esbuild để dựng dist/: chạy `npm ci`. / esbuild is missing to build dist/: run `npm ci`.');
  }
  const common = { bundle: true, write: false, format: 'esm', charset: 'utf8', logLevel: 'warning' };
  const server = esbuild.build({
    ...common,
    entryPoints: [join(ROOT, 'src/cli.ts')],
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outfile: join(DIST, 'kiemphieu.mjs'),
  });
  const pages = esbuild.build({
    ...common,
    entryPoints: pageModules().map((name) => join(ROOT, 'web/js', `${name}.ts`)),
    platform: 'browser',
    target: 'es2022',
    outdir: join(DIST, 'web/js'),
  });
  const written = [];
  for (const { outputFiles } of await Promise.all([server, pages])) {
    for (const file of outputFiles) if (writeIfChanged(file.path, file.contents)) written.push(file.path);
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const written = await build();
    if (written.length > 0) console.log(`built ${written.length} file(s) in dist/`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
