import { Hono } from 'hono';
import {
  displayTally,
  getRound,
  listCandidates,
  roundListCheck,
  roundRecord,
  setBallotCounts,
  transitionRound,
} from '../db/store/index.js';
import { ballotCountsBody, transitionBody } from '../schema/api.js';
import { allow, anyMember } from './auth.js';
import type { AppEnv } from './env.js';
import { errorBody, refused, respond } from './errors.js';
import { jsonBody } from './validate.js';

const notFound = errorBody({ code: 'not_found', vi: 'không tìm thấy vòng bầu', en: 'round not found' });

/** Who may move a round from one state to another: setup opens the count; the head closes and reopens it. */
const MOVERS: Record<string, string[]> = { counting: ['setup', 'head'], setup: ['setup', 'head'], counted: ['head'] };

export const roundRoutes = new Hono<AppEnv>()
  .get('/:id', async (c) => {
    const { db } = c.var.deps.store;
    const round = await getRound(db, c.req.param('id'));
    if (!round) return c.json(notFound, 404);
    return c.json({ ...round, candidates: await listCandidates(db, round.id), listCheck: await roundListCheck(db, round) });
  })
  .patch('/:id', allow('setup', 'head'), jsonBody(ballotCountsBody), async (c) => {
    const result = await setBallotCounts(c.var.deps.store, c.var.session!.actor, c.req.param('id'), c.req.valid('json'));
    if (result.ok) c.var.deps.events.publish(result.value.id);
    return respond(c, result);
  })
  .post('/:id/transition', anyMember, jsonBody(transitionBody), async (c) => {
    const { to, reason } = c.req.valid('json');
    if (!(MOVERS[to] ?? []).includes(c.var.session!.member.role)) {
      return c.json(errorBody({ code: 'forbidden', vi: 'vai trò của bạn không được chuyển bước này', en: 'your role may not make this move' }), 403);
    }
    const result = await transitionRound(c.var.deps.store, c.var.session!.actor, c.req.param('id'), to, reason);
    if (result.ok) c.var.deps.events.publish(result.value.id);
    return respond(c, result);
  })
  // Aggregate figures only: public, like the projector display (progress only while the election
  // says so and the round is open, unless a committee member asks).
  .get('/:id/tally', async (c) => {
    const tally = await displayTally(c.var.deps.store.db, c.req.param('id'), { committee: c.var.session !== null });
    return tally.ok ? c.json(tally.value) : refused(c, tally.error);
  })
  // The round as an election record, every ballot in it: for the committee only.
  .get('/:id/record', anyMember, async (c) => {
    const { db } = c.var.deps.store;
    if (!(await getRound(db, c.req.param('id')))) return c.json(notFound, 404);
    const record = await roundRecord(db, c.req.param('id'));
    c.header('Content-Disposition', `attachment; filename="record-round-${record.election.round}.json"`);
    return c.json(record);
  });
