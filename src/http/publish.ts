import type { MiddlewareHandler } from 'hono';
import { auditHead, roundChangesAfter } from '../db/store/index.js';
import type { AppEnv } from './env.js';

/**
 * Live updates published from one place: after each request that may change something, the rounds
 * touched by the audit log's new entries (every change writes one) are published to the live pages
 * and the backups. No route publishes by hand, so none can forget to (a candidate renamed, the entry
 * mode chosen). One reading at a time, so each entry is published once.
 */
export function publishChanges(): MiddlewareHandler<AppEnv> {
  let lastSeq: number | null = null;
  let publishing: Promise<void> = Promise.resolve();
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const { store, events } = c.get('deps');
    lastSeq ??= (await auditHead(store.db)).seq;
    await next();
    publishing = publishing
      .then(async () => {
        const moved = await roundChangesAfter(store.db, lastSeq!);
        lastSeq = moved.lastSeq;
        for (const [roundId, change] of moved.changes) events.publish(roundId, change);
      })
      // A failed reading (the disk gone) must not stop every later one: the next request reads again from lastSeq.
      .catch((e: unknown) => console.error(`live updates: ${(e as Error).message}`));
    await publishing;
  };
}
