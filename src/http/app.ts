import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { auditRoutes } from './audit.js';
import { loadSession } from './auth.js';
import { ballotRoutes } from './ballots.js';
import { candidateRoutes } from './candidates.js';
import { congressRoutes } from './congress.js';
import { displayRoutes } from './display.js';
import { electionRoutes } from './elections.js';
import type { AppDeps, AppEnv } from './env.js';
import { entryRoutes } from './entry.js';
import { errorBody } from './errors.js';
import { memberRoutes } from './members.js';
import { roundRoutes } from './rounds.js';
import { sessionRoutes } from './session.js';
import { serveWeb } from './web.js';

/** The counting server's API: one sub-app per resource, mounted under /api. */
export function createApp(deps: AppDeps, options: { webRoot?: string } = {}): Hono<AppEnv> {
  const api = new Hono<AppEnv>()
    .route('/congress', congressRoutes)
    .route('/session', sessionRoutes)
    .route('/members', memberRoutes)
    .route('/elections', electionRoutes)
    .route('/rounds', roundRoutes)
    .route('/', candidateRoutes)
    .route('/', ballotRoutes)
    .route('/', entryRoutes)
    .route('/', displayRoutes)
    .route('/audit', auditRoutes);

  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('/api/*', loadSession);
  app.route('/api', api);
  if (options.webRoot) serveWeb(app, options.webRoot);
  app.notFound((c) => c.json(errorBody({ code: 'not_found', vi: 'không có địa chỉ này', en: 'no such address' }), 404));
  app.onError((e, c) => {
    if (e instanceof HTTPException && e.status < 500) {
      return c.json(errorBody({ code: 'bad_request', vi: 'yêu cầu không hợp lệ', en: e.message || 'bad request' }), e.status);
    }
    console.error(e);
    return c.json(errorBody({ code: 'internal', vi: 'lỗi máy chủ', en: 'internal error' }), 500);
  });
  return app;
}
