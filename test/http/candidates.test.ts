import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from '../support/api.js';

describe('elections and candidate lists', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  afterEach(async () => t.close());

  async function committee(seats = 15) {
    await t.setUpCongress();
    const e = await t.call('POST', '/api/elections', { kind: 'executive_committee', title: 'Bầu Ban Chấp hành', seats });
    expect(e.status).toBe(201);
    const roundId = (await t.call('GET', `/api/elections/${e.body.id}`)).body.rounds[0].id as string;
    return { electionId: e.body.id as string, roundId };
  }

  it('creates, edits and removes an election, which starts with round 1 in setup', async () => {
    t = await testApp();
    const { electionId } = await committee();
    const got = await t.call('GET', `/api/elections/${electionId}`, undefined, { as: null });
    expect(got.body).toMatchObject({ title: 'Bầu Ban Chấp hành', seats: 15, alternates: 0, rounds: [{ number: 1, state: 'setup', seats: 15, reason: 'first' }] });
    const patched = await t.call('PATCH', `/api/elections/${electionId}`, { title: 'Bầu Ban Chấp hành khóa XVII', seats: 13 });
    expect(patched.body).toMatchObject({ title: 'Bầu Ban Chấp hành khóa XVII', seats: 13, kind: 'executive_committee' });
    expect((await t.call('GET', `/api/elections/${electionId}`)).body.rounds[0].seats).toBe(13);
    expect((await t.call('GET', '/api/elections')).body).toHaveLength(1);
    expect((await t.call('DELETE', `/api/elections/${electionId}`)).status).toBe(200);
    expect((await t.call('GET', `/api/elections/${electionId}`)).status).toBe(404);
    expect((await t.call('DELETE', `/api/elections/${electionId}`)).status).toBe(404);
  });

  it('adds, renames, removes and reorders names, numbering them 1..N in printed order', async () => {
    t = await testApp();
    const { roundId } = await committee(3);
    const added = await t.call('POST', `/api/rounds/${roundId}/candidates`, { names: ['Trần Văn Bình', 'Lê Thị An', 'Phạm Văn Cường', 'Nguyễn Thị Dung'] });
    expect(added.status).toBe(201);
    expect(added.body.map((c: { no: number; name: string }) => `${c.no} ${c.name}`)).toEqual(['1 Trần Văn Bình', '2 Lê Thị An', '3 Phạm Văn Cường', '4 Nguyễn Thị Dung']);
    const [binh, an, cuong, dung] = added.body.map((c: { id: string }) => c.id);
    expect((await t.call('PATCH', `/api/candidates/${an}`, { name: 'Lê Thị Ân' })).body.name).toBe('Lê Thị Ân');
    const removed = await t.call('DELETE', `/api/candidates/${binh}`);
    expect(removed.body.map((c: { no: number; name: string }) => `${c.no} ${c.name}`)).toEqual(['1 Lê Thị Ân', '2 Phạm Văn Cường', '3 Nguyễn Thị Dung']);
    const reordered = await t.call('PUT', `/api/rounds/${roundId}/candidates/order`, { ids: [dung, an, cuong] });
    expect(reordered.body.map((c: { name: string }) => c.name)).toEqual(['Nguyễn Thị Dung', 'Lê Thị Ân', 'Phạm Văn Cường']);
    expect((await t.call('PUT', `/api/rounds/${roundId}/candidates/order`, { ids: [dung, an] })).body.error.code).toBe('not_a_permutation');
    expect((await t.call('PUT', `/api/rounds/${roundId}/candidates/order`, { ids: [dung, an, an] })).status).toBe(400);
    const replaced = await t.call('POST', `/api/rounds/${roundId}/candidates`, { names: ['Hà Văn Một'], replace: true });
    expect(replaced.body.map((c: { no: number; name: string }) => `${c.no} ${c.name}`)).toEqual(['1 Hà Văn Một']);
  });

  it('imports pasted text (numbers dropped, order kept) and CSV with a BOM', async () => {
    t = await testApp();
    const { roundId } = await committee(2);
    const pasted = '1. Nguyễn Văn An\r\n2)\tTrần Thị Bình\r\n\r\n3 - Lê  Văn   Cường\n';
    const text = await t.call('POST', `/api/rounds/${roundId}/candidates/import`, { format: 'text', content: pasted });
    expect(text.status).toBe(201);
    expect(text.body.map((c: { name: string }) => c.name)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường']);
    // Decomposed Unicode (as some Word copies give) is stored composed (NFC).
    const csv = '\uFEFFSTT,Họ và tên,Chức vụ\n1,"Phạm Thị Dung","Bí thư chi bộ, khu 3"\n2,Hoàng Văn E\u0301m,\n';
    const imported = await t.call('POST', `/api/rounds/${roundId}/candidates/import`, { format: 'csv', content: csv, replace: true });
    expect(imported.body.map((c: { no: number; name: string }) => `${c.no} ${c.name}`)).toEqual(['1 Phạm Thị Dung', '2 Hoàng Văn Ém']);
    const empty = await t.call('POST', `/api/rounds/${roundId}/candidates/import`, { format: 'text', content: '\n  \n1.\n' });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'no_names', field: 'content' });
    expect((await t.call('GET', `/api/rounds/${roundId}/candidates`)).body).toHaveLength(2);
  });

  it('offers the ABC order without applying it; applying it is a deliberate reorder', async () => {
    t = await testApp();
    const { roundId } = await committee(2);
    const list = (await t.call('POST', `/api/rounds/${roundId}/candidates`, { names: ['Trần Văn Bình', 'Lê Thị Hải', 'Nguyễn Văn An', 'Phạm Thị Hà'] })).body;
    const offered = await t.call('GET', `/api/rounds/${roundId}/candidates/abc-order`, undefined, { as: null });
    // By given name first: An, Bình, Hà, Hải.
    expect(offered.body.map((c: { name: string }) => c.name)).toEqual(['Nguyễn Văn An', 'Trần Văn Bình', 'Phạm Thị Hà', 'Lê Thị Hải']);
    expect((await t.call('GET', `/api/rounds/${roundId}/candidates`)).body.map((c: { id: string }) => c.id)).toEqual(list.map((c: { id: string }) => c.id));
    const applied = await t.call('PUT', `/api/rounds/${roundId}/candidates/order`, { ids: offered.body.map((c: { id: string }) => c.id) });
    expect(applied.body.map((c: { no: number; name: string }) => `${c.no} ${c.name}`)).toEqual(['1 Nguyễn Văn An', '2 Trần Văn Bình', '3 Phạm Thị Hà', '4 Lê Thị Hải']);
  });

  it('shows list warnings with the rule, and opens the count on them only with the recorded decision', async () => {
    t = await testApp();
    const { roundId } = await committee(10);
    const names = Array.from({ length: 14 }, (_, i) => `Ứng Cử Viên ${i + 1}`);
    await t.call('POST', `/api/rounds/${roundId}/candidates`, { names });
    const round = await t.call('GET', `/api/rounds/${roundId}`, undefined, { as: null });
    expect(round.body.listCheck.errors).toEqual([]);
    expect(round.body.listCheck.warnings).toEqual([
      expect.objectContaining({ code: 'surplus_over_30_percent', vi: expect.stringContaining('Điều 14'), en: expect.stringContaining('at most 30% of seats (this list has 4 over 10)') }),
    ]);
    const refused = await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'decision_required', field: 'reason' });
    const opened = await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting', reason: 'Đại hội biểu quyết thông qua danh sách 14 người' });
    expect(opened.status).toBe(200);
    const audit = await t.call('GET', `/api/audit?entityId=${roundId}`);
    expect(audit.body.at(-1)).toMatchObject({ action: 'round.transition', after: { state: 'counting', reason: 'Đại hội biểu quyết thông qua danh sách 14 người' } });
  });

  it('blocks a list that cannot be counted: fewer names than places', async () => {
    t = await testApp();
    const { roundId } = await committee(3);
    await t.call('POST', `/api/rounds/${roundId}/candidates`, { names: ['Một', 'Hai'] });
    const res = await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting', reason: 'x' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('too_few_candidates');
  });

  it('changes the list and the election only in setup', async () => {
    t = await testApp();
    const { electionId, roundId } = await committee(2);
    const list = (await t.call('POST', `/api/rounds/${roundId}/candidates`, { names: ['Một', 'Hai', 'Ba'] })).body;
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting', reason: 'Đại hội quyết định danh sách 3 người' })).status).toBe(200);
    const tries = [
      await t.call('POST', `/api/rounds/${roundId}/candidates`, { names: ['Bốn'] }),
      await t.call('POST', `/api/rounds/${roundId}/candidates/import`, { format: 'text', content: 'Bốn' }),
      await t.call('PATCH', `/api/candidates/${list[0].id}`, { name: 'Một Khác' }),
      await t.call('DELETE', `/api/candidates/${list[0].id}`),
      await t.call('PUT', `/api/rounds/${roundId}/candidates/order`, { ids: [list[2].id, list[1].id, list[0].id] }),
      await t.call('PATCH', `/api/elections/${electionId}`, { seats: 1 }),
      await t.call('DELETE', `/api/elections/${electionId}`),
    ];
    expect(tries.map((r) => [r.status, r.body.error.code])).toEqual(tries.map(() => [409, 'wrong_state']));
    expect((await t.call('GET', `/api/rounds/${roundId}/candidates`)).body).toEqual(list);
  });

  it('answers 404 for a round or candidate that does not exist', async () => {
    t = await testApp();
    await committee(2);
    for (const path of ['/api/rounds/nope', '/api/rounds/nope/candidates', '/api/rounds/nope/candidates/abc-order', '/api/rounds/nope/tally', '/api/rounds/nope/record', '/api/rounds/nope/ballots', '/api/elections/nope', '/api/elections/nope/outcome']) {
      const res = await t.call('GET', path);
      expect([path, res.status, res.body.error.code]).toEqual([path, 404, 'not_found']);
    }
    expect((await t.call('POST', '/api/rounds/nope/candidates', { names: ['A'] })).status).toBe(404);
    expect((await t.call('PATCH', '/api/candidates/nope', { name: 'A' })).status).toBe(404);
    expect((await t.call('DELETE', '/api/candidates/nope')).status).toBe(404);
  });
});
