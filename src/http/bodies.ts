import { Hono } from 'hono';
import { createBody, listBodies, removeBody, updateBody } from '../db/store/index.js';
import { bodyBody, bodyPatch } from '../schema/api.js';
import { allow } from './auth.js';
import type { AppEnv } from './env.js';
import { respond } from './errors.js';
import { jsonBody } from './validate.js';

/**
 * The voting bodies (rules.md, "Who votes"): the congress and the conferences of its new committees.
 * Names and figures are public, like the congress's; the technical secretary adds and changes them.
 */
export const bodyRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await listBodies(c.get('deps').store.db)))
  .post('/', allow('setup'), jsonBody(bodyBody), async (c) => respond(c, await createBody(c.get('deps').store, c.get('session')!.actor, c.req.valid('json')), 201))
  .patch('/:id', allow('setup'), jsonBody(bodyPatch), async (c) =>
    respond(c, await updateBody(c.get('deps').store, c.get('session')!.actor, c.req.param('id'), c.req.valid('json'))),
  )
  .delete('/:id', allow('setup'), async (c) => respond(c, await removeBody(c.get('deps').store, c.get('session')!.actor, c.req.param('id'))));
