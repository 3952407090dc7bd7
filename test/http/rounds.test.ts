import { afterEach, describe, expect, it } from 'vitest';
import type { Ballot } from '../../src/domain/index.js';
import { sample, testApp } from '../support/api.js';
import { enterBallots, times } from '../support/rounds.js';

describe('next rounds: offered by the software, decided by the congress', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  afterEach(async () => t.close());

  /** Counting members enter the ballots, the head closes the count. */
  async function count(roundId: string, ballots: Ballot[], people: { headId: string; memberIds: string[] }, prefix: string) {
    await t.signIn(people.memberIds[0], '3333');
    await enterBallots(t, roundId, ballots, prefix);
    await t.signIn(people.headId, '2222');
    const closed = await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  }

  /** Setup sets the ballots issued and collected of a new round and opens its count. */
  async function open(roundId: string, setup: { cookie: string; csrf: string }, ballots: number) {
    await t.call('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: ballots, ballotsCollected: ballots }, { as: setup });
    const opened = await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting' }, { as: setup });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
  }

  it('holds the re-vote among the three tied for two seats, and completes the election', async () => {
    t = await testApp();
    const people = await t.setUpCongress({ convened: 170, excluded: 4 });
    const { record, result } = sample('executive-committee-tie');
    const { electionId, roundId } = await t.electionFromRecord(record);
    await count(roundId, record.ballots, people, 'r1');
    expect((await t.call('GET', `/api/rounds/${roundId}/tally`)).body.result).toMatchObject(result);

    const first = (await t.call('GET', `/api/elections/${electionId}/outcome`, undefined, { as: null })).body;
    const names = (nos: number[]) => nos.map((no) => record.candidates[no - 1].name);
    const nameOf = (personId: string) => first.names[personId] as string;
    expect(first.combined.outcome).toBe('tie');
    expect(first.combined.elected.map(nameOf)).toEqual(names(result.elected));
    expect(first.combined.next).toMatchObject({ reason: 'tie', fills: 'officials', seats: 2 });
    expect(first.combined.next.candidates.map(nameOf)).toEqual(names([8, 11, 12]));

    const decision = 'Đại hội biểu quyết bầu lại 2 ủy viên trong 3 đồng chí bằng phiếu';
    await t.signIn(people.memberIds[0], '3333');
    expect((await t.call('POST', `/api/elections/${electionId}/rounds`, { decision })).status).toBe(403);
    await t.signIn(people.headId, '2222');
    expect((await t.call('POST', `/api/elections/${electionId}/rounds`, {})).body.error.field).toBe('decision');
    expect((await t.call('POST', `/api/elections/${electionId}/rounds`, { decision, addedNames: ['Người Mới'] })).body.error.code).toBe('tie_round_fixed');
    const created = await t.call('POST', `/api/elections/${electionId}/rounds`, { decision });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ number: 2, reason: 'tie', seats: 2, alternates: 0, state: 'setup', decision });
    expect((await t.call('POST', `/api/elections/${electionId}/rounds`, { decision })).body.error.code).toBe('round_not_counted');
    const revote = (await t.call('GET', `/api/rounds/${created.body.id}`)).body;
    expect(revote.candidates.map((c: { no: number; name: string }) => `${c.no} ${c.name}`)).toEqual(names([8, 11, 12]).map((n, i) => `${i + 1} ${n}`));
    expect(revote.listCheck).toEqual({ errors: [], warnings: [] });

    await open(created.body.id, people.setup, 166);
    // 100 strike the third name, 60 the second, 6 keep all three (too many): 166, 100, 60 votes.
    await count(created.body.id, [...times(100, { struck: [3] }), ...times(60, { struck: [2] }), ...times(6, { struck: [] })], people, 'r2');
    const second = (await t.call('GET', `/api/rounds/${created.body.id}/tally`)).body.result;
    expect(second).toMatchObject({ threshold: 84, elected: [1, 2], outcome: 'complete', ballots: { valid: 160, invalid: 6, invalidByReason: { too_many: 6 } } });

    const outcome = (await t.call('GET', `/api/elections/${electionId}/outcome`)).body;
    expect(outcome.combined).toMatchObject({ outcome: 'complete', remainingSeats: 0, next: null });
    expect(outcome.combined.elected.map((id: string) => outcome.names[id])).toEqual([...names(result.elected), ...names([8, 11])]);
    expect(outcome.rounds.map((r: { round: { number: number }; result: { outcome: string } }) => [r.round.number, r.result.outcome])).toEqual([[1, 'tie'], [2, 'complete']]);
    expect((await t.call('POST', `/api/elections/${electionId}/rounds`, { decision })).body.error.code).toBe('election_complete');
  });

  it('offers a round for unfilled seats among those not elected, adding names only by recorded decision', async () => {
    t = await testApp();
    const people = await t.setUpCongress({ convened: 10 });
    const e = (await t.call('POST', '/api/elections', { kind: 'standing_committee', title: 'Bầu Ban Thường vụ', seats: 3 })).body;
    const roundId = (await t.call('GET', `/api/elections/${e.id}`)).body.rounds[0].id as string;
    await t.call('POST', `/api/rounds/${roundId}/candidates`, { names: ['Lê Văn An', 'Trần Thị Bình', 'Phạm Văn Cường', 'Ngô Thị Dung', 'Vũ Văn Em'] });
    await t.call('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: 10, ballotsCollected: 10 });
    await t.call('PUT', `/api/rounds/${roundId}/entry-mode`, { mode: 'single' }); // ballots typed one by one here
    // 3 seats, 2 extra: the Điều 14 small-committee warning; the congress decided this list.
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting', reason: 'Đại hội quyết định danh sách 5 người' })).status).toBe(200);
    // Threshold 6 of base 10: An 10, everyone else 5: one seat filled, two unfilled.
    await count(roundId, [...times(5, { struck: [4, 5] }), ...times(5, { struck: [2, 3] })], people, 'r1');
    const first = (await t.call('GET', `/api/elections/${e.id}/outcome`)).body;
    const nameOf = (id: string) => first.names[id] as string;
    expect(first.rounds[0].result).toMatchObject({ elected: [1], unfilledSeats: 2, outcome: 'unfilled' });
    expect(first.combined).toMatchObject({ outcome: 'unfilled', remainingSeats: 2, next: { reason: 'unfilled', fills: 'officials', seats: 2 } });
    expect(first.combined.next.candidates.map(nameOf)).toEqual(['Trần Thị Bình', 'Phạm Văn Cường', 'Ngô Thị Dung', 'Vũ Văn Em']);

    expect((await t.call('POST', `/api/elections/${e.id}/rounds`, { addedNames: ['Hoàng Văn Giang'] })).status).toBe(400);
    const decision = 'Đại hội biểu quyết bầu tiếp 2 ủy viên, bổ sung đồng chí Hoàng Văn Giang vào danh sách';
    const created = await t.call('POST', `/api/elections/${e.id}/rounds`, { decision, addedNames: ['Hoàng  Văn Giang'] });
    expect(created.body).toMatchObject({ number: 2, reason: 'unfilled', seats: 2, decision });
    const next = (await t.call('GET', `/api/rounds/${created.body.id}`)).body;
    expect(next.candidates.map((c: { name: string }) => c.name)).toEqual(['Trần Thị Bình', 'Phạm Văn Cường', 'Ngô Thị Dung', 'Vũ Văn Em', 'Hoàng Văn Giang']);
    const logged = (await t.call('GET', `/api/audit?entityId=${created.body.id}`)).body[0];
    expect(logged).toMatchObject({ action: 'round.create', actor: people.headId, after: { decision, candidates: expect.arrayContaining(['Hoàng Văn Giang']) } });

    await open(created.body.id, people.setup, 10);
    await count(created.body.id, times(10, { struck: [2, 3, 4] }), people, 'r2');
    const outcome = (await t.call('GET', `/api/elections/${e.id}/outcome`)).body;
    expect(outcome.combined).toMatchObject({ outcome: 'complete', remainingSeats: 0, next: null });
    expect(outcome.combined.elected.map((id: string) => outcome.names[id])).toEqual(['Lê Văn An', 'Trần Thị Bình', 'Hoàng Văn Giang']);
    const exported = (await t.call('GET', `/api/rounds/${created.body.id}/record`)).body;
    expect(exported.election).toMatchObject({ round: 2, seats: 2, alternates: 0 });
  });
});
