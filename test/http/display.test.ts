import { afterEach, describe, expect, it } from 'vitest';
import { sample, testApp } from '../support/api.js';

/** Reads SSE events from a streaming response until so many tally events have come, or `until` says enough. */
async function tallyEvents(res: Response, until: number | ((events: any[]) => boolean)): Promise<any[]> {
  const enough = typeof until === 'number' ? (events: any[]) => events.length >= until : until;
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const events: any[] = [];
  while (!enough(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
      if (block.includes('event: tally')) events.push(JSON.parse(data));
    }
  }
  await reader.cancel();
  return events;
}

describe('the projector display: live tally and the progress-only setting', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  afterEach(async () => t.close());

  /** A counting round of the sample executive committee, and the public's live stream of it. */
  async function watchedRound() {
    t = await testApp();
    const { memberIds } = await t.setUpCongress();
    const { record } = sample('executive-committee');
    const { roundId } = await t.electionFromRecord(record);
    return { memberIds, record, roundId, res: await t.app.request(`/api/rounds/${roundId}/live`) };
  }

  it('streams the tally at once and again after each saved ballot', async () => {
    const { memberIds, roundId, res } = await watchedRound();
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    // The ballot is saved once the first event has come, so the stream is known to be listening.
    let firstCame: () => void = () => {};
    const listening = new Promise<void>((resolve) => {
      firstCame = resolve;
    });
    const events = tallyEvents(res, (seen) => {
      if (seen.length >= 1) firstCame();
      return seen.length >= 2;
    });
    await listening;
    await t.signIn(memberIds[0], '3333');
    expect((await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'ballot-0001', ballot: { struck: [1, 3] } })).status).toBe(201);
    const [first, second] = await events;
    expect(first.reconciliation.entered).toBe(0);
    expect(second.reconciliation.entered).toBe(1);
    expect(second.result.candidates[1].votes).toBe(1);
    expect(second.result.candidates[0].votes).toBe(0);
  });

  it('coalesces a flood of ballots into a few tallies, the last of which shows every ballot', async () => {
    const { memberIds, record, roundId, res } = await watchedRound();
    const all = record.ballots.length;
    const reading = tallyEvents(res, (events) => events.at(-1)?.reconciliation.entered === all);
    await t.signIn(memberIds[0], '3333');
    const saved = await Promise.all(record.ballots.map((ballot, i) => t.call('POST', `/api/rounds/${roundId}/ballots`, { id: `flood-${String(i).padStart(4, '0')}`, ballot })));
    expect(saved.every((r) => r.status === 201)).toBe(true);
    const entered = (await reading).map((event) => event.reconciliation.entered as number);
    expect(entered.at(-1)).toBe(record.ballots.length);
    expect(entered.length).toBeLessThan(record.ballots.length / 4);
    expect([...entered].sort((a, b) => a - b)).toEqual(entered);
  });

  it('holds back standings from the public while counting when the election says so, never from the committee', async () => {
    t = await testApp();
    const { setup, headId, memberIds } = await t.setUpCongress();
    const { record } = sample('executive-committee');
    const { electionId, roundId } = await t.electionFromRecord(record);
    expect((await t.call('PUT', `/api/elections/${electionId}/display`, { progressOnly: true }, { as: setup })).status).toBe(200);
    const member = await t.signIn(memberIds[0], '3333');
    for (const [i, ballot] of record.ballots.entries()) await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: `ballot-${String(i).padStart(4, '0')}`, ballot });

    const publicTally = await t.call('GET', `/api/rounds/${roundId}/tally`, undefined, { as: null });
    expect(publicTally.body).toMatchObject({ standingsHidden: true, reconciliation: { entered: 166, collected: 166 }, threshold: 84 });
    expect(publicTally.body.result).toBeUndefined();
    expect(JSON.stringify(publicTally.body)).not.toContain('votes');
    const [publicLive] = await tallyEvents(await t.app.request(`/api/rounds/${roundId}/live`), 1);
    expect(publicLive.standingsHidden).toBe(true);
    expect(JSON.stringify(publicLive)).not.toContain('votes');

    const projector = await t.app.request(`/api/rounds/${roundId}/live?audience=public`, { headers: { Cookie: member.cookie } });
    expect((await tallyEvents(projector, 1))[0].standingsHidden).toBe(true);
    const committeeLive = await t.app.request(`/api/rounds/${roundId}/live`, { headers: { Cookie: member.cookie } });
    expect((await tallyEvents(committeeLive, 1))[0].standingsHidden).toBe(false);

    const committee = await t.call('GET', `/api/rounds/${roundId}/tally`, undefined, { as: member });
    expect(committee.body.standingsHidden).toBe(false);
    expect(committee.body.result.candidates[0].votes).toBe(sample('executive-committee').result.candidates[0].votes);

    await t.signIn(headId, '2222');
    expect((await t.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' })).status).toBe(200);
    const counted = await t.call('GET', `/api/rounds/${roundId}/tally`, undefined, { as: null });
    expect(counted.body.standingsHidden).toBe(false);
    expect(counted.body.result.elected).toEqual(sample('executive-committee').result.elected);
  });

  it('refuses a display setting from a counting member or with a bad value, and changes nothing', async () => {
    t = await testApp();
    const { setup, memberIds } = await t.setUpCongress();
    const { electionId } = await t.electionFromRecord(sample('executive-committee').record);
    await t.signIn(memberIds[0], '3333');
    const res = await t.call('PUT', `/api/elections/${electionId}/display`, { progressOnly: true });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ vi: expect.any(String), en: expect.any(String) });
    const bad = await t.call('PUT', `/api/elections/${electionId}/display`, { progressOnly: 'yes' }, { as: setup });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('progressOnly');
    expect((await t.call('GET', `/api/elections/${electionId}/display`)).body).toEqual({ progressOnly: false });
  });
});
