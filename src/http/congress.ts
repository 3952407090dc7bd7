import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { createCongress, getCongress, signIn, updateCongress } from '../db/store/index.js';
import { createCongressBody, congressPatch } from '../schema/api.js';
import { allow, SESSION_COOKIE } from './auth.js';
import { clientAddress, isLoopback } from './client.js';
import type { AppEnv } from './env.js';
import { errorBody, refused, respond } from './errors.js';
import { jsonBody } from './validate.js';

export const congressRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const congress = await getCongress(c.get('deps').store.db);
    return congress ? c.json(congress) : c.json(errorBody({ code: 'no_congress', vi: 'chưa tạo đại hội', en: 'no congress has been set up yet' }), 404);
  })
  // The first step on a new database: the congress and its technical secretary, who is signed in.
  // Only from the server's own machine: anyone on the hall's network could otherwise take setup first.
  .post('/', jsonBody(createCongressBody), async (c) => {
    if (!isLoopback(clientAddress(c))) {
      return c.json(
        errorBody({
          code: 'setup_from_server_only',
          vi: 'chỉ tạo được đại hội trên chính máy chủ: mở http://localhost (hoặc 127.0.0.1) trên máy đang chạy Kiểm Phiếu',
          en: 'a congress can be created only on the server itself: open http://localhost (or 127.0.0.1) on the machine running Kiểm Phiếu',
        }),
        403,
      );
    }
    const { secretary, ...input } = c.req.valid('json');
    const { store } = c.get('deps');
    const created = await createCongress(store, { ...input, secretary });
    if (!created.ok) return refused(c, created.error);
    const session = await signIn(store, { memberId: created.value.secretaryId, pin: secretary.pin, from: clientAddress(c) });
    if (!session.ok) return refused(c, session.error);
    setCookie(c, SESSION_COOKIE, session.value.token, { httpOnly: true, sameSite: 'Strict', path: '/' });
    return c.json({ congress: created.value.congress, member: session.value.member, csrfToken: session.value.csrfToken }, 201);
  })
  .patch('/', allow('setup'), jsonBody(congressPatch), async (c) =>
    respond(c, await updateCongress(c.get('deps').store, c.get('session')!.actor, c.req.valid('json'))),
  );
