import { PASSPHRASE } from '../support/certify.js';
import { afterEach, describe, expect, it } from 'vitest';
import { sample, testApp } from '../support/api.js';
import { enterBallots } from '../support/rounds.js';

describe('the round lifecycle: setup → counting → counted, with its guards', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  afterEach(async () => t.close());

  const move = (roundId: string, to: string, reason?: string) => t.call('POST', `/api/rounds/${roundId}/transition`, reason === undefined ? { to } : { to, reason });
  const stateOf = async (roundId: string) => (await t.call('GET', `/api/rounds/${roundId}`)).body.state as string;

  it('takes a round through every state, refusing each wrong move', async () => {
    t = await testApp();
    const { setup, headId, memberIds } = await t.setUpCongress();
    const { record, result } = sample('secretary');
    const e = (await t.call('POST', '/api/elections', { kind: 'secretary', title: 'Bầu Bí thư', seats: 1 })).body;
    const roundId = (await t.call('GET', `/api/elections/${e.id}`)).body.rounds[0].id as string;
    await t.call('POST', `/api/rounds/${roundId}/candidates`, { names: record.candidates.map((c) => c.name) });

    expect((await move(roundId, 'counted')).body.error.code).toBe('wrong_transition');
    const member = await t.signIn(memberIds[0], '3333');
    expect((await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'too-early-1', ballot: { marks: { '1': 'agree' } } })).body.error.code).toBe('wrong_state');
    expect((await move(roundId, 'counting')).status).toBe(403);
    expect((await move(roundId, 'counting', undefined)).body.error.code).toBe('forbidden');

    expect((await t.call('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: 165, ballotsCollected: 166 }, { as: setup })).body.error.code).toBe('collected_over_issued');
    expect((await move(roundId, 'counting', undefined)).status).toBe(403);
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting' }, { as: setup })).status).toBe(200);

    await enterBallots(t, roundId, record.ballots.slice(0, 100));
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'setup' }, { as: setup })).body.error.code).toBe('has_ballots');
    expect((await move(roundId, 'counted')).status).toBe(403);
    const head = await t.signIn(headId, '2222');
    expect((await move(roundId, 'counted')).body.error.code).toBe('counts_missing');
    await t.call('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: 165, ballotsCollected: 165 });
    const early = await move(roundId, 'counted');
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'not_reconciled', message: 'đã nhập 100 phiếu nhưng số phiếu thu vào là 165 / 100 ballots entered but 165 collected' });
    await t.signIn(memberIds[0], '3333');
    await enterBallots(t, roundId, record.ballots.slice(100), 'rest');
    const provisional = (await t.call('GET', `/api/rounds/${roundId}/tally`)).body;
    expect(provisional).toMatchObject({ provisional: true, reconciliation: { entered: 165, collected: 165, issued: 165, reconciled: true } });

    expect((await move(roundId, 'counted', undefined)).status).toBe(403);
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' }, { as: head })).status).toBe(200);
    const final = (await t.call('GET', `/api/rounds/${roundId}/tally`, undefined, { as: null })).body;
    expect(final.provisional).toBe(false);
    expect(final.result).toMatchObject(result);

    // Counted: nothing changes until the head reopens the count, with a reason.
    expect((await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'too-late-01', ballot: { marks: { '1': 'agree' } } }, { as: member })).body.error.code).toBe('wrong_state');
    expect((await t.call('POST', '/api/ballots/ballot-00000/void', { reason: 'x' }, { as: member })).body.error.code).toBe('wrong_state');
    expect((await t.call('PATCH', `/api/rounds/${roundId}`, { ballotsCollected: 164 }, { as: head })).body.error.code).toBe('wrong_state');
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting' }, { as: setup })).status).toBe(403);
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'certified' }, { as: head })).body.error.code).toBe('use_certify');
    const noReason = await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting', reason: '   ' }, { as: head });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('reason_required');
    expect(await stateOf(roundId)).toBe('counted');
    const reopened = await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting', reason: 'Khiếu nại về phiếu số 12' }, { as: head });
    expect(reopened.body.state).toBe('counting');
    const log = (await t.call('GET', `/api/audit?entityId=${roundId}`, undefined, { as: head })).body;
    expect(log.at(-1)).toMatchObject({ action: 'round.transition', actor: headId, before: { state: 'counted' }, after: { state: 'counting', reason: 'Khiếu nại về phiếu số 12' } });
    expect((await t.call('POST', '/api/ballots/ballot-00000/void', { reason: 'Phiếu số 12 bị đánh dấu' }, { as: member })).status).toBe(200);
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' }, { as: head })).body.error.code).toBe('not_reconciled');
  });

  it('lets nothing leave a certified round', async () => {
    t = await testApp();
    const { headId, memberIds } = await t.setUpCongress();
    const { record } = sample('secretary');
    const { roundId } = await t.electionFromRecord(record);
    await t.signIn(memberIds[0], '3333');
    await enterBallots(t, roundId, record.ballots);
    const head = await t.signIn(headId, '2222');
    await move(roundId, 'counted');
    expect((await t.call('POST', `/api/rounds/${roundId}/certify`, { passphrase: PASSPHRASE }, { as: head })).status).toBe(201);
    for (const to of ['counting', 'counted', 'setup', 'certified']) {
      const res = await move(roundId, to, 'Khiếu nại');
      expect([to, res.status]).toEqual([to, 409]);
    }
    expect((await t.call('PATCH', `/api/rounds/${roundId}`, { ballotsCollected: 1 }, { as: head })).body.error.code).toBe('wrong_state');
    const member = await t.signIn(memberIds[0], '3333');
    expect((await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'after-cert-1', ballot: { marks: { '1': 'agree' } } }, { as: member })).body.error.code).toBe('wrong_state');
    expect((await t.call('POST', '/api/ballots/ballot-00000/void', { reason: 'x' }, { as: member })).body.error.code).toBe('wrong_state');
    expect((await t.call('GET', `/api/rounds/${roundId}/tally`)).body.provisional).toBe(false);
  });

  it('goes back to setup while no ballot has been entered', async () => {
    t = await testApp();
    const { headId } = await t.setUpCongress();
    const { roundId } = await t.electionFromRecord(sample('secretary').record);
    await t.signIn(headId, '2222');
    expect((await move(roundId, 'setup')).status).toBe(200);
    expect(await stateOf(roundId)).toBe('setup');
  });
});
