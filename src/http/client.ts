import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The client's address as the socket reports it (never a forwarding header: there is no proxy in
 * the hall). Requests made in-process (tests) have no socket and count as "local".
 */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

/** The server's own machine: a loopback address, or a request made in-process. */
export function isLoopback(address: string): boolean {
  return address === 'local' || address === '::1' || /^(::ffff:)?127\./u.test(address);
}
