import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DISK_FULL, isDiskFull } from '../db/disk-full.js';
import { archiveRoutes } from './archive.js';
import { sizeLimit } from './body-limit.js';
import { auditRoutes } from './audit.js';
import { backupRoutes } from './backups.js';
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
import { DiskFailed } from '../db/failed-disk.js';
import { errorBody } from './errors.js';
import { fontRoutes } from './fonts.js';
import { memberRoutes } from './members.js';
import { printRoutes } from './print.js';
import { roundRoutes } from './rounds.js';
import { publishChanges } from './publish.js';
import { plainApiPath, securityHeaders } from './secure.js';
import { sessionRoutes } from './session.js';
import { HallConnections } from './connections.js';
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
    .route('/archive', archiveRoutes)
    .route('/backups', backupRoutes);

  const pinAttempts = new PinAttempts(deps.store.now);
  const connections = deps.connections ?? new HallConnections();
  const app = new Hono<AppEnv>();
  app.use('*', securityHeaders);
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('pinAttempts', pinAttempts);
    c.set('connections', connections);
    await next();
  });
  // A whole election record with every ballot is well under this; anything larger is refused unread.
  app.use('/api/*', sizeLimit(MAX_BODY_BYTES, (c) => c.json(errorBody({ code: 'too_large', vi: 'dữ liệu gửi lên quá lớn', en: 'the request body is too large' }), 413)));
  app.use('/api/*', plainApiPath);
  app.use('/api/*', loadSession);
  app.use('/api/*', publishChanges());
  app.route('/api', api);
  app.use('/print/*', loadSession);
  app.route('/print', printRoutes);
  app.route('/fonts', fontRoutes);
  if (options.webRoot) serveWeb(app, options.webRoot);
  app.notFound((c) => c.json(errorBody({ code: 'not_found', vi: 'không có địa chỉ này', en: 'no such address' }), 404));
  app.onError((e, c) => {
    if (e instanceof HTTPException && e.status < 500) {
      return c.json(errorBody({ code: 'bad_request', vi: 'yêu cầu không hợp lệ', en: e.message || 'bad request' }), e.status);
    }
    console.error(e);
    if (e instanceof DiskFailed) return c.json(errorBody({ code: 'disk_failed', vi: e.vi, en: e.message }), 503);
    // 507 Insufficient Storage: a failure to say in words, and one a client may try again once space is freed.
    if (isDiskFull(e)) return c.json(errorBody(DISK_FULL), 507);
    return c.json(errorBody({ code: 'internal', vi: 'lỗi máy chủ', en: 'internal error' }), 500);
  });
  return app;
}
