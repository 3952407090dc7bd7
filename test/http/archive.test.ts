import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';
import { testApp } from '../support/api.js';
import { HttpClient, setUpOverHttp } from '../support/process.js';

describe('POST /api/archive', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiemphieu-archive-'));
  let server: RunningServer | null = null;
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the archive folder beside the database for the technical secretary, logged with who', async () => {
    server = await startServer({ dbPath: join(dir, 'k.sqlite'), port: 0, host: '127.0.0.1' });
    const base = server.url.replace(/\/$/u, '');
    const setup = new HttpClient(base);
    const { headId, memberIds, roundId } = await setUpOverHttp(setup, { candidates: 5, seats: 4, collected: 3 });
    const member = new HttpClient(base);
    await member.signIn(memberIds[0], '3333');
    for (const [i, struck] of [[1], [2, 3], []].entries()) {
      expect((await member.call('POST', `/api/rounds/${roundId}/ballots`, { id: `archive-ballot-${i}`, ballot: { struck } })).status).toBe(201);
    }

    // Counted and certified by the head: a backup follows at once, and the archive holds the signed file and the minutes.
    const head = new HttpClient(base);
    await head.signIn(headId, '2222');
    expect((await head.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' })).status).toBe(200);
    const certify = await head.call('POST', `/api/rounds/${roundId}/certify`, { decision: 'Đại hội quyết định không bầu bổ sung', stop: true });
    expect(certify.status, JSON.stringify(certify.body)).toBe(201);
    const signed = await fetch(`${base}/api/rounds/${roundId}/results-file`, { headers: { Cookie: head.cookie } }).then((r) => r.text());
    const backups = join(dir, 'backups');
    const certifiedBackups = () => (existsSync(backups) ? readdirSync(backups).filter((f) => f.endsWith('-certified-election1-round1.sqlite')) : []);
    await expect.poll(certifiedBackups, { timeout: 10_000 }).toHaveLength(1);

    expect((await member.call('POST', '/api/archive')).status).toBe(403);
    const res = await setup.call('POST', '/api/archive');
    expect(res.status).toBe(201);
    expect(res.body.dir.startsWith(join(dir, 'archives'))).toBe(true);
    const paths = res.body.files.map((f: { path: string }) => f.path);
    expect(paths).toEqual([
      'audit.jsonl',
      'election-01-executive_committee/round-1.minutes.html',
      'election-01-executive_committee/round-1.record.json',
      'election-01-executive_committee/round-1.results-file.json',
      'election-01-executive_committee/round-1.tally.json',
      'kiemphieu.sqlite',
      'print.css',
    ]);
    expect(readFileSync(join(res.body.dir, 'election-01-executive_committee/round-1.results-file.json'), 'utf8')).toBe(signed);
    expect(readFileSync(join(res.body.dir, 'election-01-executive_committee/round-1.minutes.html'), 'utf8')).toContain('href="../print.css"');
    const record = JSON.parse(readFileSync(join(res.body.dir, 'election-01-executive_committee/round-1.record.json'), 'utf8'));
    expect(record.ballots).toEqual([{ struck: [1] }, { struck: [2, 3] }, { struck: [] }]);
    const tally = JSON.parse(readFileSync(join(res.body.dir, 'election-01-executive_committee/round-1.tally.json'), 'utf8'));
    // Keeping all five names on a ballot for four places makes it invalid (too many).
    expect(tally.result.candidates.map((c: { votes: number }) => c.votes)).toEqual([1, 1, 1, 2, 2]);
    expect(tally.result.ballots.invalidByReason).toEqual({ too_many: 1 });
    const last = JSON.parse(readFileSync(join(res.body.dir, 'audit.jsonl'), 'utf8').trim().split('\n').at(-1) as string);
    expect(last).toMatchObject({ action: 'congress.archive', actor: (await setup.call('GET', '/api/session')).body.member.id });
    expect(existsSync(join(res.body.dir, 'manifest.json'))).toBe(true);
  });

  it('has nothing to archive on a server without a database file', async () => {
    const t = await testApp();
    await t.setUpCongress();
    const res = await t.call('POST', '/api/archive');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('no_database_file');
    await t.close();
  });
});
