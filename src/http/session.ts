import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { signIn, signOut } from '../db/store/index.js';
import { signInBody } from '../schema/api.js';
import { SESSION_COOKIE, signedIn } from './auth.js';
import { clientAddress } from './client.js';
import type { AppEnv } from './env.js';
import { errorBody, refused } from './errors.js';
import { jsonBody } from './validate.js';

/** 429 when this client or this member has used up its PIN attempts for now (see throttle.ts). */
export function pinAttemptRefused(c: Context<AppEnv>, memberId: string): Response | null {
  const wait = c.get('pinAttempts').take(clientAddress(c), memberId);
  if (wait === 0) return null;
  c.header('Retry-After', String(wait));
  return c.json(errorBody({ code: 'too_many_attempts', vi: `nhập PIN quá nhiều lần: chờ ${wait} giây rồi thử lại`, en: `too many PIN attempts: wait ${wait} s and try again` }), 429);
}

export const sessionRoutes = new Hono<AppEnv>()
  .get('/', (c) => {
    const s = c.get('session');
    return s ? c.json({ member: s.member, csrfToken: s.csrfToken }) : c.json(errorBody({ code: 'sign_in_required', vi: 'chưa đăng nhập', en: 'not signed in' }), 401);
  })
  .post('/', jsonBody(signInBody), async (c) => {
    const input = c.req.valid('json');
    const throttled = pinAttemptRefused(c, input.memberId);
    if (throttled) return throttled;
    const result = await signIn(c.get('deps').store, { ...input, from: clientAddress(c) });
    if (!result.ok) return refused(c, result.error);
    c.get('pinAttempts').succeeded(input.memberId);
    setCookie(c, SESSION_COOKIE, result.value.token, { httpOnly: true, sameSite: 'Strict', path: '/' });
    return c.json({ member: result.value.member, csrfToken: result.value.csrfToken }, 201);
  })
  .delete('/', signedIn, async (c) => {
    await signOut(c.get('deps').store, c.get('session')!.actor, c.get('session')!.token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ signedOut: true });
  });
