import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample, testApp } from '../support/api.js';

/**
 * Every route, hit with malformed and hostile input by every kind of caller: always a 4xx (or a
 * 2xx for a harmless read) in the one error shape, never a 500, and the process keeps serving.
 */
describe('bad input never makes a 500', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let routes: [string, string][];
  let callers: Record<string, { cookie: string; csrf: string } | null>;

  beforeAll(async () => {
    t = await testApp();
    const people = await t.setUpCongress();
    const { electionId, roundId } = await t.electionFromRecord(sample('secretary').record);
    const candidateId = (await t.call('GET', `/api/rounds/${roundId}/candidates`)).body[0].id;
    const member = await t.signIn(people.memberIds[0], '3333');
    await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: 'real-ballot-1', ballot: { marks: { '1': 'agree' } } });
    const head = await t.signIn(people.headId, '2222');
    callers = { public: null, setup: people.setup, head, member };
    const ids = { e: electionId, r: roundId, c: candidateId, b: 'real-ballot-1', m: people.memberIds[1] };
    routes = [
      ['GET', '/api/congress'], ['POST', '/api/congress'], ['PATCH', '/api/congress'],
      ['GET', '/api/session'], ['POST', '/api/session'],
      ['GET', '/api/members'], ['POST', '/api/members'], ['PATCH', `/api/members/${ids.m}`], ['PUT', `/api/members/${ids.m}/pin`],
      ['GET', '/api/elections'], ['POST', '/api/elections'], ['POST', '/api/elections/import'],
      ['GET', `/api/elections/${ids.e}`], ['PATCH', `/api/elections/${ids.e}`], ['GET', `/api/elections/${ids.e}/outcome`], ['POST', `/api/elections/${ids.e}/rounds`],
      ['GET', `/api/rounds/${ids.r}`], ['PATCH', `/api/rounds/${ids.r}`], ['POST', `/api/rounds/${ids.r}/transition`],
      ['GET', `/api/rounds/${ids.r}/tally`], ['GET', `/api/rounds/${ids.r}/record`],
      ['GET', `/api/rounds/${ids.r}/candidates`], ['POST', `/api/rounds/${ids.r}/candidates`], ['GET', `/api/rounds/${ids.r}/candidates/abc-order`],
      ['POST', `/api/rounds/${ids.r}/candidates/import`], ['PUT', `/api/rounds/${ids.r}/candidates/order`],
      ['PATCH', `/api/candidates/${ids.c}`],
      ['GET', `/api/rounds/${ids.r}/ballots?afterSeq=-1&includeVoid=maybe`], ['POST', `/api/rounds/${ids.r}/ballots`], ['POST', `/api/ballots/${ids.b}/void`],
      ['GET', '/api/audit?limit=abc'], ['GET', '/api/audit/verify'],
      ['DELETE', `/api/candidates/${encodeURIComponent('\u0000%')}`], ['DELETE', `/api/elections/${'x'.repeat(5000)}`], ['DELETE', `/api/members/${encodeURIComponent('Đ../')}`],
      ['POST', '/api/rounds/%ED%A0%BD/ballots'], ['GET', `/api/rounds/%E0%A4%A`],
    ];
  });
  afterAll(async () => t.close());

  async function send(method: string, path: string, body: string | undefined, who: { cookie: string; csrf: string } | null, type = 'application/json') {
    const headers: Record<string, string> = { 'Content-Type': type };
    if (who) Object.assign(headers, { Cookie: who.cookie, 'X-CSRF-Token': who.csrf });
    const res = await t.app.request(path, { method, headers, body: method === 'GET' ? undefined : body });
    const text = await res.text();
    return { status: res.status, text };
  }

  function expectNoServerError(label: string, res: { status: number; text: string }) {
    expect(res.status, `${label} → ${res.text}`).toBeLessThan(500);
    if (res.status >= 400) {
      const body = JSON.parse(res.text);
      expect(body.error.code, label).toEqual(expect.any(String));
      expect(body.error.message, label).toMatch(/.+ \/ .+/);
    }
  }

  const bodies = [undefined, '', '{', '[]', 'null', '"x"', '1e999', '{"__proto__":{"x":1}}', '{"name":{"$gt":""},"seats":-1,"id":[],"ballot":{"struck":"1"}}',
    JSON.stringify({ names: Array(3000).fill('A'), ids: ['a', 'a'], to: 'certified', ballot: { struck: [1], marks: {} }, id: 'abcdefgh' }),
    JSON.stringify({ format: 'kiemphieu/election-record@1', congress: {}, ballots: 'x' }), JSON.stringify({ name: 'x'.repeat(100_000) })];

  it('answers fixed hostile bodies and a wrong content type from every caller with a 4xx', async () => {
    for (const [method, path] of routes) {
      for (const [name, who] of Object.entries(callers)) {
        for (const body of bodies) expectNoServerError(`${name} ${method} ${path} ${body?.slice(0, 40)}`, await send(method, path, body, who));
        expectNoServerError(`${name} ${method} ${path} text/plain`, await send(method, path, '{"names":["A"]}', who, 'text/plain'));
      }
    }
  });

  it('refuses a body too large to be any record, unread', async () => {
    const huge = JSON.stringify({ names: ['A'], padding: 'x'.repeat(21 * 1024 * 1024) });
    const res = await send('POST', '/api/elections/import', huge, callers.setup);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text).error.code).toBe('too_large');
  });

  it('answers arbitrary JSON on every state-changing route with a 4xx', async () => {
    const changing = routes.filter(([m]) => m !== 'GET');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...changing), fc.constantFrom('setup', 'head', 'member'), fc.jsonValue(), async ([method, path], who, value) => {
        expectNoServerError(`${who} ${method} ${path} ${JSON.stringify(value).slice(0, 80)}`, await send(method, path, JSON.stringify(value), callers[who]));
      }),
      { numRuns: 300 },
    );
    // Still serving, the real ballot still counted once.
    expect((await t.call('GET', '/api/audit/verify')).body.ok).toBe(true);
  });
});
