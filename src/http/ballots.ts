import { Hono, type MiddlewareHandler } from 'hono';
import { groupCommit } from '../db/group-commit.js';
import { z } from 'zod';
import { enterBallot, getRound, listBallots, voidBallot } from '../db/store/index.js';
import { ballotBody, voidBody } from '../schema/api.js';
import { anyMember, typists } from './auth.js';
import type { AppEnv } from './env.js';
import { refused, respond, roundNotFound } from './errors.js';
import { jsonBody, query } from './validate.js';

/**
 * A ballot request has arrived: the commit about to be made waits for it while it is read and
 * checked, so that ballots from several clerks share one fsync (src/db/group-commit.ts).
 */
const ballotOnItsWay: MiddlewareHandler<AppEnv> = async (c, next) => {
  const queued = groupCommit(c.get('deps').store.db).announce();
  c.set('queued', queued);
  try {
    await next();
  } finally {
    queued();
  }
};

/** Individual ballots: entered and voided by counting members, read by the committee, never by the display. */
export const ballotRoutes = new Hono<AppEnv>()
  .get('/rounds/:roundId/ballots', anyMember, query(z.object({ includeVoid: z.enum(['true', 'false']).optional(), afterSeq: z.coerce.number().int().min(0).optional() })), async (c) => {
    const q = c.req.valid('query');
    const { db } = c.get('deps').store;
    if (!(await getRound(db, c.req.param('roundId')))) return c.json(roundNotFound, 404);
    return c.json(await listBallots(db, c.req.param('roundId'), { includeVoid: q.includeVoid === 'true', afterSeq: q.afterSeq }));
  })
  // The client makes the ballot id: a retry of the same request never counts twice.
  .post('/rounds/:roundId/ballots', ballotOnItsWay, typists, jsonBody(ballotBody), async (c) => {
    const { id, ballot } = c.req.valid('json');
    const entering = enterBallot(c.get('deps').store, c.get('session')!.actor, { id, roundId: c.req.param('roundId'), ballot });
    c.get('queued')?.(); // the ballot is in the commit queue now (enterBallot queues it at once)
    const result = await entering;
    if (!result.ok) return refused(c, result.error);
    if (result.value.created) c.get('deps').events.publish(result.value.ballot.roundId, 'ballots');
    return c.json(result.value, result.value.created ? 201 : 200);
  })
  .post('/ballots/:id/void', typists, jsonBody(voidBody), async (c) => {
    const result = await voidBallot(c.get('deps').store, c.get('session')!.actor, c.req.param('id'), c.req.valid('json').reason);
    if (result.ok) c.get('deps').events.publish(result.value.roundId, 'ballots');
    return respond(c, result);
  });
