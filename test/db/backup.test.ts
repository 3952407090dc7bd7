import SQLite from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Backups, backupDirOf } from '../../src/db/backup.js';
import { DatabaseRefused, openDatabase, type DB, type OpenedDatabase } from '../../src/db/connection.js';
import { restoreDatabase } from '../../src/db/restore.js';
import { DatabaseInUse } from '../../src/db/server-lock.js';
import { enterBallot, entryModeOf, listElections, roundTally, verifyAuditChain } from '../../src/db/store/index.js';
import { seedDemo } from '../../src/demo.js';
import { startServer } from '../../src/server.js';
import { TEST_PIN_COST } from '../support/api.js';

const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiemphieu-backup-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

let tick = 0;
const clock = () => new Date(Date.UTC(2026, 10, 27, 8, 0, 0) + tick++ * 1000);

/** What a restore must give back unchanged: every round's tally and the audit chain's head. */
async function snapshot(db: DB) {
  const tallies: unknown[] = [];
  for (const e of await listElections(db)) for (const r of e.rounds) tallies.push(await roundTally(db, r.id));
  return { tallies, chain: await verifyAuditChain(db) };
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The demo congress, seeded once in memory (fast), copied to a file per test. */
let demoTemplate = '';
beforeAll(async () => {
  const memory = await openDatabase(':memory:');
  let n = 0;
  await seedDemo({ db: memory.db, now: clock, newId: () => `id${++n}`, pinCost: TEST_PIN_COST });
  demoTemplate = join(mkdtempSync(join(tmpdir(), 'kiemphieu-demo-')), 'demo.sqlite');
  await memory.sqlite.backup(demoTemplate);
  await memory.close();
});
afterAll(() => rmSync(join(demoTemplate, '..'), { recursive: true, force: true }));

async function demoDatabase(dir: string): Promise<{ path: string; database: OpenedDatabase }> {
  const path = join(dir, 'k.sqlite');
  writeFileSync(path, readFileSync(demoTemplate));
  return { path, database: await openDatabase(path) };
}

/** A demo round open for counting one ballot at a time (single entry). */
async function countingRound(db: DB) {
  const counting = (await listElections(db)).flatMap((e) => e.rounds).filter((r) => r.state === 'counting');
  const modes = await Promise.all(counting.map((r) => entryModeOf(db, r)));
  const round = counting.find((_, i) => modes[i] === 'single');
  if (!round) throw new Error('the demo has a round counted in single entry');
  const member = await db.selectFrom('member').select(['id', 'name', 'role']).where('role', '=', 'member').executeTakeFirstOrThrow();
  return { round, actor: member };
}

describe('backups and restore', () => {
  it('restores a backup exactly (tallies and audit chain), keeping the replaced database aside', async () => {
    const dir = fresh();
    const { path, database } = await demoDatabase(dir);
    await database.close();
    const server = await startServer({ dbPath: path, port: 0, host: '127.0.0.1' });
    const backup = await server.backups.backupNow('manual');
    const before = await snapshot(server.database.db);
    expect(before.chain.ok).toBe(true);

    // Counting goes on after the backup: a ballot the restore will take away (and keep aside).
    const { round, actor } = await countingRound(server.database.db);
    const later = await enterBallot({ db: server.database.db, now: clock, newId: () => 'x' }, actor, { id: 'after-backup-1', roundId: round.id, ballot: { struck: [1] } });
    expect(later.ok).toBe(true);
    expect(await snapshot(server.database.db)).not.toEqual(before);

    await expect(restoreDatabase(backup.path, path, clock())).rejects.toThrow(DatabaseInUse);
    await server.close();

    const restored = await restoreDatabase(backup.path, path, clock());
    const reopened = await openDatabase(path);
    expect(await snapshot(reopened.db)).toEqual(before);
    expect(restored.auditHead).toBe((before.chain as { head: string }).head);
    await reopened.close();

    expect(restored.keptAside).not.toBeNull();
    const aside = await openDatabase(restored.keptAside as string, { mustExist: true });
    const kept = await aside.db.selectFrom('ballot').select('id').where('id', '=', 'after-backup-1').executeTakeFirst();
    expect(kept?.id).toBe('after-backup-1');
    await aside.close();
  });

  it('refuses to restore a damaged, foreign or newer file, and changes nothing', async () => {
    const dir = fresh();
    const { path, database } = await demoDatabase(dir);
    const good = join(dir, 'good.sqlite');
    await new Backups({ dbPath: path, sqlite: database.sqlite, db: database.db, now: clock, keep: 3 }).backupNow('manual').then((f) => writeFileSync(good, readFileSync(f.path)));
    await database.close();
    const original = sha(path);

    const random = join(dir, 'random.sqlite');
    writeFileSync(random, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251)));
    const truncated = join(dir, 'truncated.sqlite');
    writeFileSync(truncated, readFileSync(good));
    truncateSync(truncated, Math.floor(statSync(truncated).size / 2));
    const foreign = join(dir, 'foreign.sqlite');
    const other = new SQLite(foreign);
    other.exec('CREATE TABLE voters (id INTEGER PRIMARY KEY, name TEXT)');
    other.close();
    const newer = join(dir, 'newer.sqlite');
    writeFileSync(newer, readFileSync(good));
    const future = new SQLite(newer);
    future.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('999_future', new Date().toISOString());
    future.close();

    const reasons: Record<string, RegExp> = {
      [random]: /not a usable SQLite database/,
      [truncated]: /malformed|integrity check failed/,
      [foreign]: /another program \(voters\)/,
      [newer]: /newer version of Kiểm Phiếu \(migration 999_future\)/,
      [join(dir, 'missing.sqlite')]: /no such file/,
      [path]: /the database itself/,
    };
    for (const [file, reason] of Object.entries(reasons)) {
      await expect(restoreDatabase(file, path, clock())).rejects.toThrow(DatabaseRefused);
      await expect(restoreDatabase(file, path, clock())).rejects.toThrow(reason);
    }
    expect(sha(path)).toBe(original);
    expect(existsSync(backupDirOf(path)) ? readdirSync(backupDirOf(path)).filter((f) => f.includes('replaced')) : []).toEqual([]);
  });

  // The copy at certification is tested through the real certify route in test/http/archive.test.ts.
  it('backs up on a timer only when something changed, and keeps the newest few', async () => {
    const dir = fresh();
    const { path, database } = await demoDatabase(dir);
    const backups = new Backups({ dbPath: path, sqlite: database.sqlite, db: database.db, now: clock, keep: 2 });
    const autos = () => readdirSync(backups.dir).filter((f) => f.endsWith('-auto.sqlite')).sort();

    expect(await backups.backupIfChanged()).not.toBeNull();
    expect(await backups.backupIfChanged()).toBeNull();
    const { round, actor } = await countingRound(database.db);
    const ctx = { db: database.db, now: clock, newId: () => 'x' };
    for (let i = 1; i <= 3; i++) {
      expect((await enterBallot(ctx, actor, { id: `timer-ballot-${i}`, roundId: round.id, ballot: { struck: [i] } })).ok).toBe(true);
      const file = await backups.backupIfChanged();
      expect(file?.auditSeq).toBe((await database.db.selectFrom('audit').select((eb) => eb.fn.max('seq').as('s')).executeTakeFirstOrThrow()).s);
    }
    expect(autos()).toHaveLength(2);
    const newest = new SQLite(join(backups.dir, autos()[1]), { readonly: true });
    expect(newest.prepare("SELECT count(*) AS n FROM ballot WHERE id LIKE 'timer-ballot-%'").get()).toEqual({ n: 3 });
    newest.close();

    await database.close();
  });

  it('leaves the file as it was when a migration fails half-way', async () => {
    const dir = fresh();
    const { path, database } = await demoDatabase(dir);
    await database.close();
    const { migrations } = await import('../../migrations/index.js');
    const failing = {
      ...migrations,
      '999_half_way': {
        up: async (db: DB) => {
          await db.schema.createTable('half_made').addColumn('x', 'text').execute();
          throw new Error('disk unplugged');
        },
      },
    };
    await expect(openDatabase(path, { migrations: failing as typeof migrations })).rejects.toThrow(/a migration failed, nothing was changed \(disk unplugged\)/);
    const check = new SQLite(path, { readonly: true });
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'half_made'").all()).toEqual([]);
    check.close();
  });
});
