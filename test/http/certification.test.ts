import { afterEach, describe, expect, it } from 'vitest';
import { canonicalize } from '../../src/results-file/canonical.js';
import { verifySignedResult } from '../../src/results-file/verify.js';
import { sample, testApp } from '../support/api.js';
import { certifiedFromRecord, countedFromRecord, PASSPHRASE } from '../support/certify.js';

describe('certifying a round', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  afterEach(async () => t.close());

  it('signs and keeps the results file: record, result, certification, audit head and the congress key', async () => {
    t = await testApp();
    const { record, result } = sample('executive-committee');
    const { roundId, fileText, certified } = await certifiedFromRecord(t, record);
    const file = JSON.parse(fileText);
    expect(file.format).toBe('kiemphieu/signed-result@1');
    expect(file.record.ballots).toHaveLength(166);
    expect(file.result).toMatchObject(result);
    expect(file.certification).toMatchObject({ certifiedBy: { name: 'Trưởng ban', role: 'head' }, decision: '', stopped: false });
    expect(file.certification.committee).toEqual([
      { name: 'Trưởng ban', role: 'head' },
      { name: 'Thành viên Một', role: 'member' },
      { name: 'Thành viên Hai', role: 'member' },
    ]);
    expect(fileText).toBe(canonicalize(file));
    expect((await verifySignedResult(fileText, { code: certified.shortCode })).kind).toBe('verified');

    const audit = (await t.call('GET', `/api/audit?entityId=${roundId}`)).body;
    const certify = audit.find((e: { action: string }) => e.action === 'round.certify');
    expect(certify.after.sha256).toBe(certified.sha256);
    expect(certify.prevHash).toBe(file.auditHead.hash);

    const facts = (await t.call('GET', `/api/rounds/${roundId}/certification`, undefined, { as: null })).body;
    expect(facts).toMatchObject({ sha256: certified.sha256, stopped: false, publicKey: file.publicKey });
    expect(facts.shortCode).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    expect((await t.call('GET', `/api/rounds/${roundId}/results-file`, undefined, { as: null })).status).toBe(401);
    // The key was made at the first certification and signs every file of the congress; its private half is sealed.
    const keys = t.database.sqlite.prepare('SELECT public_jwk, sealed FROM signing_key').all() as { public_jwk: string; sealed: string }[];
    expect(keys.map((k) => JSON.parse(k.public_jwk))).toEqual([file.publicKey]);
    expect(JSON.parse(keys[0].sealed)).toMatchObject({ kdf: 'scrypt' });
  });

  it('records when ballot entry opened and closed, and the minutes say so', async () => {
    t = await testApp();
    const { record } = sample('secretary');
    const { headId, memberIds } = await t.setUpCongress();
    const { roundId } = await t.electionFromRecord(record);
    await t.signIn(memberIds[0], '3333');
    for (const [i, ballot] of record.ballots.entries()) await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: `ballot-${String(i).padStart(4, '0')}`, ballot });
    const head = await t.signIn(headId, '2222');
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' })).status).toBe(200);
    expect((await t.call('POST', `/api/rounds/${roundId}/certify`, { passphrase: PASSPHRASE })).status).toBe(201);
    const download = await t.call('GET', `/api/rounds/${roundId}/results-file`, undefined, { as: head });
    const file = download.body;
    // The file's name names the election "Bầu Bí thư" (issue 16), without tone marks: a name every system keeps.
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="ket-qua-bau-bi-thu-vong-1-[0-9a-f]{8}\.json"$/u);
    const moves = (await t.call('GET', `/api/audit?entityId=${roundId}`)).body.filter((e: { action: string }) => e.action === 'round.transition');
    expect(file.certification.countStartedAt).toBe(moves[0].at);
    expect(file.certification.countEndedAt).toBe(moves.at(-1).at);
    const minutes = await t.app.request(`/print/rounds/${roundId}/minutes`);
    expect(minutes.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await minutes.text();
    expect(html).toContain('Bắt đầu kiểm phiếu lúc 15 giờ 00 phút ngày 12 tháng 6 năm 2025, kết thúc lúc 15 giờ');
    expect(html).not.toMatch(/<script|style=/);
    expect((await t.app.request(`/print/rounds/not-a-round/minutes`)).status).toBe(404);
  });

  it('is for the head only, and only for a counted round whose counts reconcile', async () => {
    t = await testApp();
    const { record } = sample('executive-committee');
    const { setup, memberIds } = await t.setUpCongress();
    const { roundId } = await t.electionFromRecord(record);
    expect((await t.call('POST', `/api/rounds/${roundId}/certify`, { passphrase: PASSPHRASE }, { as: setup })).status).toBe(403);
    await t.signIn(memberIds[0], '3333');
    for (const [i, ballot] of record.ballots.slice(0, 3).entries()) await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: `ballot-${String(i).padStart(4, '0')}`, ballot });
    expect((await t.call('POST', `/api/rounds/${roundId}/certify`, { passphrase: PASSPHRASE })).status).toBe(403);
    const headId = (await t.call('GET', '/api/members')).body.find((m: { role: string }) => m.role === 'head').id;
    await t.signIn(headId, '2222');
    const counting = await t.call('POST', `/api/rounds/${roundId}/certify`, { passphrase: PASSPHRASE });
    expect(counting.status).toBe(409);
    expect(counting.body.error.code).toBe('not_counted');
    // 3 of 166 entered: the count cannot close, so the round never reaches certification.
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' })).body.error.code).toBe('not_reconciled');
  });

  it('needs the congress decision when a tie stays open, and then no next round can follow', async () => {
    t = await testApp();
    const { record } = sample('executive-committee-tie');
    const { roundId, electionId } = await countedFromRecord(t, record);
    const bare = await t.call('POST', `/api/rounds/${roundId}/certify`, { passphrase: PASSPHRASE });
    expect(bare.status).toBe(409);
    expect(bare.body.error.code).toBe('decision_required');
    const decision = 'Đại hội biểu quyết không bầu lại; Ban Chấp hành khóa mới gồm 14 đồng chí';
    const stopped = await t.call('POST', `/api/rounds/${roundId}/certify`, { passphrase: PASSPHRASE, stop: true, decision });
    expect(stopped.status).toBe(201);
    const file = (await t.call('GET', `/api/rounds/${roundId}/results-file`)).body;
    expect(file.certification).toMatchObject({ decision, stopped: true });
    expect(file.result.outcome).toBe('tie');
    const next = await t.call('POST', `/api/elections/${electionId}/rounds`, { decision: 'bầu lại' });
    expect(next.status).toBe(409);
    expect(next.body.error.code).toBe('congress_stopped');
  });

  it('takes the decision of the next round the congress opened', async () => {
    t = await testApp();
    const { record } = sample('executive-committee-tie');
    const { roundId, electionId } = await countedFromRecord(t, record);
    const decision = 'Đại hội quyết định bầu lại trong số các đồng chí bằng phiếu';
    expect((await t.call('POST', `/api/elections/${electionId}/rounds`, { decision })).status).toBe(201);
    const certified = await t.call('POST', `/api/rounds/${roundId}/certify`, { passphrase: PASSPHRASE });
    expect(certified.status).toBe(201);
    expect(certified.body).toMatchObject({ decision, stopped: false });
  });
});

