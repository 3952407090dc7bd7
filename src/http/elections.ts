import { Hono } from 'hono';
import {
  createElection,
  createNextRound,
  electionOutcome,
  getElection,
  importRecord,
  listElections,
  listRounds,
  removeElection,
  updateElection,
} from '../db/store/index.js';
import { electionBody, electionPatch, importRecordBody, nextRoundBody } from '../schema/api.js';
import { allow } from './auth.js';
import type { AppEnv } from './env.js';
import { errorBody, respond } from './errors.js';
import { IMPORT_BODY_LIMIT, jsonBody } from './validate.js';

const notFound = errorBody({ code: 'not_found', vi: 'không tìm thấy cuộc bầu', en: 'election not found' });

export const electionRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await listElections(c.get('deps').store.db)))
  .post('/', allow('setup'), jsonBody(electionBody), async (c) =>
    respond(c, await createElection(c.get('deps').store, c.get('session')!.actor, c.req.valid('json')), 201),
  )
  // An election record (the interchange format) becomes a new election of this congress. It brings
  // its ballots, so it is the head's act, like certifying a count.
  .post('/import', allow('head'), jsonBody(importRecordBody, IMPORT_BODY_LIMIT), async (c) =>
    respond(c, await importRecord(c.get('deps').store, c.get('session')!.actor, c.req.valid('json')), 201),
  )
  .get('/:id', async (c) => {
    const { db } = c.get('deps').store;
    const election = await getElection(db, c.req.param('id'));
    return election ? c.json({ ...election, rounds: await listRounds(db, election.id) }) : c.json(notFound, 404);
  })
  .patch('/:id', allow('setup'), jsonBody(electionPatch), async (c) =>
    respond(c, await updateElection(c.get('deps').store, c.get('session')!.actor, c.req.param('id'), c.req.valid('json'))),
  )
  .delete('/:id', allow('setup'), async (c) => respond(c, await removeElection(c.get('deps').store, c.get('session')!.actor, c.req.param('id'))))
  // The outcome across rounds and the next round on offer; the congress decides whether to hold it.
  .get('/:id/outcome', async (c) => {
    const { db } = c.get('deps').store;
    if (!(await getElection(db, c.req.param('id')))) return c.json(notFound, 404);
    return c.json(await electionOutcome(db, c.req.param('id')));
  })
  // The head records the congress's decision to hold the next round (a re-vote, or for unfilled seats).
  .post('/:id/rounds', allow('head'), jsonBody(nextRoundBody), async (c) =>
    respond(c, await createNextRound(c.get('deps').store, c.get('session')!.actor, c.req.param('id'), c.req.valid('json')), 201),
  );
