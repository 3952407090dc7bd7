import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { sessionFor } from '../db/store/index.js';
import type { MemberRole } from '../domain/index.js';
import type { AppEnv, Session } from './env.js';
import { errorBody } from './errors.js';

export const SESSION_COOKIE = 'kp_session';
export const CSRF_HEADER = 'X-CSRF-Token';

/**
 * The session cookie's value. Read here, on every request, rather than by parsing and URI-decoding
 * every cookie: the token is base64url, with nothing to decode, and any other value finds no session.
 */
function sessionCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Finds the signed-in member from the session cookie (HttpOnly, SameSite=Strict). */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = sessionCookie(c.req.header('Cookie'));
  let session: Session | null = null;
  if (token && token.length <= 128) {
    const found = await sessionFor(c.get('deps').store, token);
    if (found) session = { token, ...found };
  }
  c.set('session', session);
  await next();
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A route's guard; `roles` says who passes it, so the tests can read the whole policy from the app's routes. */
export type Guard = MiddlewareHandler<AppEnv> & { readonly roles: readonly MemberRole[] };

/**
 * Only these roles may pass; a state-changing request must also carry the session's CSRF token
 * in the X-CSRF-Token header.
 */
export function allow(...roles: MemberRole[]): Guard {
  const guard: MiddlewareHandler<AppEnv> = async (c, next) => {
    const session = c.get('session');
    if (!session) {
      return c.json(errorBody({ code: 'sign_in_required', vi: 'cần đăng nhập', en: 'sign-in required' }), 401);
    }
    if (!SAFE.has(c.req.method) && !sameToken(c.req.header(CSRF_HEADER), session.csrfToken)) {
      return c.json(errorBody({ code: 'csrf', vi: 'thiếu hoặc sai mã chống giả mạo (CSRF)', en: 'missing or wrong CSRF token' }), 403);
    }
    if (!roles.includes(session.member.role)) {
      return c.json(errorBody({ code: 'forbidden', vi: 'vai trò của bạn không được làm việc này', en: 'your role may not do this' }), 403);
    }
    await next();
  };
  return Object.assign(guard, { roles: Object.freeze([...roles]) });
}

/** The congress's people who read ballots, records and the log: the secretary and the counting committee. */
export const anyMember = allow('setup', 'head', 'member');
/** The counting committee: declare piles. */
export const counters = allow('head', 'member');
/** Who types ballots (and corrects what they typed): the counting committee and technical staff (Điều 8). */
export const typists = allow('head', 'member', 'staff');
/** Anyone signed in, technical staff too: signing out, one's own PIN, what an entry screen waits for. */
export const signedIn = allow('setup', 'head', 'member', 'staff');
