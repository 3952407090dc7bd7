import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { versionOf } from '../../src/db/changes.js';
import { openDatabase } from '../../src/db/connection.js';
import { testApp } from '../support/api.js';

describe('counted changes: a reading kept in memory knows when it no longer holds', () => {
  it('moves on every insert, update and delete of the tables asked about, cascades included, and on nothing else', async () => {
    const { db, sqlite, close } = await openDatabase(':memory:');
    const auth = () => versionOf(sqlite, ['member', 'session']);
    const v0 = auth();
    const at = '2025-06-12T08:00:00.000Z';
    await sql`INSERT INTO member (id, name, role, position, created_at) VALUES ('m1', 'A', 'head', 1, ${at})`.execute(db);
    const v1 = auth();
    expect(v1).toBeGreaterThan(v0);
    sqlite.prepare("INSERT INTO session (token_hash, member_id, csrf_token, created_at, expires_at) VALUES ('h', 'm1', 'c', ?, ?)").run(at, at);
    const v2 = auth();
    expect(v2).toBeGreaterThan(v1);
    await db.selectFrom('member').selectAll().execute();
    expect(versionOf(sqlite, ['round', 'candidate'])).toBe(0);
    expect(auth()).toBe(v2); // reads change nothing
    await db.updateTable('member').set({ name: 'B' }).where('id', '=', 'm1').execute();
    const v3 = auth();
    expect(v3).toBeGreaterThan(v2);
    const sessionsBefore = versionOf(sqlite, ['session']);
    await db.deleteFrom('member').where('id', '=', 'm1').execute(); // the session goes by cascade
    expect(versionOf(sqlite, ['session'])).toBeGreaterThan(sessionsBefore);
    expect(() => versionOf(sqlite, ['no_such_table'])).toThrow(/no counted table no_such_table/u);
    expect(() => versionOf(sqlite, ['ballot'])).toThrow(/no counted table ballot/u);
    await close();
  });

  it('lets a member’s edit and removal take effect on the very next request of a session already seen', async () => {
    const t = await testApp();
    const { setup, memberIds } = await t.setUpCongress();
    const member = await t.signIn(memberIds[0], '3333');
    expect((await t.call('GET', '/api/session', undefined, { as: member })).body.member).toMatchObject({ name: 'Thành viên Một' });
    expect((await t.call('PATCH', `/api/members/${memberIds[0]}`, { name: 'Thành viên Đổi Tên' }, { as: setup })).status).toBe(200);
    expect((await t.call('GET', '/api/session', undefined, { as: member })).body.member).toMatchObject({ name: 'Thành viên Đổi Tên' });
    expect((await t.call('DELETE', `/api/members/${memberIds[0]}`, undefined, { as: setup })).status).toBe(200);
    expect((await t.call('GET', '/api/session', undefined, { as: member })).status).toBe(401);
    await t.close();
  });
});
