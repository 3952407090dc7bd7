import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from '../support/api.js';
import type { RoundChange } from '../../src/http/events.js';

/** Live updates come from the audit log, for every change: none is published by hand in a route. */
describe('live updates', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  afterEach(async () => t.close());

  it("are published for every change a round's pages show, candidate edits and the entry mode included", async () => {
    t = await testApp();
    const heard: [string, RoundChange][] = [];
    t.events.subscribe((roundId, change) => heard.push([roundId, change]));
    const { memberIds } = await t.setUpCongress();
    const e = (await t.call('POST', '/api/elections', { kind: 'executive_committee', title: 'Bầu Ban Chấp hành', seats: 3, alternates: 0 })).body;
    const roundId = (await t.call('GET', `/api/elections/${e.id}`)).body.rounds[0].id as string;
    const latest = async (request: () => Promise<{ status: number }>, status = 200) => {
      heard.length = 0;
      expect((await request()).status).toBe(status);
      return [...heard];
    };
    expect(await latest(() => t.call('POST', `/api/rounds/${roundId}/candidates`, { names: ['An', 'Bình', 'Chi', 'Dũng', 'Giang'] }), 201)).toEqual([[roundId, 'round']]);
    const candidates = (await t.call('GET', `/api/rounds/${roundId}/candidates`)).body;
    expect(await latest(() => t.call('PATCH', `/api/candidates/${candidates[1].id}`, { name: 'Bình Minh' }))).toEqual([[roundId, 'round']]);
    expect(await latest(() => t.call('DELETE', `/api/candidates/${candidates[3].id}`))).toEqual([[roundId, 'round']]);
    expect(await latest(() => t.call('PUT', `/api/rounds/${roundId}/entry-mode`, { mode: 'single' }))).toEqual([[roundId, 'round']]);
    expect(await latest(() => t.call('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: 10, ballotsCollected: 10 }))).toEqual([[roundId, 'round']]);
    expect(await latest(() => t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting' }))).toEqual([[roundId, 'round']]);
    await t.signIn(memberIds[0], '3333');
    expect(await latest(() => t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'live-ballot-1', ballot: { struck: [1] } }), 201)).toEqual([[roundId, 'ballots']]);
    // A retry changes nothing: nothing is published.
    expect(await latest(() => t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'live-ballot-1', ballot: { struck: [1] } }))).toEqual([]);
    expect(await latest(() => t.call('POST', '/api/ballots/live-ballot-1/void', { reason: 'nhầm' }))).toEqual([[roundId, 'ballots']]);
    // A refused change writes nothing and publishes nothing.
    expect(await latest(() => t.call('POST', '/api/ballots/live-ballot-1/void', { reason: 'lần nữa' }), 409)).toEqual([]);
  });
});
