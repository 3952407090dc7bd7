import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { nanoid } from 'nanoid';
import { getCongress } from '../db/store/index.js';
import { DEMO_PINS, seedDemo } from '../demo.js';
import { startServer } from '../server.js';
import { InputError } from './tally.js';
import { LAN_HOST, lanBanner } from './lan.js';

/**
 * How far the JavaScript heap may grow past what is live before V8 collects it: 50% (V8 by itself
 * lets it grow two to four times over while the server is busy). A counting laptop's memory
 * is better spent on the operating system and the browser than on garbage waiting to be collected;
 * the cost is more frequent full collections (`npm run bench -- load` prints both sides: peak memory and
 * entry latency). V8 reads this setting each time it sets the next collection's limit.
 */
const HEAP_GROWING_PERCENT = 50;

export const DEFAULT_DB = './data/kiemphieu.sqlite';
export const DEMO_DB = './data/demo.sqlite';

function serveArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        db: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        lan: { type: 'boolean', default: false },
        demo: { type: 'boolean', default: false },
      },
    }).values;
  } catch (e) {
    throw new InputError(`${(e as Error).message} / tham số không hợp lệ`);
  }
}

/**
 * `kiemphieu serve [--db FILE] [--port N] [--host ADDR] [--lan] [--demo]`: on 127.0.0.1 unless told
 * otherwise; `--lan` listens on the hall network and prints its address(es) and a QR code.
 */
export async function serveCommand(args: string[]): Promise<number> {
  const values = serveArgs(args);
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const demo = values.demo ?? false;
  const dbPath = values.db ?? process.env.KIEMPHIEU_DB ?? (demo ? DEMO_DB : DEFAULT_DB);
  const port = Number(values.port ?? process.env.KIEMPHIEU_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`--port: ${values.port} is not a port number / cổng không hợp lệ`);
  if (values.lan && values.host !== undefined) throw new InputError('--lan and --host: give one of them / chỉ dùng một trong --lan và --host');
  const host = values.lan ? LAN_HOST : (values.host ?? process.env.KIEMPHIEU_HOST ?? '127.0.0.1');
  const backupMinutes = Number(process.env.KIEMPHIEU_BACKUP_MINUTES ?? 5);
  const backupKeep = Number(process.env.KIEMPHIEU_BACKUP_KEEP ?? 12);
  if (!(backupMinutes > 0) || !Number.isInteger(backupKeep) || backupKeep < 1) throw new InputError('KIEMPHIEU_BACKUP_MINUTES must be > 0 and KIEMPHIEU_BACKUP_KEEP a whole number ≥ 1 / cấu hình sao lưu không hợp lệ');
  const server = await startServer({ dbPath, port, host, backupEveryMs: backupMinutes * 60_000, backupKeep });
  const store = { db: server.database.db, now: () => new Date(), newId: () => nanoid() };
  if (demo && !(await getCongress(server.database.db))) {
    await seedDemo(store);
    process.stdout.write(`Demo congress created. PINs: setup ${DEMO_PINS.setup}, head ${DEMO_PINS.head}, members ${DEMO_PINS.members.join(', ')}\n`);
  }
  process.stdout.write(`Kiểm Phiếu is serving ${dbPath}\nOpen ${server.url}\n`);
  if (values.lan) process.stdout.write(await lanBanner(server.port));
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => undefined);
}
