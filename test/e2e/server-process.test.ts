import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLES, sample } from '../support/api.js';
import { HttpClient, memberWithOwnPin, runCli, startServerProcess, stopServerProcess, type ServerProcess } from '../support/process.js';

describe('the real server process', () => {
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await stopServerProcess(server);
  });

  it('takes the 166 ballots of the sample over HTTP and gives the result of `kiemphieu tally`', async () => {
    server = await startServerProcess(join(mkdtempSync(join(tmpdir(), 'kp-serve-')), 'k.sqlite'));
    const client = new HttpClient(server.url);
    const call = client.call.bind(client);
    const { record } = sample('executive-committee');
    const created = await call('POST', '/api/congress', { ...record.congress, secretary: { name: 'Thư ký kỹ thuật', pin: '1111' } });
    expect(created.status).toBe(201);
    const head = await memberWithOwnPin(client, { name: 'Trưởng ban', role: 'head', pin: '2222' });
    const member = await memberWithOwnPin(client, { name: 'Thành viên', role: 'member', pin: '3333' });
    const election = (await call('POST', '/api/elections', { kind: record.election.kind, title: record.election.title, seats: record.election.seats })).body;
    const roundId = (await call('GET', `/api/elections/${election.id}`)).body.rounds[0].id;
    expect((await call('POST', `/api/rounds/${roundId}/candidates/import`, { format: 'text', content: record.candidates.map((c) => `${c.no}. ${c.name}`).join('\r\n') })).status).toBe(201);
    await call('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: record.ballotsIssued, ballotsCollected: record.ballotsCollected });
    expect((await call('PUT', `/api/rounds/${roundId}/entry-mode`, { mode: 'single' })).status).toBe(200); // typed one by one here
    expect((await call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting' })).status).toBe(200);

    expect((await call('POST', '/api/session', { memberId: member.id, pin: '3333' })).status).toBe(201);
    for (const [i, ballot] of record.ballots.entries()) {
      const res = await call('POST', `/api/rounds/${roundId}/ballots`, { id: `process-${String(i).padStart(4, '0')}`, ballot });
      expect(res.status).toBe(201);
    }
    // A retry after a lost reply counts nothing.
    expect((await call('POST', `/api/rounds/${roundId}/ballots`, { id: 'process-0000', ballot: record.ballots[0] })).status).toBe(200);
    expect((await call('POST', '/api/session', { memberId: head.id, pin: '2222' })).status).toBe(201);
    expect((await call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' })).status).toBe(200);

    const tally = await call('GET', `/api/rounds/${roundId}/tally`);
    const { code, stdout } = await runCli(['tally', new URL('executive-committee.record.json', SAMPLES).pathname]);
    expect(code).toBe(0);
    expect(tally.body.result).toEqual(JSON.parse(stdout));
    expect(tally.body.reconciliation).toEqual({ entered: 166, collected: 166, issued: 166, reconciled: true });

    const malformed = await fetch(new URL('/%E0%A4%A', server.url));
    expect(malformed.status).toBe(404);
    expect((await call('GET', '/api/audit/verify')).body.ok).toBe(true);
  }, 120_000);
});
