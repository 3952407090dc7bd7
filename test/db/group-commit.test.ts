import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { groupCommit, readNow } from '../../src/db/group-commit.js';
import { refuse, refusal } from '../../src/db/refusal.js';
import { verifyAuditChain } from '../../src/db/store/index.js';
import { sample, testApp } from '../support/api.js';

const id = (n: number) => `group-${String(n).padStart(4, '0')}`;

describe('group commit: ballots arriving together share one transaction, each judged on its own', () => {
  it('commits concurrent ballots in fewer transactions than ballots, refusing only the bad ones', async () => {
    const t = await testApp();
    const { memberIds } = await t.setUpCongress();
    const { roundId } = await t.electionFromRecord(sample('executive-committee').record);
    await t.signIn(memberIds[0], '3333');
    const stats = { ...groupCommit(t.database.db).stats };
    const requests = Array.from({ length: 30 }, (_, n) => {
      if (n === 7) return { id: id(n), ballot: { struck: [99] } }; // not on the list
      if (n === 12) return { id: id(3), ballot: { struck: [1, 2] } }; // ballot 3's id again with another ballot
      if (n === 20) return { id: id(4), ballot: { struck: [5, 10] } }; // ballot 4 sent twice: a retry
      return { id: id(n), ballot: { struck: [1 + (n % 17), 1 + ((n + 5) % 17)] } };
    });
    const replies = await Promise.all(requests.map((body) => t.call('POST', `/api/rounds/${roundId}/ballots`, body)));
    expect(replies[7].status).toBe(400);
    expect(replies[12].status).toBe(409);
    expect([replies[4].status, replies[20].status].sort()).toEqual([200, 201]);
    expect(replies.filter((r) => r.status === 201)).toHaveLength(27);
    const after = groupCommit(t.database.db).stats;
    expect(after.changes - stats.changes).toBe(30);
    expect(after.commits - stats.commits).toBeLessThan(30);
    const stored = (await t.call('GET', `/api/rounds/${roundId}/ballots`)).body as { id: string; ballot: unknown }[];
    expect(stored).toHaveLength(27);
    expect(new Set(stored.map((b) => b.id)).size).toBe(27);
    expect(stored.find((b) => b.id === id(3))?.ballot).toEqual(requests[3].ballot);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
    await t.close();
  });

  it('rolls back a change that fails without touching the others in its batch', async () => {
    const t = await testApp();
    const queue = groupCommit(t.database.db);
    const write = (text: string) => (sqlite: import('better-sqlite3').Database) => sqlite.prepare('INSERT INTO kv (k) VALUES (?)').run(text).changes;
    t.database.sqlite.exec('CREATE TABLE kv (k TEXT PRIMARY KEY)');
    const outcomes = await Promise.allSettled([
      queue.run(write('a')),
      queue.run((sqlite) => {
        write('b')(sqlite);
        refuse(refusal('conflict', 'test', 'từ chối', 'refused'));
      }),
      queue.run((sqlite) => {
        write('c')(sqlite);
        throw new Error('a fault in one change');
      }),
      queue.run(write('a')), // the primary key refuses it: a fault of this change alone
      queue.run(write('d')),
    ]);
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: { ok: true, value: 1 } });
    expect(outcomes[1]).toMatchObject({ status: 'fulfilled', value: { ok: false, error: { code: 'test' } } });
    expect(outcomes[2]).toMatchObject({ status: 'rejected', reason: { message: 'a fault in one change' } });
    expect(outcomes[3]).toMatchObject({ status: 'rejected' });
    expect(outcomes[4]).toEqual({ status: 'fulfilled', value: { ok: true, value: 1 } });
    expect(t.database.sqlite.prepare('SELECT k FROM kv ORDER BY k').pluck().all()).toEqual(['a', 'd']);
    await t.close();
  });

  it('never writes into, nor reads from, a transaction that Kysely has open and is waiting in', async () => {
    const t = await testApp();
    const { db, sqlite } = t.database;
    sqlite.exec('CREATE TABLE kv (k TEXT PRIMARY KEY)');
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    const kyselyWork = db.transaction().execute(async (trx) => {
      await sql`INSERT INTO kv (k) VALUES ('kysely')`.execute(trx);
      await paused;
      throw new Error('rolled back');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sqlite.inTransaction).toBe(true);
    const read = readNow(db, (s) => s.prepare('SELECT count(*) FROM kv').pluck().get());
    const write = groupCommit(db).run((s) => s.prepare("INSERT INTO kv (k) VALUES ('group')").run().changes);
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await expect(kyselyWork).rejects.toThrow('rolled back');
    expect(await read).toBe(0);
    expect(await write).toEqual({ ok: true, value: 1 });
    expect(sqlite.prepare('SELECT k FROM kv').pluck().all()).toEqual(['group']);
    await t.close();
  });

  it('waits for a ballot announced as on its way, and not for one given up', async () => {
    const t = await testApp();
    const queue = groupCommit(t.database.db);
    t.database.sqlite.exec('CREATE TABLE kv (k TEXT PRIMARY KEY)');
    const write = (text: string) => (sqlite: import('better-sqlite3').Database) => sqlite.prepare('INSERT INTO kv (k) VALUES (?)').run(text).changes;
    const before = queue.stats.commits;
    const queued = queue.announce();
    const first = queue.run(write('a'));
    let second!: Promise<unknown>;
    setImmediate(() => {
      second = queue.run(write('b'));
      queued();
    });
    await first;
    await second;
    expect(queue.stats.commits - before).toBe(1);

    const givenUp = queue.announce();
    const started = performance.now();
    await queue.run(write('c'));
    givenUp();
    expect(queue.stats.commits - before).toBe(2);
    expect(performance.now() - started).toBeLessThan(1000);
    await t.close();
  });
});
