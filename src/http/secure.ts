import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './env.js';
import { errorBody } from './errors.js';

/**
 * Headers on every response: a CSP that allows only the server's own scripts, styles and
 * connections (no inline script, no framing), no referrer, no MIME sniffing. No HSTS: the hall
 * network is plain HTTP and HSTS would only mislead.
 */
export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
  },
  referrerPolicy: 'no-referrer',
  xFrameOptions: 'DENY',
  strictTransportSecurity: false,
});

/** Every segment of an API path is a word or an id: letters, digits, `_` or `-`, at most 64. */
const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/u;

/**
 * Refuses API paths with anything else in them (`..`, `%2e`, NUL, over-long ids) before they reach
 * a route: the path parameters every route reads are short, plain ids.
 */
export const plainApiPath: MiddlewareHandler<AppEnv> = async (c, next) => {
  const raw = c.req.url.slice(c.req.url.indexOf('/', c.req.url.indexOf('//') + 2)).split(/[?#]/u)[0];
  const segments = raw.split('/').filter((s) => s !== '');
  if (!segments.every((s) => SEGMENT.test(s))) {
    return c.json(errorBody({ code: 'not_found', vi: 'không có địa chỉ này', en: 'no such address' }), 404);
  }
  await next();
};
