import { Hono } from 'hono';
import { archiveDirOf, writeArchive } from '../db/archive.js';
import { appendAudit, getCongress } from '../db/store/index.js';
import { allow } from './auth.js';
import type { AppEnv } from './env.js';
import { errorBody } from './errors.js';

/** The end-of-congress archive, written by the technical secretary into archives/ beside the database. */
export const archiveRoutes = new Hono<AppEnv>().post('/', allow('setup'), async (c) => {
  const { store, backups } = c.get('deps');
  if (!backups) return c.json(errorBody({ code: 'no_database_file', vi: 'máy chủ không chạy trên tệp cơ sở dữ liệu: không có gì để lưu trữ', en: 'the server does not run on a database file: nothing to archive' }), 409);
  const congress = await getCongress(store.db);
  if (!congress) return c.json(errorBody({ code: 'no_congress', vi: 'chưa tạo đại hội', en: 'no congress has been set up yet' }), 404);
  const now = store.now();
  const dir = archiveDirOf(backups.options.dbPath, now);
  // Logged first, so the archive holds the entry that says who wrote it.
  await store.db.transaction().execute((trx) => appendAudit(trx, { at: now.toISOString(), actor: c.get('session')!.actor.id, action: 'congress.archive', entity: 'congress', entityId: congress.id, after: { dir } }));
  const manifest = await writeArchive(backups.options, dir, now);
  return c.json({ dir, ...manifest }, 201);
});
