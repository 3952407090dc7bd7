import { Hono } from 'hono';
import { signedIn } from './auth.js';
import type { AppEnv } from './env.js';

/**
 * How the server's own backups stand, for the committee's pages: the last automatic backup that
 * failed (and whether the disk was full), until one succeeds again. A server on a database in
 * memory makes none: `{ lastFailure: null }`.
 */
export const backupRoutes = new Hono<AppEnv>().get('/', signedIn, (c) => c.json({ lastFailure: c.get('deps').backups?.lastFailure ?? null }));
