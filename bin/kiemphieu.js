#!/usr/bin/env node
// The `kiemphieu` command: runs dist/kiemphieu.mjs, the plain JavaScript that `npm run build`
// (run by `npm ci` and `npm start`) makes from src/cli.ts. No compiler runs here.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/kiemphieu.mjs', import.meta.url));
if (!existsSync(bundle)) {
  console.error(
    'Chưa dựng chương trình: chạy `npm run build` (hoặc `npm ci`). / Not built yet: run `npm run build` (or `npm ci`).',
  );
  process.exit(70);
}
await import(pathToFileURL(bundle).href);
