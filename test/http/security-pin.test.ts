import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_MINUTES, PIN_ATTEMPTS } from '../../src/db/store/index.js';
import { sample, testApp } from '../support/api.js';

type T = Awaited<ReturnType<typeof testApp>>;
const MINUTE = 60_000;

async function auditActions(t: T, memberId: string) {
  const rows = await t.database.db.selectFrom('audit').select(['action', 'at', 'after']).where('entity_id', '=', memberId).orderBy('seq').execute();
  return rows.map((r) => ({ action: r.action, at: r.at, after: r.after === null ? null : JSON.parse(r.after) }));
}

describe('signing in with a PIN', () => {
  let t: T;
  afterEach(async () => t.close());

  it('sets the session cookie HttpOnly and SameSite=Strict, and signing out ends the session and is logged', async () => {
    t = await testApp();
    const { headId } = await t.setUpCongress();
    const res = await t.call('POST', '/api/session', { memberId: headId, pin: '2222' }, { as: null });
    expect(res.status).toBe(201);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^kp_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/u);
    const head = { cookie: cookie.split(';')[0], csrf: res.body.csrfToken as string };
    expect((await t.call('DELETE', '/api/session', undefined, { as: head })).status).toBe(200);
    expect((await t.call('GET', '/api/session', undefined, { as: head })).status).toBe(401);
    expect((await auditActions(t, headId)).map((e) => e.action)).toEqual(['member.add', 'member.sign_in', 'member.sign_out']);
  });

  it(`locks an address out of a member after ${PIN_ATTEMPTS} wrong PINs from it, refusing even the right PIN there until the lock ends; another laptop signs in at once; all logged`, async () => {
    t = await testApp();
    const { headId } = await t.setUpCongress();
    for (let i = 1; i <= PIN_ATTEMPTS; i++) {
      const res = await t.call('POST', '/api/session', { memberId: headId, pin: '9999' }, { as: null, from: '10.0.0.5' });
      expect([i, res.status, res.body.error.code]).toEqual([i, 401, 'wrong_pin']);
    }
    const log = await auditActions(t, headId);
    expect(log.slice(1).map((e) => e.action)).toEqual([...Array(PIN_ATTEMPTS - 1).fill('member.wrong_pin'), 'member.locked_out']);
    const lock = log.at(-1)!;
    expect(lock.after).toMatchObject({ attempts: PIN_ATTEMPTS, lockouts: 1, from: '10.0.0.5' });
    expect(Date.parse(lock.after.lockedUntil) - Date.parse(lock.at)).toBe(LOCK_MINUTES * MINUTE);

    // The head's own laptop has not failed: the right PIN is taken there at once (issue 14).
    const own = await t.call('POST', '/api/session', { memberId: headId, pin: '2222' }, { as: null, from: '10.0.0.6' });
    expect(own.status).toBe(201);

    // Two minutes on: attempts are back, the lock is not; the right PIN is refused from the address that failed.
    t.advance(2 * MINUTE);
    const early = await t.call('POST', '/api/session', { memberId: headId, pin: '2222' }, { as: null, from: '10.0.0.5' });
    expect([early.status, early.body.error.code]).toEqual([429, 'locked_out']);
    expect(early.body.error.en).toMatch(/try again in 3 min/u);

    t.advance(3 * MINUTE);
    const after = await t.call('POST', '/api/session', { memberId: headId, pin: '2222' }, { as: null, from: '10.0.0.5' });
    expect(after.status).toBe(201);
    expect((await auditActions(t, headId)).at(-1)).toMatchObject({ action: 'member.sign_in', after: { from: '10.0.0.5' } });
  });

  it('doubles the lock-out for each further one until the right PIN, then starts again', async () => {
    t = await testApp();
    const { headId } = await t.setUpCongress();
    const lockFor = async () => {
      for (let i = 0; i < PIN_ATTEMPTS; i++) await t.call('POST', '/api/session', { memberId: headId, pin: '0000' }, { as: null });
      const lock = (await auditActions(t, headId)).at(-1)!;
      expect(lock.action).toBe('member.locked_out');
      return (Date.parse(lock.after.lockedUntil) - Date.parse(lock.at)) / MINUTE;
    };
    expect(await lockFor()).toBe(5);
    t.advance(5 * MINUTE);
    expect(await lockFor()).toBe(10);
    t.advance(10 * MINUTE);
    expect(await lockFor()).toBe(20);
    t.advance(20 * MINUTE);
    expect((await t.call('POST', '/api/session', { memberId: headId, pin: '2222' }, { as: null })).status).toBe(201);
    expect(await lockFor()).toBe(5);
  });

  it('limits PIN attempts per client address: 10 at once, then one every 30 s; other laptops go on', async () => {
    t = await testApp();
    const { headId } = await t.setUpCongress();
    const guess = (from: string, memberId: string) => t.call('POST', '/api/session', { memberId, pin: '1234' }, { as: null, from });
    // (The test clock moves a second at every reading, so a few seconds pass during the burst.)
    const burst = [];
    for (let i = 0; i < 14; i++) burst.push(await guess('10.0.0.7', `nobody-${i}`));
    expect(burst.slice(0, 10).map((r) => r.status)).toEqual(Array(10).fill(401));
    expect(burst.slice(10).filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(3);
    const throttled = burst.at(-1)!;
    expect([throttled.status, throttled.body.error.code]).toEqual([429, 'too_many_attempts']);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(throttled.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    expect((await guess('10.0.0.7', headId)).status).toBe(429);
    expect((await guess('10.0.0.8', 'nobody-20')).status).toBe(401);
    t.advance(30_000);
    expect((await guess('10.0.0.7', 'nobody-21')).status).toBe(401);
    // Throttled guesses reach no member: the head's log has no wrong PIN.
    expect((await auditActions(t, headId)).map((e) => e.action)).toEqual(['member.add']);
  });

  it('lets no more than the lock-out count of guesses through when they arrive all at once from one laptop', async () => {
    t = await testApp();
    const { headId } = await t.setUpCongress();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.call('POST', '/api/session', { memberId: headId, pin: String(1000 + i) }, { as: null, from: '10.0.1.1' })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(PIN_ATTEMPTS).fill(401), ...Array(20 - PIN_ATTEMPTS).fill(429)]);
    expect((await auditActions(t, headId)).filter((e) => e.action !== 'member.add')).toHaveLength(PIN_ATTEMPTS);
  });

  it('lets the head, signed in, lift a member’s lock-outs; only the head; the unlock is logged with the addresses', async () => {
    t = await testApp();
    const { headId, memberIds, setup } = await t.setUpCongress();
    for (const from of ['10.0.2.1', '10.0.2.2']) {
      for (let i = 0; i < PIN_ATTEMPTS; i++) await t.call('POST', '/api/session', { memberId: memberIds[0], pin: '0000' }, { as: null, from });
    }
    const member = await t.signIn(memberIds[1], '4444');
    expect((await t.call('GET', '/api/members/locks', undefined, { as: member })).status).toBe(403);
    expect((await t.call('POST', `/api/members/${memberIds[0]}/unlock`, undefined, { as: setup })).status).toBe(403);
    const head = await t.signIn(headId, '2222');
    const locks = (await t.call('GET', '/api/members/locks', undefined, { as: head })).body;
    expect(locks.map((l: { memberId: string; address: string }) => [l.memberId, l.address])).toEqual([
      [memberIds[0], '10.0.2.1'],
      [memberIds[0], '10.0.2.2'],
    ]);
    const unlocked = await t.call('POST', `/api/members/${memberIds[0]}/unlock`, undefined, { as: head });
    expect([unlocked.status, unlocked.body]).toEqual([200, { unlocked: ['10.0.2.1', '10.0.2.2'] }]);
    expect((await t.call('GET', '/api/members/locks', undefined, { as: head })).body).toEqual([]);
    expect((await auditActions(t, memberIds[0])).at(-1)).toMatchObject({ action: 'member.unlock', after: { addresses: ['10.0.2.1', '10.0.2.2'] } });
    expect((await t.call('POST', '/api/session', { memberId: memberIds[0], pin: '3333' }, { as: null, from: '10.0.2.1' })).status).toBe(201);
  });

  it('makes a member change a PIN set by setup before anything else, to a PIN of their own', async () => {
    t = await testApp();
    const { setup, headId } = await t.setUpCongress();
    expect((await t.call('PUT', `/api/members/${headId}/pin`, { newPin: '5151' }, { as: setup })).status).toBe(200);
    const head = await t.signIn(headId, '5151');
    expect((await t.call('GET', '/api/session', undefined, { as: head })).body.member.mustChangePin).toBe(true);
    const blocked = await t.call('GET', '/api/audit', undefined, { as: head });
    expect([blocked.status, blocked.body.error.code]).toEqual([403, 'pin_change_required']);
    expect(blocked.body.error.vi).toMatch(/^mã PIN này do người cài đặt đặt/u);
    const same = await t.call('PUT', `/api/members/${headId}/pin`, { currentPin: '5151', newPin: '5151' }, { as: head });
    expect([same.status, same.body.error.code]).toEqual([400, 'same_pin']);
    expect((await t.call('PUT', `/api/members/${headId}/pin`, { currentPin: '5151', newPin: '6262' }, { as: head })).status).toBe(200);
    const again = await t.signIn(headId, '6262');
    expect((await t.call('GET', '/api/session', undefined, { as: again })).body.member.mustChangePin).toBe(false);
    expect((await t.call('GET', '/api/audit', undefined, { as: again })).status).toBe(200);
  });

  it('lets a member change their own PIN (current PIN, rate-limited); setup sets others only while the congress is in setup', async () => {
    t = await testApp();
    const { setup, setupId, memberIds, headId } = await t.setUpCongress();
    expect((await t.call('PUT', `/api/members/${memberIds[1]}/pin`, { newPin: '4545' }, { as: setup })).status).toBe(200);
    const member = await t.signIn(memberIds[0], '3333');
    expect((await t.call('PUT', `/api/members/${headId}/pin`, { newPin: '0000' }, { as: member })).status).toBe(403);
    for (let i = 0; i < 5; i++) {
      const wrong = await t.call('PUT', `/api/members/${memberIds[0]}/pin`, { currentPin: '0000', newPin: '7777' }, { as: member });
      expect([wrong.status, wrong.body.error.code]).toEqual([400, 'wrong_pin']);
    }
    expect((await t.call('PUT', `/api/members/${memberIds[0]}/pin`, { currentPin: '3333', newPin: '7777' }, { as: member })).status).toBe(429);
    t.advance(MINUTE);
    expect((await t.call('PUT', `/api/members/${memberIds[0]}/pin`, { currentPin: '3333', newPin: '7777' }, { as: member })).status).toBe(200);
    expect((await t.call('GET', '/api/session', undefined, { as: member })).status).toBe(401); // a new PIN ends the sessions
    await t.signIn(memberIds[0], '7777');

    // Counting begins: setup can no longer set anyone's PIN (it could then sign in as them).
    await t.signIn(setupId, '1111');
    await t.electionFromRecord(sample('secretary').record);
    const refused = await t.call('PUT', `/api/members/${headId}/pin`, { newPin: '0000' }, { as: setup });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'counting_started']);
    expect((await t.call('POST', '/api/session', { memberId: headId, pin: '2222' }, { as: null })).status).toBe(201);
  });
});
