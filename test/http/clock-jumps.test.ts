import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_MINUTES, PIN_ATTEMPTS } from '../../src/db/store/index.js';
import { testApp } from '../support/api.js';

type T = Awaited<ReturnType<typeof testApp>>;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** An offline laptop's clock found 14 years ahead, and set right in the middle of the congress. */
const YEARS_14 = 14 * 365 * 24 * HOUR;

describe('clocks that jump: sessions and lock-outs never outlive their length', () => {
  let t: T;
  afterEach(async () => t.close());

  it('ends a session made under a clock that ran ahead once the clock is set back, and one made before a jump ahead', async () => {
    t = await testApp();
    const { headId } = await t.setUpCongress();
    t.advance(YEARS_14);
    const ahead = await t.signIn(headId, '2222');
    expect((await t.call('GET', '/api/session', undefined, { as: ahead })).status).toBe(200);
    t.advance(-YEARS_14);
    expect((await t.call('GET', '/api/session', undefined, { as: ahead })).status).toBe(401);

    // Made under the right time, then the clock jumps ahead past its 24 hours: ended too.
    const now = await t.signIn(headId, '2222');
    t.advance(23 * HOUR);
    expect((await t.call('GET', '/api/session', undefined, { as: now })).status).toBe(200);
    t.advance(2 * HOUR);
    expect((await t.call('GET', '/api/session', undefined, { as: now })).status).toBe(401);
    // A sign-in after the clock was set right works as ever.
    expect((await t.call('GET', '/api/session', undefined, { as: await t.signIn(headId, '2222') })).status).toBe(200);
  });

  it(`a lock-out made under a clock that ran ahead lasts no longer than ${LOCK_MINUTES} minutes once the clock is set back; the attempt limits recover too`, async () => {
    t = await testApp();
    const { headId } = await t.setUpCongress();
    t.advance(YEARS_14);
    for (let i = 1; i <= PIN_ATTEMPTS; i++) expect((await t.call('POST', '/api/session', { memberId: headId, pin: '9999' }, { as: null })).status).toBe(401);
    const locked = await t.call('POST', '/api/session', { memberId: headId, pin: '2222' }, { as: null });
    expect([locked.status, locked.body.error.code]).toEqual([429, 'too_many_attempts']);
    t.advance(MINUTE);
    const stillLocked = await t.call('POST', '/api/session', { memberId: headId, pin: '2222' }, { as: null });
    expect([stillLocked.status, stillLocked.body.error.code]).toEqual([429, 'locked_out']);
    expect(stillLocked.body.error.en).toMatch(/try again in 4 min/u);

    // The clock is set right: 14 years back. The lock-out began in what is now the future: it is over,
    // not "try again in 7,358,400 minutes"; and the in-memory attempt limit does not wait years either.
    t.advance(-YEARS_14);
    const throttled = await t.call('POST', '/api/session', { memberId: headId, pin: '2222' }, { as: null });
    expect([throttled.status, throttled.body.error.code]).toEqual([429, 'too_many_attempts']);
    expect(Number(/wait (\d+) s/u.exec(throttled.body.error.en)?.[1])).toBeLessThanOrEqual(60);
    t.advance(MINUTE);
    const after = await t.call('POST', '/api/session', { memberId: headId, pin: '2222' }, { as: null });
    expect(after.status, JSON.stringify(after.body)).toBe(201);
  });
});
