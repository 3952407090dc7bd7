import { PASSPHRASE } from '../support/certify.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp } from '../support/api.js';
import { enterBallots, times } from '../support/rounds.js';

type T = Awaited<ReturnType<typeof testApp>>;

/**
 * Technical staff (Điều 8): they type ballots, single or double entry, under the same rules as the
 * counting members, and nothing else; on the minutes they are named apart, never as members.
 */
describe('technical staff', () => {
  let t: T;
  let ids: Awaited<ReturnType<T['setUpCongress']>> & { staffId: string };
  beforeEach(async () => {
    t = await testApp();
    const congress = await t.setUpCongress({ convened: 9 });
    const staff = await t.call('POST', '/api/members', { name: 'Nguyễn Văn Kỹ', role: 'staff', pin: '6666' });
    t.ownersChosePins();
    expect(staff.status).toBe(201);
    ids = { ...congress, staffId: staff.body.id };
  });
  afterEach(async () => t.close());

  async function secretaryRound(mode: 'single' | 'double') {
    await t.signIn(ids.setupId, '1111');
    const e = (await t.call('POST', '/api/elections', { kind: 'secretary', title: 'Bầu Bí thư', seats: 1 })).body;
    const roundId = (await t.call('GET', `/api/elections/${e.id}`)).body.rounds[0].id as string;
    await t.call('POST', `/api/rounds/${roundId}/candidates`, { names: ['Nguyễn Quang Hùng'] });
    await t.call('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: 9, ballotsCollected: 9 });
    await t.call('PUT', `/api/rounds/${roundId}/entry-mode`, { mode });
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting' })).status).toBe(200);
    return roundId;
  }

  it('types ballots and corrects them, but reads no record or log and moves no round', async () => {
    const roundId = await secretaryRound('single');
    const staff = await t.signIn(ids.staffId, '6666');
    await enterBallots(t, roundId, times(8, { marks: { '1': 'agree' } }));
    const slip = await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'staff-slip-01', ballot: { marks: { '1': 'disagree' } } });
    expect(slip.status).toBe(201);
    expect((await t.call('POST', '/api/ballots/staff-slip-01/void', { reason: 'gõ nhầm' })).status).toBe(200);
    await enterBallots(t, roundId, [{ marks: { '1': 'both' } }], 'staff-fix');
    for (const [method, path] of [
      ['GET', `/api/rounds/${roundId}/record`],
      ['GET', `/api/rounds/${roundId}/ballots`],
      ['GET', '/api/audit'],
      ['POST', `/api/rounds/${roundId}/transition`],
      ['PATCH', `/api/rounds/${roundId}`],
      ['PUT', `/api/rounds/${roundId}/attendance`],
    ]) {
      const res = await t.call(method, path, method === 'GET' ? undefined : { to: 'counted', ballotsIssued: 9, present: 9 }, { as: staff });
      expect([path, res.status]).toEqual([path, 403]);
    }
    const head = await t.signIn(ids.headId, '2222');
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' })).status).toBe(200);
    expect((await t.call('POST', `/api/rounds/${roundId}/certify`, { passphrase: PASSPHRASE }, { as: head })).status).toBe(201);

    // The signed file names the committee (head, members) and the staff apart; the minutes say "Ủy viên".
    const file = JSON.parse(await (await t.app.request(`/api/rounds/${roundId}/results-file`, { headers: { Cookie: head.cookie } })).text());
    expect(file.certification.committee.map((m: { role: string }) => m.role)).toEqual(['head', 'member', 'member']);
    expect(file.certification.staff).toEqual([{ name: 'Nguyễn Văn Kỹ' }]);
    const minutes = await (await t.app.request(`/print/rounds/${roundId}/minutes`)).text();
    expect(minutes).toContain('Thành viên Một — Ủy viên');
    expect(minutes).toContain('Nhân viên kỹ thuật giúp Ban kiểm phiếu nhập phiếu (không phải thành viên Ban kiểm phiếu): đồng chí Nguyễn Văn Kỹ');
    expect(minutes.match(/class="signature"/gu)).toHaveLength(3);
    expect(minutes).not.toContain('Nguyễn Văn Kỹ</p></div>');
  });

  it('types a pass of a pile under double entry, and is refused the other pass of the same pile like any member', async () => {
    const roundId = await secretaryRound('double');
    await t.signIn(ids.memberIds[0], '3333');
    const pile = (await t.call('POST', `/api/rounds/${roundId}/piles`, { id: 'pile-staff-1', declared: 2 })).body;
    await t.signIn(ids.staffId, '6666');
    expect((await t.call('POST', `/api/rounds/${roundId}/piles`, { id: 'pile-staff-2', declared: 2 })).status).toBe(403);
    const first = await t.call('POST', `/api/piles/${pile.id}/passes/1/ballots`, { id: 'staff-pass-1a', ballot: { marks: { '1': 'agree' } } });
    expect(first.status).toBe(201);
    const other = await t.call('POST', `/api/piles/${pile.id}/passes/2/ballots`, { id: 'staff-pass-2a', ballot: { marks: { '1': 'agree' } } });
    expect([other.status, other.body.error.code]).toEqual([403, 'both_passes']);
  });
});
