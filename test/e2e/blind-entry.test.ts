import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpClient, startServerProcess, stopServerProcess, type ServerProcess, memberWithOwnPin } from '../support/process.js';

/** Pass 1's ballots: struck lists no other ballot of the test has, to look for in every answer. */
const SECRET = [
  { struck: [2, 4, 6, 8] },
  { struck: [1, 3, 5, 7] },
];
const leaks = (body: unknown): boolean => {
  const text = JSON.stringify(body);
  return text.includes('[2,4,6,8]') || text.includes('[1,3,5,7]');
};

/**
 * Blind double entry against the real server (issue 14.2): the typist of pass 2, and the head, read
 * nothing of pass 1's ballots by any route, the audit log included, until the pile is compared.
 */
describe('blind double entry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kp-blind-'));
  let server: ServerProcess | null = null;
  afterAll(async () => {
    await stopServerProcess(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it("hides one pass's ballots from everyone who did not type them until both passes are complete", async () => {
    server = await startServerProcess(join(dir, 'k.sqlite'));
    const setup = new HttpClient(server.url);
    expect((await setup.call('POST', '/api/congress', { name: 'Đại hội thử', kind: 'delegates', convened: 100, secretary: { name: 'Thư ký', pin: '1111' } })).status).toBe(201);
    const member = async (name: string, role: 'head' | 'member', pin: string) => (await memberWithOwnPin(setup, { name, role, pin })).id;
    const [headId, aId, bId] = [await member('Trưởng ban', 'head', '2222'), await member('Thành viên A', 'member', '3333'), await member('Thành viên B', 'member', '4444')];
    const election = (await setup.call('POST', '/api/elections', { kind: 'executive_committee', title: 'Bầu Ban Chấp hành', seats: 7, alternates: 0 })).body;
    const roundId = (await setup.call('GET', `/api/elections/${election.id}`)).body.rounds[0].id as string;
    await setup.call('POST', `/api/rounds/${roundId}/candidates`, { names: Array.from({ length: 9 }, (_, i) => `Ứng viên ${i + 1}`) });
    await setup.call('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: 100, ballotsCollected: 100 });
    const opened = await setup.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);

    const [head, a, b] = [new HttpClient(server.url), new HttpClient(server.url), new HttpClient(server.url)];
    await head.signIn(headId, '2222');
    await a.signIn(aId, '3333');
    await b.signIn(bId, '4444');
    const pile = (await a.call('POST', `/api/rounds/${roundId}/piles`, { id: 'blind-pile-1', declared: 3 })).body;
    expect(pile.id).toBeTruthy();
    for (const [i, ballot] of SECRET.entries()) {
      expect((await a.call('POST', `/api/piles/${pile.id}/passes/1/ballots`, { id: `pass1-entry-${i}`, position: i + 1, ballot })).status).toBe(201);
    }
    // A types a third ballot by mistake and voids it: the void's entry carries the ballot too.
    expect((await a.call('POST', `/api/piles/${pile.id}/passes/1/ballots`, { id: 'pass1-entry-x', position: 3, ballot: { struck: [1, 3, 5, 7] } })).status).toBe(201);
    const entries = (await a.call('GET', `/api/piles/${pile.id}/passes/1/ballots`)).body.entries;
    const wrong = entries.find((e: { position: number }) => e.position === 3);
    expect((await a.call('POST', `/api/pile-entries/${wrong.id}/void`, { reason: 'nhầm' })).status).toBe(200);
    expect((await a.call('POST', `/api/piles/${pile.id}/passes/1/ballots`, { id: 'pass1-entry-3', position: 3, ballot: { struck: [9] } })).status).toBe(201);
    expect((await b.call('POST', `/api/piles/${pile.id}/passes/2/ballots`, { id: 'pass2-entry-0', position: 1, ballot: { struck: [9] } })).status).toBe(201);

    // A sees its own pass, in the audit log too.
    expect(leaks((await a.call('GET', '/api/audit')).body)).toBe(true);
    const routes = [
      '/api/audit',
      '/api/audit?entityId=pass1-entry-0',
      `/api/audit?entityId=${wrong.id}`,
      `/api/piles/${pile.id}/passes/1/ballots`,
      `/api/piles/${pile.id}/differences`,
      `/api/rounds/${roundId}/ballots?includeVoid=true`,
      `/api/rounds/${roundId}/entry`,
      `/api/rounds/${roundId}/tally`,
      `/api/rounds/${roundId}/record`,
      `/api/elections/${election.id}`,
      '/print/summary',
    ];
    for (const reader of [b, head, setup]) {
      for (const path of routes) {
        const res = await reader.call('GET', path);
        expect(leaks(res.body), `${path} (${res.status})`).toBe(false);
      }
    }
    expect((await b.call('GET', `/api/piles/${pile.id}/passes/1/ballots`)).status).toBe(403);
    expect((await head.call('GET', `/api/piles/${pile.id}/passes/1/ballots`)).status).toBe(403);
    const hidden = (await b.call('GET', '/api/audit')).body.filter((e: { action: string }) => e.action === 'pile.enter' || e.action === 'pile.void');
    expect(hidden.filter((e: { actor: string }) => e.actor === aId).every((e: { after: { hidden?: boolean }; before: { hidden?: boolean } | null }) => (e.after?.hidden ?? e.before?.hidden) === true)).toBe(true);
    // The chain is still checked over the entries as stored.
    expect((await b.call('GET', '/api/audit/verify')).body.ok).toBe(true);

    // B completes pass 2: the pile is compared, and both passes are open to every member.
    for (const position of [2, 3]) {
      expect((await b.call('POST', `/api/piles/${pile.id}/passes/2/ballots`, { id: `pass2-entry-${position}`, position, ballot: { struck: [9] } })).status).toBe(201);
    }
    expect(leaks((await b.call('GET', '/api/audit')).body)).toBe(true);
    expect(leaks((await b.call('GET', `/api/piles/${pile.id}/passes/1/ballots`)).body)).toBe(true);
    expect(leaks((await head.call('GET', `/api/piles/${pile.id}/differences`)).body)).toBe(true);
  }, 120_000);
});
