import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countedFromRecord } from '../support/certify.js';
import { sample, testApp } from '../support/api.js';
import { enterBallots, times } from '../support/rounds.js';

type T = Awaited<ReturnType<typeof testApp>>;
type Who = Awaited<ReturnType<T['signIn']>>;

const STANDING = ['Hoàng Xuân Hằng', 'Lương Đức Cường', 'Bùi Thị Nhung', 'Trần Kim Thắng', 'Phạm Thanh An', 'Bùi Quang Nam'];

/**
 * The congress elects its executive committee (the sample: 15 of 17, imported as counted); its first
 * conference takes its members from it; the standing committee is elected there, against 15.
 */
async function firstConference(t: T) {
  const congress = await countedFromRecord(t, sample('executive-committee').record);
  const setup = await t.signIn(congress.setupId, '1111');
  const body = await t.call('POST', '/api/bodies', { kind: 'committee_conference', name: 'Hội nghị lần thứ nhất Ban Chấp hành khóa XVII', fromElectionId: congress.electionId });
  expect(body.status, JSON.stringify(body.body)).toBe(201);
  const standing = await t.call('POST', '/api/elections', { kind: 'standing_committee', title: 'Bầu Ban Thường vụ', seats: 5, bodyId: body.body.id });
  expect(standing.status).toBe(201);
  const roundId = (await t.call('GET', `/api/elections/${standing.body.id}`)).body.rounds[0].id as string;
  await t.call('POST', `/api/rounds/${roundId}/candidates`, { names: STANDING });
  await t.call('PUT', `/api/rounds/${roundId}/entry-mode`, { mode: 'single' });
  return { ...congress, setup, executiveId: congress.electionId, bodyId: body.body.id as string, electionId: standing.body.id as string, roundId };
}

