import { fdatasync, fstatSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src/db/connection.js';
import { GroupCommit, groupCommit } from '../../src/db/group-commit.js';
import { WalSync } from '../../src/db/wal-sync.js';

/**
 * The group commit answers only after the WAL is synced, and the sync runs off the event loop. The
 * syncs here are the real fdatasync of the real WAL file, held back at a gate the test opens, so the
 * test can see who has heard back while the disk is still "syncing".
 */
const opened: { database: OpenedDatabase; dir: string }[] = [];
afterEach(async () => {
  for (const { database, dir } of opened.splice(0)) {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function fileDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'kiemphieu-wal-'));
  const path = join(dir, 'k.sqlite');
  const database = await openDatabase(path);
  opened.push({ database, dir });
  database.sqlite.exec('CREATE TABLE kv (k TEXT PRIMARY KEY)');
  return { database, path };
}

/** fdatasync, each call held until the test lets it through; records which file it was given. */
function gatedSync() {
  const calls: { inode: number; release: () => void }[] = [];
  const sync = (fd: number, done: (e: Error | null) => void) => {
    calls.push({ inode: fstatSync(fd).ino, release: () => fdatasync(fd, done) });
  };
  return { calls, sync };
}

const write = (k: string) => (sqlite: SQLite.Database) => sqlite.prepare('INSERT INTO kv (k) VALUES (?)').run(k).changes;
const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('group commit on a file: durable before anyone hears back, the disk sync off the event loop', () => {
  it('answers a batch only after its WAL has been synced, and syncs the database’s own WAL', async () => {
    const { database, path } = await fileDatabase();
    const gate = gatedSync();
    const queue = new GroupCommit(database.db, database.sqlite, new WalSync(`${path}-wal`, gate.sync));
    let answered = 0;
    const batch = [queue.run(write('a')), queue.run(write('b'))].map((p) => p.then((r) => (answered++, r)));
    await tick();
    expect(gate.calls).toHaveLength(1);
    expect(gate.calls[0].inode).toBe(statSync(`${path}-wal`).ino);
    // Committed (the event loop is free, other readers see the rows), yet nobody has been answered.
    expect(database.sqlite.prepare('SELECT count(*) FROM kv').pluck().get()).toBe(2);
    expect(answered).toBe(0);
    gate.calls[0].release();
    expect(await Promise.all(batch)).toEqual([
      { ok: true, value: 1 },
      { ok: true, value: 1 },
    ]);
    // The connection is back to FULL for every other transaction.
    expect(database.sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('commits the next batches while a sync runs, and covers them all with one sync after it', async () => {
    const { database, path } = await fileDatabase();
    const gate = gatedSync();
    const wal = new WalSync(`${path}-wal`, gate.sync);
    const queue = new GroupCommit(database.db, database.sqlite, wal);
    const first = queue.run(write('a'));
    await tick();
    const later = [queue.run(write('b'))];
    await tick();
    later.push(queue.run(write('c')));
    await tick();
    expect(queue.stats.commits).toBe(3);
    expect(gate.calls).toHaveLength(1); // one sync at a time
    gate.calls[0].release();
    await first;
    await tick();
    expect(gate.calls).toHaveLength(2);
    let answered = false;
    void Promise.all(later).then(() => (answered = true));
    await tick();
    expect(answered).toBe(false);
    gate.calls[1].release();
    await Promise.all(later);
    expect(wal.syncs).toBe(2);
  });

  it('acknowledges nothing once a sync has failed, even when later syncs report success', async () => {
    const { database, path } = await fileDatabase();
    let calls = 0;
    // The first sync fails (an I/O error); the ones after it would succeed.
    const failsOnce = (fd: number, done: (e: Error | null) => void) => {
      if (++calls === 1) setImmediate(() => done(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })));
      else fdatasync(fd, done);
    };
    const queue = new GroupCommit(database.db, database.sqlite, new WalSync(`${path}-wal`, failsOnce));
    const first = await Promise.allSettled([queue.run(write('a')), queue.run(write('b'))]);
    expect(first.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    const later = await Promise.allSettled([queue.run(write('c'))]);
    expect(later).toMatchObject([{ status: 'rejected', reason: { message: expect.stringMatching(/restart the server/u) } }]);
    expect(calls).toBe(1);
  });

  it('is what openDatabase sets up for a file, and ballots entered through it are on disk when answered', async () => {
    const { database } = await fileDatabase();
    const queue = groupCommit(database.db);
    expect(queue.wal?.walPath).toBe(`${database.sqlite.name}-wal`);
    const before = queue.wal!.syncs;
    await Promise.all(['x', 'y', 'z'].map((k) => queue.run(write(k))));
    expect(queue.wal!.syncs).toBeGreaterThan(before);
    expect(queue.wal!.syncs - before).toBeLessThanOrEqual(queue.stats.commits);
  });
});
