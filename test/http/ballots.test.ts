import { afterEach, describe, expect, it } from 'vitest';
import { checkAudit } from '../../src/db/store/index.js';
import { sample, testApp } from '../support/api.js';
import { enterBallots } from '../support/rounds.js';

describe('ballot entry: idempotent, checked, voided never deleted', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  // Every flow here leaves each stored ballot tied to its audit entry (ballot-check.ts): no false alarm.
  afterEach(async () => {
    if (t) expect((await checkAudit(t.database.db)).ballots.problems).toEqual([]);
    await t.close();
  });

  /** The sample executive committee (17 names, 15 seats: strike style) open for counting, a member signed in. */
  async function counting() {
    const people = await t.setUpCongress();
    const { record } = sample('executive-committee');
    const { roundId } = await t.electionFromRecord(record);
    const member = await t.signIn(people.memberIds[0], '3333');
    return { ...people, roundId, record, member };
  }
  const votesOf = async (roundId: string, no: number) => (await t.call('GET', `/api/rounds/${roundId}/tally`)).body.result.candidates[no - 1].votes as number;

  it('counts a retried ballot once; the same id with another ballot is refused', async () => {
    t = await testApp();
    const { roundId } = await counting();
    const first = await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'tablet1-000001', ballot: { struck: [3, 1] } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ created: true, verdict: { valid: true }, ballot: { id: 'tablet1-000001', ballot: { struck: [1, 3] }, void: null } });
    // The reply was lost; the client sends the same request again (the numbers in another order).
    const retry = await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'tablet1-000001', ballot: { struck: [1, 3] } });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ created: false, ballot: { seq: first.body.ballot.seq } });
    const other = await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'tablet1-000001', ballot: { struck: [2] } });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'ballot_id_reused', field: 'id' });
    const tally = await t.call('GET', `/api/rounds/${roundId}/tally`);
    expect(tally.body.reconciliation.entered).toBe(1);
    expect(tally.body.result.candidates.map((c: { votes: number }) => c.votes)).toEqual([0, 1, 0, ...Array(14).fill(1)]);
    const entries = (await t.call('GET', '/api/audit')).body.filter((e: { action: string }) => e.action === 'ballot.enter');
    expect(entries).toHaveLength(1);
  });

  it('takes a one-name ballot retried with its unmarked box spelt out as the same ballot, not a conflict', async () => {
    t = await testApp();
    const { memberIds } = await t.setUpCongress();
    const { roundId } = await t.electionFromRecord(sample('secretary').record);
    await t.signIn(memberIds[1], '4444');
    expect((await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'blank-one-01', ballot: { marks: {} } })).status).toBe(201);
    const retry = await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'blank-one-01', ballot: { marks: { '1': 'none' } } });
    expect(retry.status).toBe(200);
    expect(retry.body.created).toBe(false);
    expect((await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'blank-one-01', ballot: { marks: { '1': 'agree' } } })).status).toBe(409);
    expect((await t.call('GET', `/api/rounds/${roundId}/tally`)).body.reconciliation.entered).toBe(1);
  });

  it('refuses an unknown number or the wrong style with a 4xx and stores nothing', async () => {
    t = await testApp();
    const { roundId } = await counting();
    const auditBefore = (await t.call('GET', '/api/audit')).body.length;
    const cases = [
      [{ struck: [18] }, 'unknown_candidate'],
      [{ struck: [0] }, 'unknown_candidate'],
      [{ struck: [2, 2] }, null],
      [{ marks: { '1': 'agree' } }, null],
    ] as const;
    for (const [i, [ballot, code]] of cases.entries()) {
      const res = await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: `bad-ballot-${i}`, ballot });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.message).toMatch(/ \/ /);
      if (code) expect(res.body.error.code).toBe(code);
    }
    expect((await t.call('GET', `/api/rounds/${roundId}/ballots?includeVoid=true`)).body).toEqual([]);
    expect((await t.call('GET', '/api/audit')).body.length).toBe(auditBefore);
  });

  it('decides too many and all struck from the marks, and stores the committee’s ruling with its reason', async () => {
    t = await testApp();
    const { roundId } = await counting();
    const tooMany = await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'b-too-many', ballot: { struck: [1] } });
    expect(tooMany.body.verdict).toEqual({ valid: false, reason: 'too_many' });
    const allStruck = await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'b-all-struck', ballot: { struck: Array.from({ length: 17 }, (_, i) => i + 1) } });
    expect(allStruck.body.verdict).toEqual({ valid: false, reason: 'all_struck' });
    const ruled = await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'b-ruled-01', ballot: { invalid: 'marked' } });
    expect(ruled.body.verdict).toEqual({ valid: false, reason: 'marked' });
    const tally = await t.call('GET', `/api/rounds/${roundId}/tally`);
    expect(tally.body.result.ballots).toMatchObject({ valid: 0, invalid: 3, invalidByReason: { too_many: 1, all_struck: 1, marked: 1 } });
    expect(tally.body.provisional).toBe(true);
  });

  it('voids a ballot: it stays, marked and logged, out of the tally; the correction is entered anew', async () => {
    t = await testApp();
    const { roundId, memberIds } = await counting();
    await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'b-typo-0001', ballot: { struck: [1, 2] } });
    expect(await votesOf(roundId, 3)).toBe(1);
    expect((await t.call('POST', '/api/ballots/b-typo-0001/void', { reason: '  ' })).status).toBe(400);
    const voided = await t.call('POST', '/api/ballots/b-typo-0001/void', { reason: 'Nhập nhầm số 2, phiếu gạch số 3' });
    expect(voided.status).toBe(200);
    expect(voided.body.void).toMatchObject({ reason: 'Nhập nhầm số 2, phiếu gạch số 3', by: memberIds[0] });
    expect((await t.call('POST', '/api/ballots/b-typo-0001/void', { reason: 'lần nữa' })).body.error.code).toBe('already_void');
    expect((await t.call('POST', '/api/ballots/no-such-ballot/void', { reason: 'x' })).status).toBe(404);
    expect(await votesOf(roundId, 3)).toBe(0);
    // The same id cannot bring the voided ballot back in another form.
    expect((await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'b-typo-0001', ballot: { struck: [1, 3] } })).status).toBe(409);
    await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'b-fixed-0001', ballot: { struck: [1, 3] } });
    expect([await votesOf(roundId, 2), await votesOf(roundId, 3)]).toEqual([1, 0]);
    expect((await t.call('GET', `/api/rounds/${roundId}/ballots`)).body.map((b: { id: string }) => b.id)).toEqual(['b-fixed-0001']);
    const all = (await t.call('GET', `/api/rounds/${roundId}/ballots?includeVoid=true`)).body;
    expect(all.map((b: { id: string; void: unknown }) => [b.id, b.void !== null])).toEqual([['b-typo-0001', true], ['b-fixed-0001', false]]);
    expect((await t.call('GET', `/api/rounds/${roundId}/ballots?afterSeq=${all[0].seq}`)).body).toHaveLength(1);
    const log = (await t.call('GET', '/api/audit?entityId=b-typo-0001')).body;
    expect(log.map((e: { action: string }) => e.action)).toEqual(['ballot.enter', 'ballot.void']);
    expect(log[1]).toMatchObject({ actor: memberIds[0], before: { ballot: { struck: [1, 2] } }, after: { reason: 'Nhập nhầm số 2, phiếu gạch số 3' } });
  });

  it('lets counting members and the head enter ballots, not the setup account nor the public', async () => {
    t = await testApp();
    const { roundId, setup, headId } = await counting();
    const ballot = { struck: [1, 2] };
    expect((await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'by-setup-01', ballot }, { as: setup })).status).toBe(403);
    expect((await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'by-nobody-1', ballot }, { as: null })).status).toBe(401);
    expect((await t.call('GET', `/api/rounds/${roundId}/ballots`, undefined, { as: null })).status).toBe(401);
    await t.signIn(headId, '2222');
    expect((await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'by-head-001', ballot })).status).toBe(201);
    expect((await t.call('POST', '/api/ballots/by-head-001/void', { reason: 'thử' }, { as: setup })).status).toBe(403);
  });

  it('reads an agree/disagree list by marks: agree is a vote, both or none is not', async () => {
    t = await testApp();
    const { memberIds } = await t.setUpCongress();
    const { record, result } = sample('secretary');
    const { roundId } = await t.electionFromRecord(record);
    await t.signIn(memberIds[1], '4444');
    expect((await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'strike-on-marks', ballot: { struck: [1] } })).status).toBe(400);
    expect((await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'mark-unknown', ballot: { marks: { '2': 'agree' } } })).status).toBe(400);
    await enterBallots(t, roundId, record.ballots);
    const tally = await t.call('GET', `/api/rounds/${roundId}/tally`);
    // The sample predates the rank field the project adds; every field it has must match.
    expect(tally.body.result).toMatchObject(result);
  });
});
