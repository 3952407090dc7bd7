import { afterEach, describe, expect, it } from 'vitest';
import { sample, testApp } from '../support/api.js';

type T = Awaited<ReturnType<typeof testApp>>;

describe('who may do what, once counting has begun', () => {
  let t: T;
  afterEach(async () => t.close());

  it('freezes the congress and its committee for setup once a count begins', async () => {
    t = await testApp();
    const { setup, memberIds } = await t.setUpCongress();
    expect((await t.call('PATCH', '/api/congress', { place: 'Hội trường B' }, { as: setup })).status).toBe(200);
    await t.electionFromRecord(sample('secretary').record);
    for (const [method, path, body] of [
      ['PATCH', '/api/congress', { place: 'Hội trường C' }],
      ['POST', '/api/members', { name: 'Người mới', role: 'head', pin: '8888' }],
      ['PATCH', `/api/members/${memberIds[0]}`, { role: 'head' }],
      ['DELETE', `/api/members/${memberIds[1]}`, undefined],
      ['PUT', `/api/members/${memberIds[1]}/pin`, { newPin: '8888' }],
    ] as const) {
      const res = await t.call(method, path, body, { as: setup });
      expect([method, path, res.status, res.body.error?.code]).toEqual([method, path, 409, 'counting_started']);
    }
    expect((await t.call('GET', '/api/members')).body).toHaveLength(4);
  });

  it('lets only the head close and reopen a count and change the ballot figures during it; members move nothing', async () => {
    t = await testApp();
    const { setup, headId, memberIds } = await t.setUpCongress();
    const { record } = sample('secretary');
    const { roundId } = await t.electionFromRecord(record);
    const member = await t.signIn(memberIds[0], '3333');
    for (const [i, ballot] of record.ballots.entries()) await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: `ballot-${String(i).padStart(4, '0')}`, ballot }, { as: member });
    const head = await t.signIn(headId, '2222');

    const setupCounts = await t.call('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: record.ballotsIssued + 1 }, { as: setup });
    expect([setupCounts.status, setupCounts.body.error.code]).toEqual([403, 'forbidden']);
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' }, { as: member })).status).toBe(403);
    const setupCloses = await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' }, { as: setup });
    expect([setupCloses.status, setupCloses.body.error.code]).toEqual([403, 'forbidden']);
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' }, { as: head })).status).toBe(200);
    const setupReopens = await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting', reason: 'sửa phiếu' }, { as: setup });
    expect([setupReopens.status, setupReopens.body.error.code]).toEqual([403, 'forbidden']);
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting', reason: 'sửa phiếu số 12' }, { as: head })).status).toBe(200);
    expect((await t.call('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: record.ballotsIssued }, { as: head })).status).toBe(200);
    const log = (await t.call('GET', `/api/audit?entityId=${roundId}`, undefined, { as: head })).body;
    expect(log.slice(-3).map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['round.transition', headId],
      ['round.transition', headId],
      ['round.ballot_counts', headId],
    ]);
  });

  it("keeps the names of a later round as the head recorded the congress's decision: setup may only reorder them", async () => {
    t = await testApp();
    const { setup, headId, memberIds } = await t.setUpCongress();
    const { record } = sample('executive-committee-tie');
    const { electionId, roundId } = await t.electionFromRecord(record);
    const member = await t.signIn(memberIds[0], '3333');
    for (const [i, ballot] of record.ballots.entries()) await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: `ballot-${String(i).padStart(4, '0')}`, ballot }, { as: member });
    const head = await t.signIn(headId, '2222');
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' }, { as: head })).status).toBe(200);
    expect((await t.call('POST', `/api/elections/${electionId}/rounds`, { decision: 'Đại hội quyết định bầu lại' }, { as: setup })).status).toBe(403);
    const next = await t.call('POST', `/api/elections/${electionId}/rounds`, { decision: 'Đại hội quyết định bầu lại giữa những người bằng phiếu' }, { as: head });
    expect(next.status).toBe(201);
    const list = (await t.call('GET', `/api/rounds/${next.body.id}/candidates`)).body as { id: string }[];
    const added = await t.call('POST', `/api/rounds/${next.body.id}/candidates`, { names: ['Người thêm vào'] }, { as: setup });
    expect([added.status, added.body.error.code]).toEqual([409, 'list_decided']);
    expect((await t.call('DELETE', `/api/candidates/${list[0].id}`, undefined, { as: setup })).status).toBe(409);
    const reordered = await t.call('PUT', `/api/rounds/${next.body.id}/candidates/order`, { ids: list.map((c) => c.id).reverse() }, { as: setup });
    expect(reordered.status).toBe(200);
  });
});