describe('voting bodies: the congress and the first conference of its new committee', () => {
  let t: T;
  beforeEach(async () => (t = await testApp()));
  afterEach(async () => t.close());

  it('holds the congress body from the start; a congress election belongs to it and its record has no body', async () => {
    const { setup, electionId, roundId } = await countedFromRecord(t, sample('secretary').record);
    const bodies = (await t.call('GET', '/api/bodies', undefined, { as: null })).body;
    expect(bodies).toEqual([expect.objectContaining({ kind: 'congress', convened: 166, excluded: 0, fromElectionId: null })]);
    expect((await t.call('GET', `/api/elections/${electionId}`)).body.bodyId).toBe(bodies[0].id);
    const record = (await t.call('GET', `/api/rounds/${roundId}/record`, undefined, { as: setup })).body;
    expect(record).not.toHaveProperty('body');
    expect(Object.keys(record.election).sort()).toEqual(['kind', 'round', 'seats', 'alternates', 'title'].sort());
  });

  it('takes a conference’s members from the elected committee in one action, only once that election is counted', async () => {
    const congress = await t.setUpCongress();
    const executive = await t.call('POST', '/api/elections', { kind: 'executive_committee', title: 'Bầu Ban Chấp hành', seats: 15 });
    const early = await t.call('POST', '/api/bodies', { kind: 'committee_conference', name: 'Hội nghị BCH lần 1', fromElectionId: executive.body.id });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('nobody_elected');
    const wrongKind = await t.call('POST', '/api/bodies', { kind: 'inspection_conference', name: 'Hội nghị UBKT lần 1', fromElectionId: executive.body.id });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.error.field).toBe('fromElectionId');
    const noMembers = await t.call('POST', '/api/bodies', { kind: 'inspection_conference', name: 'Hội nghị UBKT lần 1' });
    expect(noMembers.status).toBe(400);
    expect(noMembers.body.error.field).toBe('convened');
    expect((await t.call('GET', '/api/bodies')).body).toHaveLength(1);
    expect(congress.setupId).toBeTruthy();
  });

  it('counts the standing committee against the 15 members of the conference: 8 votes elect, present at the vote on the record', async () => {
    const c = await firstConference(t);
    const bodies = (await t.call('GET', '/api/bodies')).body;
    expect(bodies[1]).toMatchObject({ kind: 'committee_conference', convened: 15, excluded: 0, fromElectionId: c.executiveId });

    // The count opens only with attendance entered; issued cannot exceed those present, nor present those convened.
    expect((await t.call('POST', `/api/rounds/${c.roundId}/transition`, { to: 'counting' })).body.error.code).toBe('attendance_missing');
    const tooMany = await t.call('PUT', `/api/rounds/${c.roundId}/attendance`, { present: 16 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('16');
    expect((await t.call('PUT', `/api/rounds/${c.roundId}/attendance`, { present: 14 })).status).toBe(200);
    const over = await t.call('PATCH', `/api/rounds/${c.roundId}`, { ballotsIssued: 15, ballotsCollected: 14 });
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({ code: 'issued_over_present', field: 'ballotsIssued' });
    expect(over.body.error.vi).toContain('(15)');
    expect(over.body.error.vi).toContain('(14)');
    expect((await t.call('GET', `/api/rounds/${c.roundId}`)).body.ballotsIssued).toBeNull();
    expect((await t.call('PATCH', `/api/rounds/${c.roundId}`, { ballotsIssued: 14, ballotsCollected: 14 })).status).toBe(200);
    const below = await t.call('PUT', `/api/rounds/${c.roundId}/attendance`, { present: 13 });
    expect(below.status).toBe(400);
    expect(below.body.error.code).toBe('issued_over_present');
    expect((await t.call('GET', `/api/rounds/${c.roundId}`)).body).toMatchObject({ present: 14, body: { name: 'Hội nghị lần thứ nhất Ban Chấp hành khóa XVII', convened: 15 } });
    expect((await t.call('POST', `/api/rounds/${c.roundId}/transition`, { to: 'counting' })).status).toBe(200);

    // 8 keep names 1–5, 6 strike name 1: name 1 has 8 of 15 (elected), name 6 has 6.
    await t.signIn(c.memberIds[0], '3333');
    await enterBallots(t, c.roundId, [...times(8, { struck: [6] }), ...times(6, { struck: [1] })]);
    const head = await t.signIn(c.headId, '2222');
    expect((await t.call('POST', `/api/rounds/${c.roundId}/transition`, { to: 'counted' })).status).toBe(200);
    const tally = (await t.call('GET', `/api/rounds/${c.roundId}/tally`)).body;
    expect(tally.result).toMatchObject({ base: 15, threshold: 8, body: { kind: 'committee_conference', name: 'Hội nghị lần thứ nhất Ban Chấp hành khóa XVII', base: 15 }, elected: [2, 3, 4, 5, 1], outcome: 'complete' });
    const record = (await t.call('GET', `/api/rounds/${c.roundId}/record`, undefined, { as: head })).body;
    expect(record.body).toEqual({ kind: 'committee_conference', name: 'Hội nghị lần thứ nhất Ban Chấp hành khóa XVII', convened: 15, excluded: 0, present: 14 });
    expect(record.congress.convened).toBe(166);

    // Certified: the body's figures and the election's body are fixed (the API and the database refuse).
    expect((await t.call('POST', `/api/rounds/${c.roundId}/certify`, {})).status).toBe(201);
    await t.signIn(c.setupId, '1111');
    expect((await t.call('PATCH', `/api/bodies/${c.bodyId}`, { convened: 16 })).status).toBe(409);
    expect(() => t.database.sqlite.prepare('UPDATE body SET convened = 16 WHERE id = ?').run(c.bodyId)).toThrow(/certified/);
    expect(() => t.database.sqlite.prepare('UPDATE election SET body_id = ? WHERE id = ?').run('congress-body', c.electionId)).toThrow(/certified/);
  });

  it('chooses an election’s body and alternates method before counting only', async () => {
    await t.setUpCongress({ convened: 9 });
    const conference = (await t.call('POST', '/api/bodies', { kind: 'committee_conference', name: 'Hội nghị BCH lần 1', convened: 7 })).body;
    const delegation = await t.call('POST', '/api/elections', { kind: 'delegates', title: 'Bầu đoàn đại biểu', seats: 2, alternates: 1 });
    expect(delegation.body).toMatchObject({ alternatesMethod: 'separate', bodyId: 'congress-body' });
    const secretary = await t.call('POST', '/api/elections', { kind: 'secretary', title: 'Bầu Bí thư', seats: 1, alternatesMethod: 'separate' });
    expect(secretary.status).toBe(400);
    expect(secretary.body.error.field).toBe('alternatesMethod');
    expect((await t.call('PATCH', `/api/elections/${delegation.body.id}`, { alternatesMethod: 'one_ballot' })).body.alternatesMethod).toBe('one_ballot');
    expect((await t.call('PATCH', `/api/elections/${delegation.body.id}`, { bodyId: 'no-such-body' })).status).toBe(404);
    expect((await t.call('PATCH', `/api/elections/${delegation.body.id}`, { bodyId: conference.id })).body.bodyId).toBe(conference.id);
    const roundId = (await t.call('GET', `/api/elections/${delegation.body.id}`)).body.rounds[0].id;
    await t.call('POST', `/api/rounds/${roundId}/candidates`, { names: ['An', 'Bình', 'Cường', 'Dũng'] });
    await t.call('PUT', `/api/rounds/${roundId}/attendance`, { present: 7 });
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting' })).status).toBe(200);
    const late = await t.call('PATCH', `/api/elections/${delegation.body.id}`, { alternatesMethod: 'separate' });
    expect(late.status).toBe(409);
    expect((await t.call('GET', `/api/elections/${delegation.body.id}`)).body.alternatesMethod).toBe('one_ballot');
    expect((await t.call('DELETE', `/api/bodies/${conference.id}`)).body.error.code).toBe('body_has_elections');
  });
});

describe('delegation alternates on their own ballot, and a delegation that may not stop after round 1', () => {
  let t: T;
  let head: Who;
  let members: string[];
  beforeEach(async () => {
    t = await testApp();
    const c = await t.setUpCongress({ convened: 9 });
    head = await t.signIn(c.headId, '2222');
    members = c.memberIds;
    await t.signIn(c.setupId, '1111');
  });
  afterEach(async () => t.close());

  async function delegation(seats: number, alternates: number, names: string[]) {
    const e = (await t.call('POST', '/api/elections', { kind: 'delegates', title: 'Bầu đoàn đại biểu', seats, alternates })).body;
    const roundId = (await t.call('GET', `/api/elections/${e.id}`)).body.rounds[0].id as string;
    await t.call('POST', `/api/rounds/${roundId}/candidates`, { names });
    await t.call('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: 9, ballotsCollected: 9 });
    await t.call('PUT', `/api/rounds/${roundId}/entry-mode`, { mode: 'single' });
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting' })).status).toBe(200);
    return { electionId: e.id as string, roundId };
  }

  it('elects the officials first, then offers the alternates’ ballot of the rest of the list with its own count and record', async () => {
    const d = await delegation(2, 1, ['An', 'Bình', 'Cường', 'Dũng']);
    await t.signIn(members[0], '3333');
    // The officials' ballot keeps at most 2 names: keeping 3 is too many.
    const three = await t.call('POST', `/api/rounds/${d.roundId}/ballots`, { id: 'keeps-three-1', ballot: { struck: [4] } });
    expect(three.body.verdict).toEqual({ valid: false, reason: 'too_many' });
    await t.call('POST', '/api/ballots/keeps-three-1/void', { reason: 'thử' });
    await enterBallots(t, d.roundId, [...times(6, { struck: [3, 4] }), ...times(3, { struck: [2, 4] })]);
    const asHead = { as: head };
    expect((await t.call('POST', `/api/rounds/${d.roundId}/transition`, { to: 'counted' }, asHead)).status).toBe(200);
    const officials = (await t.call('GET', `/api/rounds/${d.roundId}/tally`)).body.result;
    expect(officials).toMatchObject({ elected: [1, 2], alternates: [], unfilledAlternates: 0, outcome: 'complete' });
    const outcome = (await t.call('GET', `/api/elections/${d.electionId}/outcome`)).body;
    expect(outcome.combined.next).toMatchObject({ reason: 'alternates_ballot', fills: 'alternates', seats: 0, alternates: 1 });
    expect(outcome.combined.next.candidates.map((id: string) => outcome.names[id])).toEqual(['Cường', 'Dũng']);

    // Opened without a decision and without added names; the round is seats 0, alternates 1.
    expect((await t.call('POST', `/api/elections/${d.electionId}/rounds`, { addedNames: ['Em'] }, asHead)).status).toBe(400);
    const opened = await t.call('POST', `/api/elections/${d.electionId}/rounds`, {}, asHead);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body).toMatchObject({ number: 2, reason: 'alternates_ballot', fills: 'alternates', seats: 0, alternates: 1 });
    const second = opened.body.id as string;
    await t.call('PATCH', `/api/rounds/${second}`, { ballotsIssued: 9, ballotsCollected: 9 }, asHead);
    await t.call('PUT', `/api/rounds/${second}/entry-mode`, { mode: 'single' }, asHead);
    const openAlt = await t.call('POST', `/api/rounds/${second}/transition`, { to: 'counting' }, asHead);
    expect(openAlt.status, JSON.stringify(openAlt.body)).toBe(200);
    await t.signIn(members[0], '3333');
    await enterBallots(t, second, [...times(6, { struck: [2] }), ...times(3, { struck: [1] })], 'alt');
    expect((await t.call('POST', `/api/rounds/${second}/transition`, { to: 'counted' }, asHead)).status).toBe(200);
    const record = (await t.call('GET', `/api/rounds/${second}/record`, undefined, asHead)).body;
    expect(record.election).toMatchObject({ seats: 0, alternates: 1, fills: 'alternates', alternatesMethod: 'separate', round: 2 });
    expect(record.candidates.map((c: { name: string }) => c.name)).toEqual(['Cường', 'Dũng']);
    expect((await t.call('GET', `/api/rounds/${second}/tally`)).body.result).toMatchObject({ elected: [], alternates: [1], outcome: 'complete' });
    const combined = (await t.call('GET', `/api/elections/${d.electionId}/outcome`)).body.combined;
    expect(combined).toMatchObject({ remainingSeats: 0, remainingAlternates: 0, outcome: 'complete', next: null });
  });

  it('refuses to stop after a first round that leaves official seats unfilled; the next round is required', async () => {
    const d = await delegation(2, 0, ['An', 'Bình', 'Cường']);
    await t.signIn(members[0], '3333');
    // Name 1 gets 9, names 2 and 3 get 4 each: one official seat stays unfilled (5 needed).
    await enterBallots(t, d.roundId, [...times(4, { struck: [3] }), ...times(4, { struck: [2] }), { struck: [2, 3] }]);
    expect((await t.call('POST', `/api/rounds/${d.roundId}/transition`, { to: 'counted' }, { as: head })).status).toBe(200);
    const outcome = (await t.call('GET', `/api/elections/${d.electionId}/outcome`)).body;
    expect(outcome.combined.next).toMatchObject({ reason: 'unfilled', seats: 1, mayStop: false });
    const stop = await t.call('POST', `/api/rounds/${d.roundId}/certify`, { stop: true, decision: 'Đại hội quyết định dừng' }, { as: head });
    expect(stop.status).toBe(409);
    expect(stop.body.error.code).toBe('must_continue');
    expect((await t.call('GET', `/api/rounds/${d.roundId}`)).body.state).toBe('counted');
  });
});
