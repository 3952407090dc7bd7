import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLES, sample } from '../support/api.js';

const BIN = new URL('../../bin/kiemphieu.js', import.meta.url).pathname;

/** Starts `kiemphieu serve` on a fresh database and an ephemeral port; resolves with the URL it prints. */
function startServer(): Promise<{ child: ChildProcess; url: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'kp-serve-'));
  const child = spawn(process.execPath, [BIN, 'serve', '--db', join(dir, 'k.sqlite'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      const url = /Open (http:\/\/127\.0\.0\.1:(\d+)\/)/u.exec(out);
      if (url && url[2] !== '0') resolve({ child, url: url[1], dir });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}${err}`)));
  });
}

/** A fetch client that keeps the session cookie and sends the CSRF token, as the pages do. */
function client(base: string) {
  let cookie = '';
  let csrf = '';
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(new URL(path, base), {
      method,
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    const set = res.headers.get('set-cookie');
    if (set && json.csrfToken) {
      cookie = set.split(';')[0];
      csrf = json.csrfToken;
    }
    return { status: res.status, body: json };
  };
}

describe('the real server process', () => {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  afterAll(async () => {
    const child = server?.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });

  it('takes the 166 ballots of the sample over HTTP and gives the result of `kiemphieu tally`', async () => {
    server = await startServer();
    const call = client(server.url);
    const { record } = sample('executive-committee');
    const created = await call('POST', '/api/congress', { ...record.congress, secretary: { name: 'Thư ký kỹ thuật', pin: '1111' } });
    expect(created.status).toBe(201);
    const head = (await call('POST', '/api/members', { name: 'Trưởng ban', role: 'head', pin: '2222' })).body;
    const member = (await call('POST', '/api/members', { name: 'Thành viên', role: 'member', pin: '3333' })).body;
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
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'tally', new URL('executive-committee.record.json', SAMPLES).pathname]);
    expect(tally.body.result).toEqual(JSON.parse(stdout));
    expect(tally.body.reconciliation).toEqual({ entered: 166, collected: 166, issued: 166, reconciled: true });

    const malformed = await fetch(new URL('/%E0%A4%A', server.url));
    expect(malformed.status).toBe(404);
    expect((await call('GET', '/api/audit/verify')).body.ok).toBe(true);
  }, 120_000);
});
