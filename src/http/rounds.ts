import { Hono } from 'hono';
import {
  bodyOfElection,
  displayTally,
  getElection,
  getRound,
  listCandidates,
  roundListCheck,
  roundRecord,
  setAttendance,
  setBallotCounts,
  transitionRound,
} from '../db/store/index.js';
import { ballotSeats } from '../db/rows.js';
import { attendanceBody, ballotCountsBody, transitionBody } from '../schema/api.js';
import { allow, anyMember } from './auth.js';
import type { AppEnv } from './env.js';
import { refused, respond, roundNotFound } from './errors.js';
import { jsonBody } from './validate.js';

export const roundRoutes = new Hono<AppEnv>()
  .get('/:id', async (c) => {
    const { db } = c.get('deps').store;
    const round = await getRound(db, c.req.param('id'));
    if (!round) return c.json(roundNotFound, 404);
    const election = (await getElection(db, round.electionId))!;
    const body = await bodyOfElection(db, election);
    const ballot = ballotSeats(round, election.alternatesMethod);
    return c.json({ ...round, candidates: await listCandidates(db, round.id), listCheck: await roundListCheck(db, round), body, ballot });
  })
  .patch('/:id', allow('setup', 'head'), jsonBody(ballotCountsBody), async (c) => {
    const result = await setBallotCounts(c.get('deps').store, c.get('session')!.actor, c.req.param('id'), c.req.valid('json'));
    if (result.ok) c.get('deps').events.publish(result.value.id, 'round');
    return respond(c, result);
  })
  // The members present at the vote: the technical secretary's entry, before the count closes.
  .put('/:id/attendance', allow('setup'), jsonBody(attendanceBody), async (c) => {
    const result = await setAttendance(c.get('deps').store, c.get('session')!.actor, c.req.param('id'), c.req.valid('json').present);
    if (result.ok) c.get('deps').events.publish(result.value.id, 'round');
    return respond(c, result);
  })
  // Which of them may make which move is the domain's rule (mayMove), checked by the store.
  .post('/:id/transition', allow('setup', 'head'), jsonBody(transitionBody), async (c) => {
    const { to, reason } = c.req.valid('json');
    const result = await transitionRound(c.get('deps').store, c.get('session')!.actor, c.req.param('id'), to, reason);
    if (result.ok) c.get('deps').events.publish(result.value.id, 'round');
    return respond(c, result);
  })
  // Aggregate figures only: public, like the projector display (progress only while the election
  // says so and the round is open, unless a committee member asks).
  .get('/:id/tally', async (c) => {
    const tally = await displayTally(c.get('deps').store.db, c.req.param('id'), { committee: c.get('session') !== null });
    return tally.ok ? c.json(tally.value) : refused(c, tally.error);
  })
  // The round as an election record, every ballot in it: for the committee only.
  .get('/:id/record', anyMember, async (c) => {
    const { db } = c.get('deps').store;
    if (!(await getRound(db, c.req.param('id')))) return c.json(roundNotFound, 404);
    const record = await roundRecord(db, c.req.param('id'));
    c.header('Content-Disposition', `attachment; filename="record-round-${record.election.round}.json"`);
    return c.json(record);
  });
