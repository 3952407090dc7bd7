import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from '../support/api.js';

describe('congress, committee and sessions', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  afterEach(async () => t.close());

  it('creates the congress once, with the technical secretary signed in', async () => {
    t = await testApp();
    expect((await t.call('GET', '/api/congress')).status).toBe(404);
    const { setup } = await t.setUpCongress({ convened: 170, excluded: 4 });
    const congress = await t.call('GET', '/api/congress', undefined, { as: null });
    expect(congress.body).toMatchObject({ kind: 'delegates', convened: 170, excluded: 4 });
    const again = await t.call('POST', '/api/congress', { name: 'Khác', kind: 'members', convened: 10, secretary: { name: 'X', pin: '9999' } }, { as: setup });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('congress_exists');
  });

  it('updates place, dates and the base in setup, and refuses excluded ≥ convened', async () => {
    t = await testApp();
    await t.setUpCongress();
    const patched = await t.call('PATCH', '/api/congress', { place: 'Hội trường phường', startsOn: '2025-06-12', excluded: 2, excludedReason: '2 đồng chí vắng cả kỳ đại hội' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ place: 'Hội trường phường', startsOn: '2025-06-12', excluded: 2, convened: 166 });
    const bad = await t.call('PATCH', '/api/congress', { excluded: 166 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'base_below_one', field: 'excluded' });
    expect((await t.call('GET', '/api/congress')).body.excluded).toBe(2);
    // A patch changes only what it names: the base stays.
    expect((await t.call('PATCH', '/api/congress', { place: 'Hội trường B' })).body).toMatchObject({ place: 'Hội trường B', excluded: 2, excludedReason: '2 đồng chí vắng cả kỳ đại hội', startsOn: '2025-06-12' });
  });

  it('freezes convened, excluded and kind once counting has begun', async () => {
    t = await testApp();
    await t.setUpCongress();
    await t.electionFromRecord({
      format: 'kiemphieu/election-record@1',
      congress: { name: 'x', kind: 'delegates', convened: 166, excluded: 0 },
      election: { title: 'Bầu Bí thư', kind: 'secretary', seats: 1, alternates: 0, round: 1 },
      candidates: [{ no: 1, name: 'Nguyễn Văn Một' }],
      ballotsIssued: 1,
      ballotsCollected: 1,
      ballots: [],
    });
    const res = await t.call('PATCH', '/api/congress', { convened: 200 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('counting_started');
    // Only while in setup (issue 6): every fact of the congress is fixed once counting has begun.
    expect((await t.call('PATCH', '/api/congress', { place: 'Hội trường B' })).body.error.code).toBe('counting_started');
  });

  it('keeps one head and one setup account, and lists members without PINs', async () => {
    t = await testApp();
    const { setupId, headId, memberIds } = await t.setUpCongress();
    expect((await t.call('POST', '/api/members', { name: 'Trưởng ban hai', role: 'head', pin: '5555' })).body.error.code).toBe('head_exists');
    expect((await t.call('PATCH', `/api/members/${memberIds[0]}`, { role: 'head' })).status).toBe(409);
    expect((await t.call('PATCH', `/api/members/${setupId}`, { role: 'member' })).body.error.code).toBe('last_setup');
    const renamed = await t.call('PATCH', `/api/members/${memberIds[1]}`, { name: '  Thành   viên Hai  ' });
    expect(renamed.body.name).toBe('Thành viên Hai');
    const members = await t.call('GET', '/api/members', undefined, { as: null });
    expect(members.body.map((m: { role: string }) => m.role)).toEqual(['setup', 'head', 'member', 'member']);
    expect(JSON.stringify(members.body)).not.toMatch(/pin_hash|scrypt/);
    expect((await t.call('DELETE', `/api/members/${memberIds[1]}`)).status).toBe(200);
    expect((await t.call('DELETE', `/api/members/${headId}x`)).status).toBe(404);
  });

  it('signs in with the right PIN only, and signs out', async () => {
    t = await testApp();
    const { headId } = await t.setUpCongress();
    const wrong = await t.call('POST', '/api/session', { memberId: headId, pin: '9999' }, { as: null });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('sai thành viên hoặc mã PIN / wrong member or PIN');
    const head = await t.signIn(headId, '2222');
    expect((await t.call('GET', '/api/session')).body.member).toMatchObject({ id: headId, role: 'head' });
    expect((await t.call('DELETE', '/api/session')).status).toBe(200);
    expect((await t.call('GET', '/api/session', undefined, { as: head })).status).toBe(401);
  });

  it('changes a PIN: own with the current one; setup sets anyone', async () => {
    t = await testApp();
    const { setup, headId, memberIds } = await t.setUpCongress();
    expect((await t.call('PUT', `/api/members/${memberIds[0]}/pin`, { newPin: '7777' }, { as: setup })).status).toBe(200);
    await t.signIn(memberIds[0], '7777');
    expect((await t.call('PUT', `/api/members/${headId}/pin`, { newPin: '8888' })).status).toBe(403);
    expect((await t.call('PUT', `/api/members/${memberIds[0]}/pin`, { currentPin: '0000', newPin: '8888' })).status).toBe(400);
    expect((await t.call('PUT', `/api/members/${memberIds[0]}/pin`, { currentPin: '7777', newPin: '8888' })).status).toBe(200);
    await t.signIn(memberIds[0], '8888');
  });

  it('asks for sign-in, the CSRF token and the right role', async () => {
    t = await testApp();
    const { setup, memberIds } = await t.setUpCongress();
    const election = { kind: 'secretary', title: 'Bầu Bí thư', seats: 1 };
    expect((await t.call('POST', '/api/elections', election, { as: null })).status).toBe(401);
    const noCsrf = await t.call('POST', '/api/elections', election, { as: setup, csrf: false });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('csrf');
    await t.signIn(memberIds[0], '3333');
    const member = await t.call('POST', '/api/elections', election);
    expect(member.status).toBe(403);
    expect(member.body.error.code).toBe('forbidden');
    expect((await t.call('GET', '/api/audit', undefined, { as: null })).status).toBe(401);
    expect((await t.call('GET', '/api/elections', undefined, { as: null })).body).toEqual([]);
  });
});
