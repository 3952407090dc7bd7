import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { getDisplaySetting, getRound, listRounds, setDisplaySetting } from '../db/store/index.js';
import { displayBody } from '../schema/api.js';
import { allow } from './auth.js';
import type { AppDeps, AppEnv } from './env.js';
import { errorBody, respond } from './errors.js';
import { LiveTallies } from './live-feed.js';
import { jsonBody } from './validate.js';

const feeds = new WeakMap<AppDeps, LiveTallies>();
function liveTallies(deps: AppDeps): LiveTallies {
  let feed = feeds.get(deps);
  if (!feed) {
    feed = new LiveTallies(deps.store.db, deps.events);
    feeds.set(deps, feed);
  }
  return feed;
}

/** A comment line this often keeps proxies and sleeping laptops from dropping an idle stream. */
const KEEP_ALIVE_MS = 15_000;

/** The projector display: its setting, and the live tally of a round over Server-Sent Events. */
export const displayRoutes = new Hono<AppEnv>()
  .get('/elections/:id/display', async (c) => {
    const setting = await getDisplaySetting(c.get('deps').store.db, c.req.param('id'));
    return setting ? c.json(setting) : c.json(errorBody({ code: 'not_found', vi: 'không tìm thấy cuộc bầu', en: 'election not found' }), 404);
  })
  .put('/elections/:id/display', allow('setup', 'head'), jsonBody(displayBody), async (c) => {
    const { store, events } = c.get('deps');
    const result = await setDisplaySetting(store, c.get('session')!.actor, c.req.param('id'), c.req.valid('json'));
    if (result.ok) for (const round of await listRounds(store.db, c.req.param('id'))) events.publish(round.id, 'round');
    return respond(c, result);
  })
  // One `tally` event now and after every change (within a second; bursts coalesced). Public, like
  // GET /tally: while an election shows progress only, only the signed-in committee sees standings,
  // and not even it with `?audience=public` (the projector, on a laptop where someone signed in).
  .get('/rounds/:id/live', async (c) => {
    const roundId = c.req.param('id');
    if (!(await getRound(c.get('deps').store.db, roundId))) {
      return c.json(errorBody({ code: 'not_found', vi: 'không tìm thấy vòng bầu', en: 'round not found' }), 404);
    }
    const committee = c.get('session') !== null && c.req.query('audience') !== 'public';
    const feed = liveTallies(c.get('deps'));
    return streamSSE(c, async (stream) => {
      let ended!: () => void;
      const done = new Promise<void>((resolve) => (ended = resolve));
      const stop = feed.watch(roundId, {
        committee,
        send: (frame) => void stream.write(frame),
        end: () => ended(),
      });
      const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
      stream.onAbort(() => ended());
      await done;
      clearInterval(keepAlive);
      stop();
    });
  });
