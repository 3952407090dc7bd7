import { Hono } from 'hono';
import { z } from 'zod';
import { enterBallot, getRound, listBallots, voidBallot } from '../db/store/index.js';
import { ballotBody, voidBody } from '../schema/api.js';
import { anyMember, typists } from './auth.js';
import type { AppEnv } from './env.js';
import { refused, respond, roundNotFound } from './errors.js';
import { jsonBody, query } from './validate.js';

/** Individual ballots: entered and voided by counting members, read by the committee, never by the display. */
export const ballotRoutes = new Hono<AppEnv>()
  .get('/rounds/:roundId/ballots', anyMember, query(z.object({ includeVoid: z.enum(['true', 'false']).optional(), afterSeq: z.coerce.number().int().min(0).optional() })), async (c) => {
    const q = c.req.valid('query');
    const { db } = c.get('deps').store;
    if (!(await getRound(db, c.req.param('roundId')))) return c.json(roundNotFound, 404);
    return c.json(await listBallots(db, c.req.param('roundId'), { includeVoid: q.includeVoid === 'true', afterSeq: q.afterSeq }));
  })
  // The client makes the ballot id: a retry of the same request never counts twice.
  .post('/rounds/:roundId/ballots', typists, jsonBody(ballotBody), async (c) => {
    const { id, ballot } = c.req.valid('json');
    const result = await enterBallot(c.get('deps').store, c.get('session')!.actor, { id, roundId: c.req.param('roundId'), ballot });
    if (!result.ok) return refused(c, result.error);
    return c.json(result.value, result.value.created ? 201 : 200);
  })
  .post('/ballots/:id/void', typists, jsonBody(voidBody), async (c) => respond(c, await voidBallot(c.get('deps').store, c.get('session')!.actor, c.req.param('id'), c.req.valid('json').reason)));
