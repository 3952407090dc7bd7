import { fileURLToPath } from 'node:url';

/**
 * web/ at the top of the project. This file sits one folder down (src/), as does the bundle the
 * `kiemphieu` command runs (dist/), so the same relative path finds it from either.
 */
export const WEB_ROOT = fileURLToPath(new URL('../web', import.meta.url));

/** The pages' client modules, built from web/js/*.ts by `npm run build` (scripts/build.js). */
export const SCRIPTS_ROOT = fileURLToPath(new URL('../dist/web/js', import.meta.url));
