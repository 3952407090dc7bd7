import { PASSPHRASE } from '../support/certify.js';
import SQLite from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpClient, openElection, setUpOverHttp, startServerProcess, stopServerProcess, type ServerProcess } from '../support/process.js';

/**
 * Someone with the database file in hand (issue 14.8): drops the triggers that guard the ballots,
 * changes ballots of a certified round, recreates the triggers exactly as they were, and inserts a
 * ballot into a round still being counted (no trigger stands in the way of that). The audit check at
 * start and GET /api/audit/verify name every row, and the certified round no longer matches its
 * signed results file.
 */
describe('ballot rows edited outside the software', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kp-tamper-'));
  let server: ServerProcess | null = null;
  afterAll(async () => {
    await stopServerProcess(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('are found and named at start and by the audit check', async () => {
    const dbPath = join(dir, 'k.sqlite');
    server = await startServerProcess(dbPath);
    const setup = new HttpClient(server.url);
    const { memberIds, headId, roundId } = await setUpOverHttp(setup, { candidates: 4, seats: 3, collected: 10 });
    const member = new HttpClient(server.url);
    await member.signIn(memberIds[0], '3333');
    for (let i = 0; i < 10; i++) {
      expect((await member.call('POST', `/api/rounds/${roundId}/ballots`, { id: `certified-${i}`, ballot: { struck: [4] } })).status).toBe(201);
    }
    const head = new HttpClient(server.url);
    await head.signIn(headId, '2222');
    expect((await head.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' })).status).toBe(200);
    const certified = await head.call('POST', `/api/rounds/${roundId}/certify`, { passphrase: PASSPHRASE });
    expect(certified.status, JSON.stringify(certified.body)).toBe(201);
    const open = await openElection(setup, { candidates: 4, seats: 3, collected: 10, title: 'Bầu lượt hai' });
    expect((await member.call('POST', `/api/rounds/${open}/ballots`, { id: 'counting-0', ballot: { struck: [1] } })).status).toBe(201);
    const clean = await head.call('GET', '/api/audit/verify');
    expect(clean.body).toMatchObject({ ok: true, chainOk: true, ballots: { checked: 11, problems: [] }, certified: [{ roundId, matches: true }] });
    await stopServerProcess(server);
    server = null;

    // The file, edited by hand.
    const file = new SQLite(dbPath);
    const guards = file.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'ballot'").all() as { name: string; sql: string }[];
    expect(guards.length).toBeGreaterThan(0);
    for (const g of guards) file.exec(`DROP TRIGGER ${g.name}`);
    file.prepare("UPDATE ballot SET content = ? WHERE id IN ('certified-1', 'certified-2', 'certified-3')").run(JSON.stringify({ struck: [1] }));
    file.prepare("UPDATE ballot SET entered_by = ? WHERE id = 'certified-4'").run(headId);
    for (const g of guards) file.exec(g.sql);
    file.prepare('INSERT INTO ballot (id, round_id, content, entered_by, entered_at) VALUES (?, ?, ?, ?, ?)').run('slipped-in-1', open, JSON.stringify({ struck: [2] }), memberIds[0], new Date().toISOString());
    expect(file.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'ballot'").pluck().get()).toBe(guards.length);
    file.close();

    server = await startServerProcess(dbPath);
    const stderr = server.stderr();
    expect(stderr).toContain('AUDIT CHECK FAILED');
    for (const id of ['certified-1', 'certified-2', 'certified-3', 'certified-4', 'slipped-in-1']) expect(stderr).toContain(id);
    expect(stderr).toContain('differ from those in the signed results file');

    const reader = new HttpClient(server.url);
    await reader.signIn(headId, '2222');
    const check = (await reader.call('GET', '/api/audit/verify')).body;
    expect(check.ok).toBe(false);
    // The chain itself is intact: only the ties between ballots and their entries show the edit.
    expect(check.chainOk).toBe(true);
    const named = Object.fromEntries(check.ballots.problems.map((p: { id: string; problem: string }) => [p.id, p.problem]));
    expect(named).toEqual({ 'certified-1': 'content_changed', 'certified-2': 'content_changed', 'certified-3': 'content_changed', 'certified-4': 'row_changed', 'slipped-in-1': 'not_in_audit' });
    expect(check.certified).toEqual([expect.objectContaining({ roundId, matches: false })]);
  }, 120_000);
});
