import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { archiveRoutes } from './archive.js';
import { sizeLimit } from './body-limit.js';
import { auditRoutes } from './audit.js';
import { loadSession } from './auth.js';
import { ballotRoutes } from './ballots.js';
import { bodyRoutes } from './bodies.js';
import { candidateRoutes } from './candidates.js';
import { certificationRoutes } from './certification.js';
import { congressRoutes } from './congress.js';
import { displayRoutes } from './display.js';
import { electionRoutes } from './elections.js';
import type { AppDeps, AppEnv } from './env.js';
import { entryRoutes } from './entry.js';
import { errorBody } from './errors.js';
import { memberRoutes } from './members.js';
import { printRoutes } from './print.js';
import { roundRoutes } from './rounds.js';
import { plainApiPath, securityHeaders } from './secure.js';
import { sessionRoutes } from './session.js';
import { PinAttempts } from './throttle.js';
import { serveWeb } from './web.js';

const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** The counting server's API: one sub-app per resource, mounted under /api. */
export function createApp(deps: AppDeps, options: { webRoot?: string } = {}): Hono<AppEnv> {
  const api = new Hono<AppEnv>()
    .route('/congress', congressRoutes)
    .route('/session', sessionRoutes)
    .route('/members', memberRoutes)
    .route('/bodies', bodyRoutes)
    .route('/elections', electionRoutes)
    .route('/rounds', roundRoutes)
    .route('/rounds', certificationRoutes)
    .route('/', candidateRoutes)
    .route('/', ballotRoutes)
    .route('/', displayRoutes)
    .route('/', entryRoutes)
    .route('/audit', auditRoutes)
    .route('/archive', archiveRoutes);

  const pinAttempts = new PinAttempts(deps.store.now);
  const app = new Hono<AppEnv>();
  app.use('*', securityHeaders);
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('pinAttempts', pinAttempts);
    await next();
  });
  // A whole election record with every ballot is well under this; anything larger is refused unread.
  app.use('/api/*', sizeLimit(MAX_BODY_BYTES, (c) => c.json(errorBody({ code: 'too_large', vi: 'dữ liệu gửi lên quá lớn', en: 'the request body is too large' }), 413)));
  app.use('/api/*', plainApiPath);
  app.use('/api/*', loadSession);
  app.route('/api', api);
  app.route('/print', printRoutes);
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
