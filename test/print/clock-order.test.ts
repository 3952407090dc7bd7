import { describe, expect, it } from 'vitest';
import { clockWentBack } from '../../src/print/clock-order.js';
import { testApp } from '../support/api.js';
import { PASSPHRASE } from '../support/certify.js';

describe('clockWentBack', () => {
  it.each([
    { times: ['2026-11-27T08:00:00Z', '2026-11-27T09:30:00Z', '2026-11-27T09:45:00Z'], back: false },
    { times: ['2026-11-27T08:00:00Z', '2026-11-27T08:00:00Z'], back: false },
    { times: [null, '2026-11-27T09:30:00Z', '2026-11-27T09:45:00Z'], back: false },
    { times: ['2040-03-01T08:00:00Z', '2026-11-27T09:30:00Z', '2026-11-27T09:45:00Z'], back: true },
    { times: ['2026-11-27T08:00:00Z', '2026-11-27T09:30:00Z', '2026-11-27T09:29:59Z'], back: true },
    { times: ['2026-11-27T08:00:00Z', null, '2026-11-27T07:00:00Z'], back: true },
    { times: [], back: false },
  ])('$times → $back', ({ times, back }) => expect(clockWentBack(times)).toBe(back));
});

describe('the minutes of a count during which the clock was set back', () => {
  it('say that the clock was set back, beside the start time that comes after the end', async () => {
    const t = await testApp();
    const { headId } = await t.setUpCongress({ convened: 3 });
    const election = (await t.call('POST', '/api/elections', { kind: 'executive_committee', title: 'Bầu Ban Chấp hành', seats: 10, alternates: 0 })).body;
    const roundId = (await t.call('GET', `/api/elections/${election.id}`)).body.rounds[0].id as string;
    await t.call('POST', `/api/rounds/${roundId}/candidates`, { names: Array.from({ length: 11 }, (_, i) => `Ứng viên ${i + 1}`) });
    await t.call('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: 3, ballotsCollected: 3 });
    await t.call('PUT', `/api/rounds/${roundId}/entry-mode`, { mode: 'single' });
    // The count opens under a clock two hours ahead, which is set right during the count.
    t.advance(2 * 3_600_000);
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting' })).status).toBe(200);
    t.advance(-2 * 3_600_000);
    await t.signIn(headId, '2222');
    for (let i = 0; i < 3; i++) expect((await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: `ballot-${i}`, ballot: { struck: [11] } })).status).toBe(201);
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' })).status).toBe(200);
    expect((await t.call('POST', `/api/rounds/${roundId}/certify`, { passphrase: PASSPHRASE })).status).toBe(201);
    const minutes = await t.call('GET', `/print/rounds/${roundId}/minutes`);
    expect(minutes.status).toBe(200);
    const text = String(minutes.body).replace(/<[^>]+>/gu, '');
    expect(text).toMatch(/Bắt đầu kiểm phiếu lúc 17 giờ 00 phút.*kết thúc lúc 15 giờ 00 phút/su);
    expect(text).toContain('đồng hồ của máy tính đã được chỉnh lùi trong khi kiểm phiếu');
    await t.close();
  });
});
