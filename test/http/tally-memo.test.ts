import { afterEach, describe, expect, it } from 'vitest';
import { sample, testApp } from '../support/api.js';

describe('the live tally, counted once per change', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  afterEach(async () => t.close());

  it('is never stale: a ballot, a voided ballot, new counts or a closed count show at the next read', async () => {
    t = await testApp();
    const ids = await t.setUpCongress();
    const { memberIds } = ids;
    const { record } = sample('executive-committee');
    const { roundId } = await t.electionFromRecord(record);
    const tally = async () => (await t.call('GET', `/api/rounds/${roundId}/tally`)).body;
    await t.signIn(memberIds[0], '3333');
    expect((await tally()).reconciliation.entered).toBe(0);
    expect((await tally()).reconciliation.entered).toBe(0);
    await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'memo-ballot-1', ballot: record.ballots[0] });
    await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'memo-ballot-2', ballot: record.ballots[1] });
    expect((await tally()).reconciliation.entered).toBe(2);
    await t.call('POST', '/api/ballots/memo-ballot-1/void', { reason: 'nhập nhầm' });
    expect((await tally()).reconciliation.entered).toBe(1);

    // During counting the head (not setup) sets the counts.
    await t.signIn(ids.headId, '2222');
    expect((await t.call('PATCH', `/api/rounds/${roundId}`, { ballotsCollected: 1 })).status).toBe(200);
    expect((await tally()).reconciliation).toMatchObject({ entered: 1, collected: 1, reconciled: true });
    expect((await tally()).provisional).toBe(true);
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' })).status).toBe(200);
    expect((await tally()).provisional).toBe(false);
  });
});
