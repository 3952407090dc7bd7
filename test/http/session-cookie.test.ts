import { describe, expect, it } from 'vitest';
import { testApp } from '../support/api.js';

describe('the session cookie', () => {
  it('is found among other cookies, in any order and spacing; a made-up or overlong one finds no session', async () => {
    const t = await testApp();
    const { headId } = await t.setUpCongress();
    const head = await t.signIn(headId, '2222');
    const as = (cookie: string) => t.call('GET', '/api/session', undefined, { as: { cookie, csrf: head.csrf } });
    const token = head.cookie.split('=')[1];
    expect((await as(`theme=dark;  kp_session=${token} ; lang=vi`)).body.member).toMatchObject({ id: headId });
    expect((await as(`kp_session=${token}`)).status).toBe(200);
    expect((await as(`kp_session_old=${token}`)).status).toBe(401);
    expect((await as(`kp_session=${token.slice(1)}`)).status).toBe(401);
    expect((await as(`kp_session=${'A'.repeat(200)}`)).status).toBe(401);
    expect((await as('kp_session=')).status).toBe(401);
    await t.close();
  });
});
