import { Hono } from 'hono';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AppEnv } from './env.js';

/** The Tinos package's font files, found wherever npm put the package. */
const TINOS_FILES = join(dirname(createRequire(import.meta.url).resolve('@fontsource/tinos/package.json')), 'files');

/** Only the subsets the papers declare (web/css/fonts.css): Latin, Latin Extended, Vietnamese, two weights, two styles. */
const FONT_FILE = /^tinos-(latin|latin-ext|vietnamese)-(400|700)-(normal|italic)\.woff2$/u;

/** The papers' font, from the server itself: no CDN, the hall has no internet. */
export const fontRoutes = new Hono<AppEnv>().get('/tinos/:file', async (c) => {
  const file = c.req.param('file');
  if (!FONT_FILE.test(file)) return c.notFound();
  const bytes = await readFile(join(TINOS_FILES, file));
  return c.body(bytes, 200, { 'Content-Type': 'font/woff2', 'Cache-Control': 'public, max-age=604800, immutable' });
});
