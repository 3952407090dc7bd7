import { afterEach, describe, expect, it } from 'vitest';
import { checkAudit } from '../../src/db/store/index.js';
import type { Ballot } from '../../src/domain/index.js';
import { sample, testApp } from '../support/api.js';

/** Single entry (the secretary, 1 of 1) with its optional second full count, compared with the first. */
describe('single entry with a second count', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  // Every flow here leaves each stored ballot tied to its audit entry (ballot-check.ts): no false alarm.
  afterEach(async () => {
    if (t) expect((await checkAudit(t.database.db)).ballots.problems).toEqual([]);
    await t.close();
  });

  it('holds the count until a second count by another member agrees with the first', async () => {
    t = await testApp();
    const ids = await t.setUpCongress();
    const { record } = sample('secretary');
    const ballots = record.ballots.slice(0, 12);
    const { roundId } = await t.electionFromRecord({ ...record, ballotsIssued: 12, ballotsCollected: 12 });
    const m1 = await t.signIn(ids.memberIds[0], '3333');
    const m2 = await t.signIn(ids.memberIds[1], '4444');
    const head = await t.signIn(ids.headId, '2222');
    expect((await t.call('GET', `/api/rounds/${roundId}/entry`, undefined, { as: m1 })).body).toMatchObject({ mode: 'single', secondCount: null, blocker: null });
    for (const [i, ballot] of ballots.entries()) {
      expect((await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: `first-${String(i).padStart(4, '0')}`, ballot }, { as: m1 })).status).toBe(201);
    }
    const sameHand = await t.call('POST', `/api/rounds/${roundId}/second-count/ballots`, { id: 'second-same-1', ballot: ballots[0] }, { as: m1 });
    expect(sameHand.body.error.code).toBe('both_counts');

    // The second count reads ballot 1 as a disagree.
    const second: Ballot[] = ballots.map((b, i) => (i === 0 ? { marks: { '1': 'disagree' } } : b));
    for (const [i, ballot] of second.entries()) {
      expect((await t.call('POST', `/api/rounds/${roundId}/second-count/ballots`, { id: `second-${String(i).padStart(4, '0')}`, ballot }, { as: m2 })).status).toBe(201);
    }
    const close = () => t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' }, { as: head });
    const refused = await close();
    expect(refused.status).toBe(409);
    const agrees = ballots.filter((b) => 'marks' in b && b.marks['1'] === 'agree').length;
    expect(refused.body.error.en).toBe(`the second count differs from the first: votes for 1. Nguyễn Quang Hùng: ${agrees} / ${agrees - 1}`);

    expect((await t.call('POST', '/api/second-count-ballots/second-0000/void', { reason: 'đọc lại phiếu giấy: đồng ý' }, { as: m2 })).status).toBe(200);
    expect((await t.call('POST', `/api/rounds/${roundId}/second-count/ballots`, { id: 'second-again-0', ballot: ballots[0] }, { as: m2 })).status).toBe(201);
    const summary = (await t.call('GET', `/api/rounds/${roundId}/entry`, undefined, { as: head })).body;
    expect(summary.secondCount).toEqual({ entered: 12, collected: 12, differences: [], complete: true, agrees: true });
    expect((await close()).status).toBe(200);
  });
});
