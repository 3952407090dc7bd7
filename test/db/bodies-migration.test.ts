import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { openDatabase } from '../../src/db/connection.js';
import { getCertification, listBodies, listElections, roundRecord } from '../../src/db/store/index.js';

const at = '2025-06-12T08:00:00Z';
const { '006_bodies': _bodies, ...before006 } = migrations;

/**
 * A database of the version before voting bodies: a congress, a secretary elected on a one-name list
 * (certified, two of its ballots with both boxes or neither), a delegation whose alternates were
 * elected in a round of their own the way that version stored it (seats 1, alternates 0).
 */
async function fieldDatabase(file: string): Promise<void> {
  const old = new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(file) }) });
  await new Migrator({ db: old, provider: { getMigrations: async () => before006 } }).migrateToLatest();
  await old.insertInto('congress').values({ id: 'c1', name: 'Đại hội Đảng bộ phường mẫu', kind: 'delegates', convened: 5, excluded: 0, created_at: at }).execute();
  await old.insertInto('member').values([
    { id: 'm-setup', name: 'Thư ký', role: 'setup', position: 0, created_at: at },
    { id: 'm-head', name: 'Trưởng ban', role: 'head', position: 1, created_at: at },
  ]).execute();
  await old.insertInto('election').values([
    { id: 'e-sec', kind: 'secretary', title: 'Bầu Bí thư', seats: 1, alternates: 0, position: 1, created_at: at },
    { id: 'e-del', kind: 'delegates', title: 'Bầu đoàn đại biểu', seats: 1, alternates: 1, position: 2, created_at: at },
  ]).execute();
  const round = (id: string, election: string, number: number, fills: string, seats: number, alternates: number) =>
    ({ id, election_id: election, number, reason: number === 1 ? 'first' : 'unfilled', fills, seats, alternates, state: 'counted', ballots_issued: 5, ballots_collected: 5, decision: '', created_at: at });
  await old.insertInto('round').values([round('r-sec', 'e-sec', 1, 'officials', 1, 0), round('r-del1', 'e-del', 1, 'officials', 1, 1), round('r-del2', 'e-del', 2, 'alternates', 1, 0)]).execute();
  await old.insertInto('candidate').values([
    { id: 'k1', round_id: 'r-sec', person_id: 'p1', no: 1, name: 'Nguyễn Quang Hùng' },
    { id: 'k2', round_id: 'r-del2', person_id: 'p2', no: 1, name: 'Lê Thị Bình' },
    { id: 'k3', round_id: 'r-del2', person_id: 'p3', no: 2, name: 'Trần Văn Cường' },
  ]).execute();
  const marks = [{ '1': 'agree' }, { '1': 'agree' }, { '1': 'agree' }, { '1': 'both' }, {}];
  await old.insertInto('ballot').values(marks.map((m, i) => ({ id: `b-sec-${i}`, round_id: 'r-sec', content: JSON.stringify({ marks: m }), entered_by: 'm-head', entered_at: at }))).execute();
  await old.insertInto('certification').values({ round_id: 'r-sec', certified_by: 'm-head', certified_at: at, decision: '', stopped: 0, file: '{"signed":"as it was"}', sha256: 'ab'.repeat(32) }).execute();
  await old.updateTable('round').set({ state: 'certified' }).where('id', '=', 'r-sec').execute();
  await old.destroy();
}

describe('migration 006 (voting bodies) on a database from the field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kp-006-'));
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts every election in the congress body, names the one-name rounds whose count changes, and keeps what was certified', async () => {
    const file = join(dir, 'field.sqlite');
    await fieldDatabase(file);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const opened = await openDatabase(file);
    try {
      const lines = log.mock.calls.map((c) => String(c[0]));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('"Bầu Bí thư", vòng 1: 2 phiếu');
      expect(lines[0]).toContain('the certified round keeps its signed file');

      const { db, sqlite } = opened;
      expect(await listBodies(db)).toEqual([expect.objectContaining({ id: 'congress-body', kind: 'congress', name: 'Đại hội Đảng bộ phường mẫu', convened: 5 })]);
      expect((await listElections(db)).map((e) => [e.bodyId, e.alternatesMethod])).toEqual([['congress-body', null], ['congress-body', null]]);
      expect((await getCertification(db, 'r-sec'))?.text).toBe('{"signed":"as it was"}');
      // The rebuilt round table lost no row that points at it, and still guards a certified round.
      expect(sqlite.prepare('SELECT count(*) FROM candidate').pluck().get()).toBe(3);
      expect(sqlite.prepare('SELECT count(*) FROM ballot').pluck().get()).toBe(5);
      expect(() => sqlite.prepare("UPDATE round SET decision = 'x' WHERE id = 'r-sec'").run()).toThrow(/certified/);
      expect(() => sqlite.prepare("DELETE FROM round WHERE id = 'r-sec'").run()).toThrow(/certified/);
      expect(() => sqlite.prepare("INSERT INTO ballot (id, round_id, content, entered_by, entered_at) VALUES ('late', 'r-sec', '{}', 'm-head', 'now')").run()).toThrow(/certified/);
      expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);

      // The alternates round of the earlier version keeps the record it had: a plain ballot of 1 seat.
      const record = await roundRecord(db, 'r-del2');
      expect(record.election).toEqual({ title: 'Bầu đoàn đại biểu', kind: 'delegates', seats: 1, alternates: 0, round: 2 });
      expect(record).not.toHaveProperty('body');
      expect((await roundRecord(db, 'r-del1')).election).not.toHaveProperty('alternatesMethod');

      // What the new version stores: staff, the alternates' own ballot (seats 0 only with fills 'alternates').
      sqlite.prepare("INSERT INTO member (id, name, role, position, created_at) VALUES ('m-staff', 'Nhân viên', 'staff', 3, ?)").run(at);
      const insertRound = (id: string, number: number, fills: string) =>
        sqlite.prepare(`INSERT INTO round (id, election_id, number, reason, fills, seats, alternates, state, created_at) VALUES (?, 'e-del', ?, 'alternates_ballot', ?, 0, 1, 'setup', ?)`).run(id, number, fills, at);
      expect(() => insertRound('r-bad', 3, 'officials')).toThrow(/CHECK/);
      insertRound('r-del3', 3, 'alternates');
    } finally {
      await opened.close();
    }
    // Opening it again migrates nothing and says nothing.
    log.mockClear();
    const again = await openDatabase(file);
    await again.close();
    expect(log).not.toHaveBeenCalled();
  });
});
