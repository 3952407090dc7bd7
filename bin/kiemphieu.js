#!/usr/bin/env node
// The `kiemphieu` command. Node 20 cannot run TypeScript, so src/cli.ts is bundled by esbuild (about
// a tenth of a second) into dist/kiemphieu.mjs and run as plain JavaScript: the server then starts
// quickly and carries no compiler (tsx's loader thread alone costs some 50 MB). The bundle is
// rebuilt at every start, so it is never older than the sources. Where dist/ cannot be written
// (a read-only install), the sources run through tsx instead.
import { buildSync } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}dist/kiemphieu.mjs`;

function built() {
  const { outputFiles } = buildSync({
    entryPoints: [`${root}src/cli.ts`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
    outfile: bundle,
  });
  return outputFiles[0].contents;
}

function unchanged(contents) {
  try {
    return Buffer.compare(readFileSync(bundle), contents) === 0;
  } catch {
    return false;
  }
}

let runnable = true;
try {
  const contents = built();
  if (!unchanged(contents)) {
    // Written beside and renamed: a command starting at the same moment reads a whole file, old or new.
    mkdirSync(`${root}dist`, { recursive: true });
    const part = `${bundle}.${process.pid}.part`;
    writeFileSync(part, contents);
    renameSync(part, bundle);
  }
} catch {
  runnable = false;
}

if (runnable) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
