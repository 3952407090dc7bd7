import { serve, type ServerType } from '@hono/node-server';
import { nanoid } from 'nanoid';
import { openDatabase, type OpenedDatabase } from './db/connection.js';
import { createApp } from './http/app.js';
import { RoundEvents } from './http/events.js';
import { fileURLToPath } from 'node:url';

/** web/ beside src/, wherever the server is started from. */
export const WEB_ROOT = fileURLToPath(new URL('../web', import.meta.url));

export interface ServerOptions {
  dbPath: string;
  port: number;
  host: string;
}

export interface RunningServer {
  url: string;
  database: OpenedDatabase;
  close(): Promise<void>;
}

/** Opens the congress database and serves the API and the pages in web/. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const database = await openDatabase(options.dbPath);
  const events = new RoundEvents();
  const app = createApp({ store: { db: database.db, now: () => new Date(), newId: () => nanoid() }, events }, { webRoot: WEB_ROOT });
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => resolve(info.port));
    server.once('error', reject);
  });
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${shownHost}:${port}/`,
    database,
    close: async () => {
      events.close();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await database.close();
    },
  };
}
