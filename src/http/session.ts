import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { signIn, signOut } from '../db/store/index.js';
import { signInBody } from '../schema/api.js';
import { anyMember, SESSION_COOKIE } from './auth.js';
import type { AppEnv } from './env.js';
import { errorBody, refused } from './errors.js';
import { jsonBody } from './validate.js';

export const sessionRoutes = new Hono<AppEnv>()
  .get('/', (c) => {
    const s = c.var.session;
    return s ? c.json({ member: s.member, csrfToken: s.csrfToken }) : c.json(errorBody({ code: 'sign_in_required', vi: 'chưa đăng nhập', en: 'not signed in' }), 401);
  })
  .post('/', jsonBody(signInBody), async (c) => {
    const result = await signIn(c.var.deps.store, c.req.valid('json'));
    if (!result.ok) return refused(c, result.error);
    setCookie(c, SESSION_COOKIE, result.value.token, { httpOnly: true, sameSite: 'Strict', path: '/' });
    return c.json({ member: result.value.member, csrfToken: result.value.csrfToken }, 201);
  })
  .delete('/', anyMember, async (c) => {
    await signOut(c.var.deps.store.db, c.var.session!.token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ signedOut: true });
  });
