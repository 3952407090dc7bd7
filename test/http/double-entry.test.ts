import { PASSPHRASE } from '../support/certify.js';
import { afterEach, describe, expect, it } from 'vitest';
import { checkAudit } from '../../src/db/store/index.js';
import { unresolvedDifferences } from '../../src/db/store/index.js';
import { countRecord, type Ballot } from '../../src/domain/index.js';
import { sample, testApp } from '../support/api.js';

/**
 * Double entry through the API: 20 ballots of the sample executive committee (15 of 17) counted in
 * two piles (12 and 8), each typed twice by two members; the head rules on the differences.
 */
describe('double entry and reconciliation', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  // Every flow here leaves each stored ballot tied to its audit entry (ballot-check.ts): no false alarm.
  afterEach(async () => {
    if (t) expect((await checkAudit(t.database.db)).ballots.problems).toEqual([]);
    await t.close();
  });

  const { record } = sample('executive-committee');
  const paper = record.ballots.slice(0, 20);
  const pile1 = paper.slice(0, 12);
  const pile2 = paper.slice(12);
  // Three typing slips in the second entry of pile 1, at positions 3, 7 and 10.
  const slipped: Ballot[] = pile1.map((b, i) => (i === 2 ? { struck: [1, 3, 8] } : i === 6 ? { invalid: 'marked' } : i === 9 ? { struck: [1, 7, 9, 11] } : b));

  async function setUp() {
    t = await testApp();
    const ids = await t.setUpCongress();
    const { roundId } = await t.electionFromRecord({ ...record, ballotsIssued: 25, ballotsCollected: 20 }, { entryMode: 'double' });
    const m1 = await t.signIn(ids.memberIds[0], '3333');
    const m2 = await t.signIn(ids.memberIds[1], '4444');
    const head = await t.signIn(ids.headId, '2222');
    const p1 = (await t.call('POST', `/api/rounds/${roundId}/piles`, { id: 'pile-one-12', declared: 12 }, { as: m1 })).body;
    const p2 = (await t.call('POST', `/api/rounds/${roundId}/piles`, { id: 'pile-two-08', declared: 8 }, { as: m2 })).body;
    return { roundId, m1, m2, head, p1: p1.id as string, p2: p2.id as string };
  }

  async function type(who: Awaited<ReturnType<typeof t.signIn>>, pileId: string, pass: 1 | 2, ballots: Ballot[], from = 0) {
    for (const [k, ballot] of ballots.entries()) {
      const i = from + k;
      const res = await t.call('POST', `/api/piles/${pileId}/passes/${pass}/ballots`, { id: `e-${pileId}-${pass}-${i}`, ballot }, { as: who });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  }

  const votesOf = (ballots: Ballot[]) => {
    const counted = countRecord({ ...record, ballotsIssued: 25, ballotsCollected: ballots.length, ballots });
    if (!counted.ok) throw new Error(counted.error.en);
    return counted.value.candidates.map((c) => c.votes);
  };

  it('lists exactly the three differences, and the rulings change the official tally', async () => {
    const { roundId, m1, m2, head, p1, p2 } = await setUp();
    await type(m1, p1, 1, pile1);
    await type(m2, p1, 2, slipped);
    await type(m2, p2, 1, pile2);
    await type(m1, p2, 2, pile2);

    const diffs = await t.call('GET', `/api/piles/${p1}/differences`, undefined, { as: head });
    expect(diffs.status).toBe(200);
    expect(diffs.body.differences).toEqual([
      { position: 3, first: pile1[2], second: { struck: [1, 3, 8] }, resolution: null },
      { position: 7, first: pile1[6], second: { invalid: 'marked' }, resolution: null },
      { position: 10, first: pile1[9], second: { struck: [1, 7, 9, 11] }, resolution: null },
    ]);
    expect(await unresolvedDifferences(t.database.db, roundId)).toEqual([{ pile: 1, position: 3 }, { pile: 1, position: 7 }, { pile: 1, position: 10 }]);

    // Meanwhile only pile 2 counts, marked provisional.
    let tally = await t.call('GET', `/api/rounds/${roundId}/tally`);
    expect(tally.body.provisional).toBe(true);
    expect(tally.body.result.candidates.map((c: { votes: number }) => c.votes)).toEqual(votesOf(pile2));
    expect(tally.body.entry.reconciliation).toMatchObject({ piles: 2, settledPiles: 1, counted: 8, unresolvedDifferences: 3 });

    // The head reads the paper: positions 3 and 7 as first typed; position 10 is neither entry.
    const onPaper10: Ballot = { struck: [1, 7, 9, 12, 15] };
    for (const [position, ballot] of [[3, pile1[2]], [7, pile1[6]], [10, onPaper10]] as const) {
      const res = await t.call('POST', `/api/piles/${p1}/differences/${position}/resolution`, { ballot, reason: `đối chiếu phiếu giấy số ${position}` }, { as: head });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    tally = await t.call('GET', `/api/rounds/${roundId}/tally`);
    const official = [...pile1.slice(0, 9), onPaper10, ...pile1.slice(10), ...pile2];
    expect(tally.body.result.candidates.map((c: { votes: number }) => c.votes)).toEqual(votesOf(official));
    expect(votesOf(official)).not.toEqual(votesOf(paper));
    expect(tally.body.result.ballots).toMatchObject({ collected: 20, valid: 20 });
    expect(tally.body.entry.reconciliation).toMatchObject({ settledPiles: 2, counted: 20, differences: 3, resolvedDifferences: 3, unresolvedDifferences: 0, reconciled: true });

    const closed = await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' }, { as: head });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const record2 = await t.call('GET', `/api/rounds/${roundId}/record`, undefined, { as: head });
    expect(record2.body.ballots).toEqual(official);
    expect(record2.body.reconciled).toBeUndefined();

    // Too few ballots for anyone to pass the threshold: the congress stops, and the head certifies.
    const certified = await t.call('POST', `/api/rounds/${roundId}/certify`, { passphrase: PASSPHRASE, stop: true, decision: 'Đại hội quyết định dừng' }, { as: head });
    expect(certified.status, JSON.stringify(certified.body)).toBe(201);
    const minutes = await t.app.request(`/print/rounds/${roundId}/minutes`);
    expect(await minutes.text()).toContain('Phiếu bầu được hai người khác nhau nhập vào máy tính hai lần, độc lập, theo 2 xấp phiếu; 3 chỗ khác nhau giữa hai lần nhập đã được Trưởng ban đối chiếu với phiếu giấy.');

    const audit = await t.call('GET', '/api/audit', undefined, { as: head });
    const rulings = audit.body.filter((e: { action: string }) => e.action === 'pile.resolve');
    expect(rulings.map((e: { actor: string; after: { reason: string } }) => e.after.reason)).toEqual(['đối chiếu phiếu giấy số 3', 'đối chiếu phiếu giấy số 7', 'đối chiếu phiếu giấy số 10']);
    expect((await t.call('GET', '/api/audit/verify', undefined, { as: head })).body).toMatchObject({ ok: true });
  });

  it('refuses one member typing both entries of a pile, and hides the other entry from them', async () => {
    const { m1, m2, p1 } = await setUp();
    await type(m1, p1, 1, pile1.slice(0, 2));
    const both = await t.call('POST', `/api/piles/${p1}/passes/2/ballots`, { id: 'same-hand-0001', ballot: pile1[0] }, { as: m1 });
    expect(both.status).toBe(403);
    expect(both.body.error).toMatchObject({ code: 'both_passes', en: 'you entered entry 1 of pile 1: entry 2 must be typed by another member' });
    const taken = await t.call('POST', `/api/piles/${p1}/passes/1/ballots`, { id: 'other-hand-001', ballot: pile1[2] }, { as: m2 });
    expect(taken.body.error.code).toBe('pass_taken');
    const peek = await t.call('GET', `/api/piles/${p1}/passes/1/ballots`, undefined, { as: m2 });
    expect(peek.status).toBe(403);
    const own = await t.call('GET', `/api/piles/${p1}/passes/1/ballots`, undefined, { as: m1 });
    expect(own.body.entries.map((e: { position: number; ballot: Ballot }) => [e.position, e.ballot])).toEqual([[1, pile1[0]], [2, pile1[1]]]);
    expect(own.body.progress).toMatchObject({ entered: 2, declared: 12, next: 3 });
    const differences = await t.call('GET', `/api/piles/${p1}/differences`, undefined, { as: m2 });
    expect(differences.status).toBe(403);
  });

  it('blocks closing the count with a message naming the pile and why', async () => {
    const { roundId, m1, m2, head, p1, p2 } = await setUp();
    await type(m1, p1, 1, pile1);
    await type(m2, p1, 2, slipped);
    await type(m2, p2, 1, pile2);
    await type(m1, p2, 2, pile2.slice(0, 7));
    const close = () => t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' }, { as: head });
    let res = await close();
    expect(res.status).toBe(409);
    expect(res.body.error.en).toBe(
      'entry is not reconciled: pile 1: 3 difference(s) between the two entries await the head\'s ruling on the paper ballot; pile 2: entry 2 has 7 of 8 ballots',
    );
    expect(res.body.error.vi).toContain('xấp phiếu số 2: lần nhập 2 mới có 7/8 phiếu');

    // The eighth ballot of pile 2 is typed; a third pile would hold more than the 20 ballots collected: refused.
    await type(m1, p2, 2, pile2.slice(7), 7);
    const p3 = await t.call('POST', `/api/rounds/${roundId}/piles`, { id: 'pile-three-1', declared: 1 }, { as: m1 });
    expect(p3.status).toBe(409);
    expect(p3.body.error).toMatchObject({ code: 'piles_over_collected', field: 'declared', en: 'The piles already declare 20 ballots of the 20 collected: this pile may hold at most 0. Count the pile again or correct the ballots collected' });
    for (const position of [3, 7, 10]) {
      await t.call('POST', `/api/piles/${p1}/differences/${position}/resolution`, { ballot: pile1[position - 1], reason: 'phiếu giấy' }, { as: head });
    }
    const summary = await t.call('GET', `/api/rounds/${roundId}/entry`, undefined, { as: m1 });
    expect(summary.body.piles.map((p: { number: number; settled: boolean; differences: number }) => [p.number, p.settled, p.differences])).toEqual([[1, true, 3], [2, true, 0]]);
    expect(summary.body.reconciliation).toMatchObject({ declared: 20, collected: 20, resolvedDifferences: 3, reconciled: true });
    res = await close();
    expect(res.status).toBe(200);
  });

  it('declares a resent pile once, and lets only the head withdraw a pile nothing was typed in, logged (issues 15.7, 16)', async () => {
    const { roundId, m1, head, p1, p2 } = await setUp();
    await t.call('PATCH', `/api/rounds/${roundId}`, { ballotsCollected: 25 }, { as: head });
    // A double submit: the same id twice declares one pile; the same id for another count is refused.
    const first = await t.call('POST', `/api/rounds/${roundId}/piles`, { id: 'stray-pile-3', declared: 5 }, { as: m1 });
    const resent = await t.call('POST', `/api/rounds/${roundId}/piles`, { id: 'stray-pile-3', declared: 5 }, { as: m1 });
    expect([first.status, resent.status]).toEqual([201, 200]);
    expect(resent.body).toEqual(first.body);
    expect(first.body).toMatchObject({ number: 3, declared: 5 });
    expect((await t.call('POST', `/api/rounds/${roundId}/piles`, { id: 'stray-pile-3', declared: 6 }, { as: m1 })).body.error.code).toBe('pile_id_reused');
    // 12 + 8 + 5 of 25 collected: a fourth pile has no room.
    expect((await t.call('POST', `/api/rounds/${roundId}/piles`, { id: 'stray-pile-4', declared: 1 }, { as: m1 })).body.error.code).toBe('piles_over_collected');
    // Correcting a pile beyond the collected count is refused too.
    expect((await t.call('PATCH', `/api/piles/${p2}`, { declared: 9, reason: 'đếm lại' }, { as: head })).body.error.code).toBe('piles_over_collected');

    const stray = first.body.id as string;
    expect((await t.call('POST', `/api/piles/${stray}/withdraw`, { reason: 'khai nhầm' }, { as: m1 })).status).toBe(403);
    await type(m1, p1, 1, pile1.slice(0, 1));
    const typedIn = await t.call('POST', `/api/piles/${p1}/withdraw`, { reason: 'khai nhầm' }, { as: head });
    expect(typedIn.status).toBe(409);
    expect(typedIn.body.error.code).toBe('pile_has_entries');
    const withdrawn = await t.call('POST', `/api/piles/${stray}/withdraw`, { reason: 'Enter thừa, khai nhầm' }, { as: head });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toEqual({ roundId, number: 3 });
    const summary = await t.call('GET', `/api/rounds/${roundId}/entry`, undefined, { as: m1 });
    expect(summary.body.piles.map((p: { number: number }) => p.number)).toEqual([1, 2]);
    expect(summary.body.reconciliation).toMatchObject({ piles: 2, declared: 20 });
    const audit = await t.call('GET', '/api/audit', undefined, { as: head });
    expect(audit.body.find((e: { action: string }) => e.action === 'pile.withdraw')).toMatchObject({ entityId: stray, before: { number: 3, declared: 5 }, after: { reason: 'Enter thừa, khai nhầm' } });
    expect((await t.call('POST', `/api/piles/${stray}/withdraw`, { reason: 'lần nữa' }, { as: head })).status).toBe(404);
  });

  it('takes a retried entry once, refuses a pile beyond its declared count, and lets a typist correct by voiding', async () => {
    const { m1, p2 } = await setUp();
    await type(m1, p2, 1, pile2);
    const again = await t.call('POST', `/api/piles/${p2}/passes/1/ballots`, { id: `e-${p2}-1-0`, ballot: pile2[0] }, { as: m1 });
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    const ninth = await t.call('POST', `/api/piles/${p2}/passes/1/ballots`, { id: 'ninth-ballot-1', ballot: pile2[0] }, { as: m1 });
    expect(ninth.status).toBe(409);
    expect(ninth.body.error.code).toBe('pile_full');
    const voided = await t.call('POST', `/api/pile-entries/e-${p2}-1-4/void`, { reason: 'gõ nhầm' }, { as: m1 });
    expect(voided.status).toBe(200);
    const fixed = await t.call('POST', `/api/piles/${p2}/passes/1/ballots`, { id: 'fixed-ballot-5', ballot: { struck: [2, 4] }, position: 5 }, { as: m1 });
    expect(fixed.status).toBe(201);
    expect(fixed.body.progress).toMatchObject({ entered: 8, declared: 8, next: 9 });
    expect(fixed.body.entry.position).toBe(5);
  });

  it('lets the head free a pass its typist cannot finish, never to the typist of the other pass', async () => {
    const { m1, m2, head, p2 } = await setUp();
    await type(m1, p2, 1, pile2.slice(0, 3));
    await type(m2, p2, 2, pile2);
    const byMember = await t.call('POST', `/api/piles/${p2}/passes/1/release`, { reason: 'thành viên mệt, nghỉ' }, { as: m2 });
    expect(byMember.status).toBe(403);
    const released = await t.call('POST', `/api/piles/${p2}/passes/1/release`, { reason: 'thành viên mệt, nghỉ' }, { as: head });
    expect(released.body).toMatchObject({ pile: 2, pass: 1, voided: 3 });
    // The typist of entry 2 still may not take entry 1; the head (who typed neither) may.
    expect((await t.call('POST', `/api/piles/${p2}/passes/1/ballots`, { id: 'after-release-m2', ballot: pile2[0] }, { as: m2 })).body.error.code).toBe('both_passes');
    await type(head, p2, 1, pile2, 100);
    const summary = await t.call('GET', `/api/piles/${p2}/differences`, undefined, { as: head });
    expect(summary.body).toMatchObject({ entered: { first: 8, second: 8 }, waitingFor: [], differences: [] });
    const audit = await t.call('GET', '/api/audit', undefined, { as: head });
    expect(audit.body.find((e: { action: string }) => e.action === 'pile.release')).toMatchObject({ before: { pile: 2, pass: 1, entries: 3 }, after: { reason: 'thành viên mệt, nghỉ' } });
  });

  it('types a one-seat re-vote once, even after a round typed twice (issue 16: the documented rule)', async () => {
    t = await testApp();
    const ids = await t.setUpCongress({ convened: 5 });
    const candidates = [1, 2, 3].map((no) => ({ no, name: `Ứng Viên ${no}` }));
    const { electionId, roundId } = await t.electionFromRecord(
      { ...record, election: { ...record.election, kind: 'delegates', title: 'Bầu đoàn đại biểu', seats: 2, alternates: 0 }, candidates, ballotsIssued: 5, ballotsCollected: 5, ballots: [] },
      { entryMode: 'double' },
    );
    // 5 ballots, threshold 3: number 1 has 4 votes, numbers 2 and 3 tie on 3 for the last seat.
    const ballots: Ballot[] = [{ struck: [3] }, { struck: [2] }, { struck: [3] }, { struck: [2] }, { struck: [1] }];
    const m1 = await t.signIn(ids.memberIds[0], '3333');
    const m2 = await t.signIn(ids.memberIds[1], '4444');
    const pile = (await t.call('POST', `/api/rounds/${roundId}/piles`, { id: 'tie-pile-001', declared: 5 }, { as: m1 })).body.id as string;
    await type(m1, pile, 1, ballots);
    await type(m2, pile, 2, ballots);
    const head = await t.signIn(ids.headId, '2222');
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' }, { as: head })).status).toBe(200);
    const next = await t.call('POST', `/api/elections/${electionId}/rounds`, { decision: 'Đại hội quyết định bầu lại 1 chỗ giữa hai đồng chí bằng phiếu' }, { as: head });
    expect(next.body).toMatchObject({ number: 2, reason: 'tie', seats: 1 });
    expect((await t.call('GET', `/api/rounds/${next.body.id}/entry`, undefined, { as: head })).body.mode).toBe('single');
  });

  it('chooses the mode by the number of places, and keeps one-by-one entry for single-entry rounds only', async () => {
    t = await testApp();
    const ids = await t.setUpCongress();
    const created = async (seats: number, alternates: number) => {
      const e = (await t.call('POST', '/api/elections', { kind: seats === 1 ? 'secretary' : 'delegates', title: `Bầu ${seats}+${alternates}`, seats, alternates })).body;
      return (await t.call('GET', `/api/elections/${e.id}`)).body.rounds[0].id as string;
    };
    const many = await created(15, 0);
    const one = await created(1, 0);
    expect((await t.call('GET', `/api/rounds/${many}/entry`)).body.mode).toBe('double');
    expect((await t.call('GET', `/api/rounds/${one}/entry`)).body.mode).toBe('single');
    // 1 seat and 1 alternate: under the separate method (the default) the officials' ballot keeps one name.
    expect((await t.call('GET', `/api/rounds/${(await created(1, 1))}/entry`)).body.mode).toBe('single');
    expect((await t.call('GET', `/api/rounds/${(await created(2, 1))}/entry`)).body.mode).toBe('double');

    const { roundId } = await t.electionFromRecord(record, { entryMode: 'double' });
    const member = await t.signIn(ids.memberIds[0], '3333');
    const oneByOne = await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'single-entry-1', ballot: record.ballots[0] }, { as: member });
    expect(oneByOne.body.error.code).toBe('double_entry');
    const late = await t.call('PUT', `/api/rounds/${roundId}/entry-mode`, { mode: 'single' }, { as: ids.setup });
    expect(late.body.error.code).toBe('wrong_state');
  });
});
