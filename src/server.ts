import { serve, type ServerType } from '@hono/node-server';
import { nanoid } from 'nanoid';
import { clearArchiveParts } from './db/archive.js';
import { Backups } from './db/backup.js';
import { openDatabase, type OpenedDatabase } from './db/connection.js';
import { finishRestore } from './db/restore-journal.js';
import { claimDatabase } from './db/server-lock.js';
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
 * Claims the congress database (one server per file), opens it and serves the API and the pages
 * in web/, backing the database up as it goes.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const lock = claimDatabase(options.dbPath, 'server');
  let database: OpenedDatabase;
  try {
    // A restore cut short by a crash is finished before anything opens the database.
    finishRestore(options.dbPath);
    database = await openDatabase(options.dbPath);
    clearArchiveParts(options.dbPath);
  } catch (e) {
    lock.release();
    throw e;
  }
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
