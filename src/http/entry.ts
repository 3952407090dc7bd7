import { Hono } from 'hono';
import {
  declarePile,
  enterPileBallot,
  enterSecondCountBallot,
  entryBlocker,
  entrySummary,
  getRound,
  passEntries,
  pileDifferences,
  redeclarePile,
  releasePass,
  resolveDifference,
  secondCountOf,
  setEntryMode,
  voidPileEntry,
  voidSecondCountBallot,
  withdrawPile,
} from '../db/store/index.js';
import type { Pass } from '../domain/index.js';
import { ballotBody, entryModeBody, passBallotBody, pileBody, redeclareBody, resolutionBody, voidBody } from '../schema/api.js';
import { allow, counters, signedIn, typists } from './auth.js';
import type { AppEnv } from './env.js';
import { errorBody, refused, respond } from './errors.js';
import { jsonBody } from './validate.js';

const head = allow('head');
const noPass = errorBody({ code: 'not_found', vi: 'chỉ có lần nhập 1 và 2', en: 'there are only entries 1 and 2', field: 'pass' });
const passOf = (raw: string): Pass | null => (raw === '1' ? 1 : raw === '2' ? 2 : null);

/**
 * How ballots are entered. Double entry: the round's entry mode and piles, the two passes over each pile (a member sees only
 * the pass they type), and the head's rulings on the differences. Single entry: the optional second
 * full count.
 */
export const entryRoutes = new Hono<AppEnv>()
  // What every pile waits for, without ballot contents: the entry page's "waiting for" list.
  .get('/rounds/:roundId/entry', signedIn, async (c) => {
    const round = await getRound(c.get('deps').store.db, c.req.param('roundId'));
    if (!round) return c.json(errorBody({ code: 'not_found', vi: 'không tìm thấy vòng bầu', en: 'round not found' }), 404);
    const { db } = c.get('deps').store;
    const blocker = await entryBlocker(db, round);
    return c.json({ ...(await entrySummary(db, round)), secondCount: await secondCountOf(db, round), blocker: blocker && { code: blocker.code, vi: blocker.vi, en: blocker.en } });
  })
  .put('/rounds/:roundId/entry-mode', allow('setup', 'head'), jsonBody(entryModeBody), async (c) =>
    respond(c, await setEntryMode(c.get('deps').store, c.get('session')!.actor, c.req.param('roundId'), c.req.valid('json').mode)),
  )
  .post('/rounds/:roundId/piles', counters, jsonBody(pileBody), async (c) => {
    const { id, declared } = c.req.valid('json');
    const result = await declarePile(c.get('deps').store, c.get('session')!.actor, c.req.param('roundId'), declared, id);
    if (!result.ok) return refused(c, result.error);
    const { created, ...pile } = result.value;
    return c.json(pile, created ? 201 : 200);
  })
  // The head withdraws a pile declared by mistake, before anything is typed in it.
  .post('/piles/:pileId/withdraw', head, jsonBody(voidBody), async (c) => {
    return respond(c, await withdrawPile(c.get('deps').store, c.get('session')!.actor, c.req.param('pileId'), c.req.valid('json').reason));
  })
  .patch('/piles/:pileId', head, jsonBody(redeclareBody), async (c) => {
    return respond(c, await redeclarePile(c.get('deps').store, c.get('session')!.actor, c.req.param('pileId'), c.req.valid('json')));
  })
  .get('/piles/:pileId/passes/:pass/ballots', typists, async (c) => {
    const pass = passOf(c.req.param('pass'));
    if (!pass) return c.json(noPass, 404);
    return respond(c, await passEntries(c.get('deps').store, c.get('session')!.actor, c.req.param('pileId'), pass));
  })
  // The client makes the entry id: a retry of the same request never types a ballot twice.
  .post('/piles/:pileId/passes/:pass/ballots', typists, jsonBody(passBallotBody), async (c) => {
    const pass = passOf(c.req.param('pass'));
    if (!pass) return c.json(noPass, 404);
    const result = await enterPileBallot(c.get('deps').store, c.get('session')!.actor, { ...c.req.valid('json'), pileId: c.req.param('pileId'), pass });
    if (!result.ok) return refused(c, result.error);
    return c.json(result.value, result.value.created ? 201 : 200);
  })
  // The head frees a pass its typist cannot finish: its entries are voided and another member types it again.
  .post('/piles/:pileId/passes/:pass/release', head, jsonBody(voidBody), async (c) => {
    const pass = passOf(c.req.param('pass'));
    if (!pass) return c.json(noPass, 404);
    return respond(c, await releasePass(c.get('deps').store, c.get('session')!.actor, { pileId: c.req.param('pileId'), pass, reason: c.req.valid('json').reason }));
  })
  .post('/pile-entries/:id/void', typists, jsonBody(voidBody), async (c) => {
    return respond(c, await voidPileEntry(c.get('deps').store, c.get('session')!.actor, c.req.param('id'), c.req.valid('json').reason));
  })
  .get('/piles/:pileId/differences', head, async (c) => respond(c, await pileDifferences(c.get('deps').store, c.req.param('pileId'))))
  .post('/piles/:pileId/differences/:position/resolution', head, jsonBody(resolutionBody), async (c) => {
    const position = Number(c.req.param('position'));
    if (!Number.isInteger(position) || position < 1) return c.json(errorBody({ code: 'invalid', vi: 'vị trí không hợp lệ', en: 'not a position', field: 'position' }), 400);
    return respond(c, await resolveDifference(c.get('deps').store, c.get('session')!.actor, { pileId: c.req.param('pileId'), position, ...c.req.valid('json') }), 201);
  })
  .post('/rounds/:roundId/second-count/ballots', typists, jsonBody(ballotBody), async (c) => {
    const result = await enterSecondCountBallot(c.get('deps').store, c.get('session')!.actor, { ...c.req.valid('json'), roundId: c.req.param('roundId') });
    if (!result.ok) return refused(c, result.error);
    return c.json(result.value, result.value.created ? 201 : 200);
  })
  .post('/second-count-ballots/:id/void', typists, jsonBody(voidBody), async (c) => {
    return respond(c, await voidSecondCountBallot(c.get('deps').store, c.get('session')!.actor, c.req.param('id'), c.req.valid('json').reason));
  });
