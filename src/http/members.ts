import { Hono } from 'hono';
import { addMember, listMembers, removeMember, setPin, updateMember } from '../db/store/index.js';
import { memberBody, memberPatch, pinBody } from '../schema/api.js';
import { allow, signedIn } from './auth.js';
import type { AppEnv } from './env.js';
import { respond } from './errors.js';
import { pinAttemptRefused } from './session.js';
import { jsonBody } from './validate.js';

/** The counting committee and the setup account. Names and roles are public (the sign-in list); PINs never leave the store. */
export const memberRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await listMembers(c.get('deps').store.db)))
  .post('/', allow('setup'), jsonBody(memberBody), async (c) =>
    respond(c, await addMember(c.get('deps').store, c.get('session')!.actor, c.req.valid('json')), 201),
  )
  .patch('/:id', allow('setup'), jsonBody(memberPatch), async (c) =>
    respond(c, await updateMember(c.get('deps').store, c.get('session')!.actor, c.req.param('id'), c.req.valid('json'))),
  )
  .delete('/:id', allow('setup'), async (c) => respond(c, await removeMember(c.get('deps').store, c.get('session')!.actor, c.req.param('id'))))
  // Changing one's own PIN checks the current one: as rate-limited as signing in.
  .put('/:id/pin', signedIn, jsonBody(pinBody), async (c) => {
    const input = c.req.valid('json');
    if (input.currentPin !== undefined) {
      const throttled = pinAttemptRefused(c, c.get('session')!.member.id);
      if (throttled) return throttled;
    }
    const result = await setPin(c.get('deps').store, c.get('session')!.actor, { memberId: c.req.param('id'), ...input });
    if (result.ok && input.currentPin !== undefined) c.get('pinAttempts').succeeded(c.get('session')!.member.id);
    return respond(c, result);
  });
