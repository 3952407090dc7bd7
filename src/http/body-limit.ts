import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Refuses a request body over `maxBytes`. A body with a Content-Length (what browsers and fetch send)
 * is judged by that header alone, without touching the body, so the server can still read it the fast
 * way, straight from the socket; only a chunked body of unknown length is counted as it streams in.
 * A body longer than its Content-Length is cut off by Node's HTTP parser, never read past it.
 */
export function sizeLimit(maxBytes: number, onError: (c: Context) => Response): MiddlewareHandler {
  const streamed = bodyLimit({ maxSize: maxBytes, onError });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('Content-Length');
    if (length === undefined || c.req.header('Transfer-Encoding') !== undefined) return streamed(c, next);
    if (!/^\d+$/u.test(length) || Number(length) > maxBytes) return onError(c);
    return next();
  };
}
