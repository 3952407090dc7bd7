import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sample, testApp } from '../support/api.js';
import { runCli } from '../support/process.js';
import { enterBallots } from '../support/rounds.js';

/** What `kiemphieu tally FILE` prints for a record. */
async function cliTally(record: unknown): Promise<unknown> {
  const file = join(mkdtempSync(join(tmpdir(), 'kp-record-')), 'record.json');
  writeFileSync(file, JSON.stringify(record));
  const { code, stdout, stderr } = await runCli(['tally', file]);
  if (code !== 0) throw new Error(`kiemphieu tally exited ${code}: ${stderr}`);
  return JSON.parse(stdout);
}

describe('export and import of election records', () => {
  const apps: Awaited<ReturnType<typeof testApp>>[] = [];
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.close();
  });
  async function app() {
    const a = await testApp();
    apps.push(a);
    return a;
  }

  it('exports a counted round; importing it elsewhere tallies exactly as `kiemphieu tally` does', async () => {
    const t = await app();
    const { headId, memberIds } = await t.setUpCongress({ convened: 166, excluded: 2 });
    const { record } = sample('delegation');
    const { roundId } = await t.electionFromRecord(record);
    await t.signIn(memberIds[0], '3333');
    await enterBallots(t, roundId, record.ballots);
    // A typo voided and re-entered: the export carries only the counted ballot.
    await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'typo-ballot-1', ballot: { struck: [1, 2, 3] } });
    await t.call('POST', '/api/ballots/typo-ballot-1/void', { reason: 'nhập trùng' });
    await t.signIn(headId, '2222');
    await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' });

    const exported = await t.call('GET', `/api/rounds/${roundId}/record`);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="record-round-1.json"');
    expect(exported.body).toMatchObject({ format: 'kiemphieu/election-record@1', ballotsCollected: 165, election: { seats: 26, alternates: 2, round: 1 } });
    expect(exported.body.ballots).toHaveLength(165);
    expect(exported.body).not.toHaveProperty('reconciled');
    const fromCli = await cliTally(exported.body);
    expect(fromCli).toMatchObject(sample('delegation').result);
    expect((await t.call('GET', `/api/rounds/${roundId}/tally`)).body.result).toEqual(fromCli);

    const other = await app();
    const otherCommittee = await other.setUpCongress({ convened: 166, excluded: 2 });
    await other.signIn(otherCommittee.headId, '2222');
    const imported = await other.call('POST', '/api/elections/import', exported.body);
    expect(imported.status).toBe(201);
    const tally = await other.call('GET', `/api/rounds/${imported.body.roundId}/tally`);
    expect(tally.body).toMatchObject({ provisional: false, round: { state: 'counted' } });
    expect(tally.body.result).toEqual(fromCli);
    expect((await other.call('GET', `/api/rounds/${imported.body.roundId}/record`)).body).toEqual(exported.body);
  });

  it('imports an unreconciled record as still counting, and refuses a record of another congress or a broken one', async () => {
    const t = await app();
    const { headId } = await t.setUpCongress();
    await t.signIn(headId, '2222');
    const { record } = sample('executive-committee');
    const short = { ...record, ballots: record.ballots.slice(0, 150), reconciled: false };
    const imported = await t.call('POST', '/api/elections/import', short);
    expect(imported.status).toBe(201);
    const tally = (await t.call('GET', `/api/rounds/${imported.body.roundId}/tally`)).body;
    expect(tally).toMatchObject({ provisional: true, round: { state: 'counting' }, reconciliation: { entered: 150, collected: 166, reconciled: false }, result: { reconciled: false } });
    expect(tally.result).toEqual(await cliTally(short));

    const other = await t.call('POST', '/api/elections/import', { ...record, congress: { ...record.congress, convened: 200 } });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('other_congress');
    const unknown = await t.call('POST', '/api/elections/import', { ...record, ballots: [{ struck: [99] }, ...record.ballots.slice(1)] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe('ballots[0].struck[0]');
    expect((await t.call('POST', '/api/elections/import', { ...record, format: 'other' })).status).toBe(400);
    expect((await t.call('GET', '/api/elections')).body).toHaveLength(1);
  });
});

describe('the audit log', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  afterEach(async () => t.close());

  it('chains every change and detects an entry altered behind the software’s back', async () => {
    t = await testApp();
    const { memberIds } = await t.setUpCongress();
    const { roundId } = await t.electionFromRecord(sample('secretary').record);
    await t.signIn(memberIds[0], '3333');
    await enterBallots(t, roundId, sample('secretary').record.ballots.slice(0, 5));
    const log = (await t.call('GET', '/api/audit')).body;
    expect(log.map((e: { action: string }) => e.action).slice(0, 4)).toEqual(['congress.create', 'member.add', 'congress.key', 'member.sign_in', 'member.add'].slice(0, 4));
    expect(log[1].prevHash).toBe(log[0].hash);
    expect((await t.call('GET', '/api/audit?afterSeq=3&limit=2')).body.map((e: { seq: number }) => e.seq)).toEqual([4, 5]);
    const ok = (await t.call('GET', '/api/audit/verify')).body;
    expect(ok).toEqual({ ok: true, entries: log.length, head: log.at(-1).hash });

    const { sqlite } = t.database;
    const target = log.find((e: { action: string }) => e.action === 'ballot.enter');
    // The database itself refuses to change the log or remove a ballot.
    expect(() => sqlite.prepare("UPDATE audit SET actor = 'x' WHERE seq = ?").run(target.seq)).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM ballot').run()).toThrow(/never deleted/);
    expect(() => sqlite.prepare("UPDATE ballot SET content = '{\"marks\":{}}'").run()).toThrow(/never changed/);
    // Someone drops the trigger and rewrites one ballot's entry: the chain breaks at that entry.
    sqlite.exec('DROP TRIGGER audit_no_update');
    sqlite.prepare('UPDATE audit SET after = ? WHERE seq = ?').run(JSON.stringify({ ...target.after, ballot: { marks: { '1': 'disagree' } } }), target.seq);
    const broken = (await t.call('GET', '/api/audit/verify')).body;
    expect(broken).toEqual({ ok: false, entries: log.length, brokenAt: target.seq, reason: 'hash does not match the entry' });
  });
});
