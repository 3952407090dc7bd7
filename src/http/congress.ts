import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { createCongress, getCongress, signIn, updateCongress } from '../db/store/index.js';
import { createCongressBody, congressPatch } from '../schema/api.js';
import { allow, SESSION_COOKIE } from './auth.js';
import type { AppEnv } from './env.js';
import { errorBody, refused, respond } from './errors.js';
import { jsonBody } from './validate.js';

export const congressRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const congress = await getCongress(c.get('deps').store.db);
    return congress ? c.json(congress) : c.json(errorBody({ code: 'no_congress', vi: 'chưa tạo đại hội', en: 'no congress has been set up yet' }), 404);
  })
  // The first step on a new database: the congress and its technical secretary, who is signed in.
  .post('/', jsonBody(createCongressBody), async (c) => {
    const { secretary, ...input } = c.req.valid('json');
    const { store } = c.get('deps');
    const created = await createCongress(store, { ...input, secretary });
    if (!created.ok) return refused(c, created.error);
    const session = await signIn(store, { memberId: created.value.secretaryId, pin: secretary.pin });
    if (!session.ok) return refused(c, session.error);
    setCookie(c, SESSION_COOKIE, session.value.token, { httpOnly: true, sameSite: 'Strict', path: '/' });
    return c.json({ congress: created.value.congress, member: session.value.member, csrfToken: session.value.csrfToken }, 201);
  })
  .patch('/', allow('setup'), jsonBody(congressPatch), async (c) =>
    respond(c, await updateCongress(c.get('deps').store, c.get('session')!.actor, c.req.valid('json'))),
  );
