import { serve, type ServerType } from '@hono/node-server';
import { nanoid } from 'nanoid';
import { Backups } from './db/backup.js';
import { openDatabase, type OpenedDatabase } from './db/connection.js';
import { claimDatabase } from './db/server-lock.js';
import { checkAudit } from './db/store/index.js';
import { createApp } from './http/app.js';
import { RoundEvents } from './http/events.js';
import { WEB_ROOT } from './paths.js';

export interface ServerOptions {
  dbPath: string;
  port: number;
  host: string;
  /** A backup this often while something changes (default 5 minutes), the newest `backupKeep` kept (default 12). */
  backupEveryMs?: number;
  backupKeep?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  database: OpenedDatabase;
  backups: Backups;
  close(): Promise<void>;
}

/**
 * The audit check at start: the chain, every ballot against its audit entry, every certified round
 * against its signed file. What fails is named on stderr; the server still starts, so the committee
 * can see it (GET /api/audit/verify gives the same findings).
 */
async function reportAuditCheck(database: OpenedDatabase): Promise<void> {
  const check = await checkAudit(database.db);
  if (check.ok) return;
  const lines = [
    ...(check.chainOk ? [] : [`the audit chain is broken at entry ${check.brokenAt ?? '?'} (${check.reason ?? ''}) / chuỗi nhật ký bị đứt`]),
    ...check.ballots.problems.map((p) => `${p.en} / ${p.vi}`),
    ...check.certified.filter((c) => !c.matches).map((c) => `${c.en} / ${c.vi}`),
  ];
  console.error(`AUDIT CHECK FAILED / KIỂM TRA NHẬT KÝ KHÔNG ĐẠT:\n${lines.map((l) => `  ${l}`).join('\n')}`);
}

/**
 * Claims the congress database (one server per file), opens it and serves the API and the pages
 * in web/, backing the database up as it goes.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const lock = claimDatabase(options.dbPath, 'server');
  let database: OpenedDatabase;
  try {
    database = await openDatabase(options.dbPath);
  } catch (e) {
    lock.release();
    throw e;
  }
  await reportAuditCheck(database);
  const now = () => new Date();
  const events = new RoundEvents();
  const backups = new Backups({ dbPath: options.dbPath, sqlite: database.sqlite, db: database.db, now, keep: options.backupKeep ?? 12 });
  const stopBackups = await backups.start((listener) => events.subscribe(listener), options.backupEveryMs ?? 5 * 60_000, (e) => console.error(`backup failed: ${(e as Error).message}`));
  const app = createApp({ store: { db: database.db, now, newId: () => nanoid() }, events, backups }, { webRoot: WEB_ROOT });
  let server: ServerType | undefined;
  const shut = async () => {
    stopBackups();
    await database.close();
    lock.release();
  };
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => resolve(info.port));
    server.once('error', reject);
  }).catch(async (e: unknown) => {
    await shut();
    throw e;
  });
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    database,
    backups,
    // A clean stop takes a last copy if anything changed since the previous one.
    close: async () => {
      events.close();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await backups.backupIfChanged().catch((e: unknown) => console.error(`backup failed: ${(e as Error).message}`));
      await shut();
    },
  };
}
