import { Hono } from 'hono';
import { getDisplaySetting, getRound, setDisplaySetting } from '../db/store/index.js';
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
const KEEP_ALIVE = new TextEncoder().encode(': keep-alive\n\n');

/**
 * A page's event stream: the feed's frames, already encoded, queued straight into the response body.
 * (Hono's streamSSE pipes each write through a TransformStream and a writer, with promises at every
 * step: with fifty displays following a busy round, those objects were the largest share of the
 * server's short-lived memory that survived into the old generation.) The watch ends when the page goes or the server stops.
 */
function eventStream(feed: LiveTallies, roundId: string, committee: boolean): ReadableStream<Uint8Array> {
  let open = true;
  let stop = () => {};
  let keepAlive: NodeJS.Timeout | undefined;
  const finish = () => {
    open = false;
    clearInterval(keepAlive);
    stop();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (frame: Uint8Array) => {
        if (open) controller.enqueue(frame);
      };
      stop = feed.watch(roundId, {
        committee,
        send,
        end: () => {
          if (open) controller.close();
          finish();
        },
      });
      keepAlive = setInterval(() => send(KEEP_ALIVE), KEEP_ALIVE_MS);
    },
    cancel: finish,
  });
}

/** The projector display: its setting, and the live tally of a round over Server-Sent Events. */
export const displayRoutes = new Hono<AppEnv>()
  .get('/elections/:id/display', async (c) => {
    const setting = await getDisplaySetting(c.get('deps').store.db, c.req.param('id'));
    return setting ? c.json(setting) : c.json(errorBody({ code: 'not_found', vi: 'không tìm thấy cuộc bầu', en: 'election not found' }), 404);
  })
  .put('/elections/:id/display', allow('setup', 'head'), jsonBody(displayBody), async (c) => {
    return respond(c, await setDisplaySetting(c.get('deps').store, c.get('session')!.actor, c.req.param('id'), c.req.valid('json')));
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
    return c.body(eventStream(feed, roundId, committee), 200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      // Chunked: the server sends the head at once, without first waiting for a body that never ends.
      'Transfer-Encoding': 'chunked',
    });
  });