describe('a certified round cannot change', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  afterEach(async () => t.close());

  it('through the API: ballots, counts, candidates, state, certification', async () => {
    t = await testApp();
    const { record } = sample('executive-committee');
    const { roundId, electionId, setup, memberIds, head } = await certifiedFromRecord(t, record);
    const before = (await t.call('GET', `/api/rounds/${roundId}/tally`)).body;
    const [ballot] = (await t.call('GET', `/api/rounds/${roundId}/ballots`)).body;
    const candidates = (await t.call('GET', `/api/rounds/${roundId}/candidates`)).body;
    const refusals = [
      await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting', reason: 'sửa' }),
      await t.call('PATCH', `/api/rounds/${roundId}`, { ballotsCollected: 165 }),
      await t.call('POST', `/api/rounds/${roundId}/certify`, { passphrase: PASSPHRASE }),
      await t.call('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: 170 }, { as: setup }),
      await t.call('POST', `/api/rounds/${roundId}/candidates`, { names: ['Người Mới'] }, { as: setup }),
      await t.call('PATCH', `/api/candidates/${candidates[0].id}`, { name: 'Tên Khác' }, { as: setup }),
      await t.call('DELETE', `/api/candidates/${candidates[0].id}`, undefined, { as: setup }),
      await t.call('PUT', `/api/rounds/${roundId}/candidates/order`, { ids: [...candidates].reverse().map((c: { id: string }) => c.id) }, { as: setup }),
      await t.call('PATCH', `/api/elections/${electionId}`, { seats: 14 }, { as: setup }),
      await t.call('DELETE', `/api/elections/${electionId}`, undefined, { as: setup }),
    ];
    const member = await t.signIn(memberIds[0], '3333');
    refusals.push(
      await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'late-ballot-1', ballot: { struck: [1, 2] } }, { as: member }),
      await t.call('POST', `/api/ballots/${ballot.id}/void`, { reason: 'nhập nhầm' }, { as: member }),
    );
    // No role may move a round to certified except through certify.
    const transition = await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'certified' }, { as: head });
    expect([transition.status, transition.body.error.code]).toEqual([409, 'use_certify']);
    for (const r of refusals) {
      expect(r.status).toBe(409);
      expect(r.body.error.message).toMatch(/ \/ /);
    }
    expect((await t.call('GET', `/api/rounds/${roundId}/tally`, undefined, { as: head })).body).toEqual(before);
  });

  it('through direct SQL: the database refuses every change to the round, its ballots and its candidates', async () => {
    t = await testApp();
    const { record } = sample('executive-committee');
    const { roundId, electionId, memberIds } = await certifiedFromRecord(t, record);
    const db = t.database.sqlite;
    const ballot = db.prepare('SELECT id FROM ballot WHERE round_id = ? LIMIT 1').get(roundId) as { id: string };
    const candidate = db.prepare('SELECT id FROM candidate WHERE round_id = ? LIMIT 1').get(roundId) as { id: string };
    const attempts: [string, unknown[]][] = [
      ["INSERT INTO ballot (id, round_id, content, entered_by, entered_at) VALUES ('sql-ballot-1', ?, '{\"struck\":[1,2]}', ?, '2025-06-12T09:00:00Z')", [roundId, memberIds[0]]],
      ["UPDATE ballot SET void_reason = 'x', voided_by = ?, voided_at = '2025-06-12T09:00:00Z' WHERE id = ?", [memberIds[0], ballot.id]],
      ['DELETE FROM ballot WHERE id = ?', [ballot.id]],
      ["UPDATE round SET state = 'counting' WHERE id = ?", [roundId]],
      ['UPDATE round SET ballots_collected = 165 WHERE id = ?', [roundId]],
      ["UPDATE round SET decision = 'x' WHERE id = ?", [roundId]],
      ['DELETE FROM round WHERE id = ?', [roundId]],
      ["INSERT INTO candidate (id, round_id, person_id, no, name) VALUES ('c-new', ?, 'p-new', 99, 'Người Mới')", [roundId]],
      ["UPDATE candidate SET name = 'Tên Khác' WHERE id = ?", [candidate.id]],
      ['DELETE FROM candidate WHERE id = ?', [candidate.id]],
      ['UPDATE election SET seats = 14 WHERE id = ?', [electionId]],
      ['DELETE FROM election WHERE id = ?', [electionId]],
      ['UPDATE congress SET convened = 200', []],
      ["UPDATE certification SET decision = 'x'", []],
      ['DELETE FROM certification', []],
      // (The sealed key may be deleted, as from every backup: that takes away the signing, not a file.)
      ["UPDATE signing_key SET sealed = 'x'", []],
    ];
    const fileBefore = (db.prepare('SELECT file FROM certification').get() as { file: string }).file;
    for (const [statement, params] of attempts) {
      expect(() => db.prepare(statement).run(...params), statement).toThrow(/certified|never|cannot/);
    }
    expect(db.prepare('SELECT state FROM round WHERE id = ?').get(roundId)).toEqual({ state: 'certified' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM ballot WHERE round_id = ? AND voided_at IS NULL').get(roundId)).toEqual({ n: 166 });
    expect(await verifySignedResult(fileBefore)).toMatchObject({ kind: 'intact' });
  });

  it('through direct SQL: a round cannot be made certified without its certification', async () => {
    t = await testApp();
    const { record } = sample('executive-committee');
    const { roundId, electionId } = await countedFromRecord(t, record);
    const db = t.database.sqlite;
    expect(() => db.prepare("UPDATE round SET state = 'certified' WHERE id = ?").run(roundId)).toThrow(/only through its certification/);
    expect(() =>
      db.prepare("INSERT INTO round (id, election_id, number, reason, fills, seats, alternates, state, created_at) VALUES ('r2', ?, 2, 'tie', 'officials', 1, 0, 'certified', 'x')").run(electionId),
    ).toThrow(/only through its certification/);
  });
});
