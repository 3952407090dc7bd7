import { afterEach, describe, expect, it } from 'vitest';
import { sample, testApp } from '../support/api.js';

describe('the counting server, end to end through app.request', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  afterEach(async () => t.close());

  it('gives the sample executive committee its expected result from ballots entered one by one', async () => {
    t = await testApp();
    const { memberIds } = await t.setUpCongress();
    const { record, result } = sample('executive-committee');
    const { roundId } = await t.electionFromRecord(record);
    await t.signIn(memberIds[0], '3333');
    for (const [i, ballot] of record.ballots.entries()) {
      const res = await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: `ballot-${String(i).padStart(4, '0')}`, ballot });
      expect(res.status).toBe(201);
    }
    const tally = await t.call('GET', `/api/rounds/${roundId}/tally`);
    expect(tally.status).toBe(200);
    expect(tally.body.result).toMatchObject(result);
    expect(tally.body.reconciliation).toEqual({ entered: 166, collected: 166, issued: 166, reconciled: true });
    const chain = await t.call('GET', '/api/audit/verify');
    expect(chain.body).toMatchObject({ ok: true });
  });
});
