import { Hono } from 'hono';
import { z } from 'zod';
import { auditFor, checkAudit } from '../db/store/index.js';
import { anyMember } from './auth.js';
import type { AppEnv } from './env.js';
import { query } from './validate.js';

/** The append-only audit log and the check of its hash chain. */
export const auditRoutes = new Hono<AppEnv>()
  .get('/', anyMember, query(z.object({ afterSeq: z.coerce.number().int().min(0).optional(), limit: z.coerce.number().int().min(1).max(5000).optional(), entityId: z.string().max(64).optional() })), async (c) =>
    c.json(await auditFor(c.get('deps').store.db, c.get('session')!.actor, c.req.valid('query'))),
  )
  .get('/verify', anyMember, async (c) => c.json(await checkAudit(c.get('deps').store.db)));
