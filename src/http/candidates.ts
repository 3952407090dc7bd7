import { Hono } from 'hono';
import { addCandidates, getRound, listCandidates, removeCandidate, renameCandidate, reorderCandidates } from '../db/store/index.js';
import { namesFromCsv, namesFromText, sortVietnameseNames } from '../domain/index.js';
import { addCandidatesBody, candidateNames, importCandidatesBody, orderBody, renameBody } from '../schema/api.js';
import { allow } from './auth.js';
import type { AppEnv } from './env.js';
import { errorBody, respond, roundNotFound, validationHook } from './errors.js';
import { IMPORT_BODY_LIMIT, jsonBody } from './validate.js';

const setup = allow('setup');

/** The candidate list of a round, in printed order. Changes only by setup, only while the round is in setup. */
export const candidateRoutes = new Hono<AppEnv>()
  .get('/rounds/:roundId/candidates', async (c) => {
    const { db } = c.get('deps').store;
    if (!(await getRound(db, c.req.param('roundId')))) return c.json(roundNotFound, 404);
    return c.json(await listCandidates(db, c.req.param('roundId')));
  })
  // The ABC order ("theo vần A, B, C") is offered as a proposal; applying it is a separate, deliberate reorder.
  .get('/rounds/:roundId/candidates/abc-order', async (c) => {
    const { db } = c.get('deps').store;
    if (!(await getRound(db, c.req.param('roundId')))) return c.json(roundNotFound, 404);
    return c.json(sortVietnameseNames(await listCandidates(db, c.req.param('roundId')), (x) => x.name));
  })
  .post('/rounds/:roundId/candidates', setup, jsonBody(addCandidatesBody, IMPORT_BODY_LIMIT), async (c) => {
    const { names, replace } = c.req.valid('json');
    return respond(c, await addCandidates(c.get('deps').store, c.get('session')!.actor, c.req.param('roundId'), names, { replace }), 201);
  })
  // Pasted text (one name a line, as copied from Word or Excel) or CSV (UTF-8, with or without BOM).
  .post('/rounds/:roundId/candidates/import', setup, jsonBody(importCandidatesBody, IMPORT_BODY_LIMIT), async (c) => {
    const { format, content, replace } = c.req.valid('json');
    const names = format === 'csv' ? namesFromCsv(content) : namesFromText(content);
    if (names.length === 0) {
      return c.json(errorBody({ code: 'no_names', vi: 'không tìm thấy họ tên nào trong nội dung đã dán', en: 'no names found in the pasted content', field: 'content' }), 400);
    }
    const parsed = candidateNames.safeParse(names);
    if (!parsed.success) return validationHook({ success: false, error: parsed.error }, c) as Response;
    return respond(c, await addCandidates(c.get('deps').store, c.get('session')!.actor, c.req.param('roundId'), parsed.data, { replace }), 201);
  })
  .put('/rounds/:roundId/candidates/order', setup, jsonBody(orderBody, IMPORT_BODY_LIMIT), async (c) =>
    respond(c, await reorderCandidates(c.get('deps').store, c.get('session')!.actor, c.req.param('roundId'), c.req.valid('json').ids)),
  )
  .patch('/candidates/:id', setup, jsonBody(renameBody), async (c) =>
    respond(c, await renameCandidate(c.get('deps').store, c.get('session')!.actor, c.req.param('id'), c.req.valid('json').name)),
  )
  .delete('/candidates/:id', setup, async (c) => respond(c, await removeCandidate(c.get('deps').store, c.get('session')!.actor, c.req.param('id'))));
