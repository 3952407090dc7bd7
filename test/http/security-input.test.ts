import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT, IMPORT_BODY_LIMIT } from '../../src/http/validate.js';
import { createApp } from '../../src/http/app.js';
import { WEB_ROOT } from '../../src/paths.js';
import { sample, testApp } from '../support/api.js';

type T = Awaited<ReturnType<typeof testApp>>;

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

function expectSecurityHeaders(res: Response | { headers: Headers }, what: string) {
  const h = res.headers;
  expect({ what, csp: h.get('content-security-policy'), referrer: h.get('referrer-policy'), nosniff: h.get('x-content-type-options'), frame: h.get('x-frame-options'), hsts: h.get('strict-transport-security') }).toEqual({
    what,
    csp: CSP,
    referrer: 'no-referrer',
    nosniff: 'nosniff',
    frame: 'DENY',
    hsts: null,
  });
}

describe('bad input and security headers', () => {
  let t: T;
  let setupHeaders: Record<string, string>;
  let electionId: string;
  let headId: string;

  beforeAll(async () => {
    t = await testApp();
    const { setup, headId: head } = await t.setUpCongress();
    headId = head;
    setupHeaders = { Cookie: setup.cookie, 'X-CSRF-Token': setup.csrf };
    electionId = (await t.call('POST', '/api/elections', { kind: 'other', title: 'Bầu thử', seats: 1 })).body.id;
  });
  afterAll(async () => t.close());

  const raw = (method: string, path: string, body: BodyInit | undefined, headers: Record<string, string> = {}) =>
    t.app.request(path, { method, headers: { ...setupHeaders, ...headers }, body });

  it('puts the security headers on every kind of response: JSON, errors, pages and scripts', async () => {
    const web = createApp({ store: { db: t.database.db, now: () => new Date(), newId: () => 'unused' }, events: t.events }, { webRoot: WEB_ROOT });
    expectSecurityHeaders(await web.request('/'), 'page');
    expectSecurityHeaders(await web.request('/js/hello.ts'), 'script');
    expectSecurityHeaders(await web.request('/no-such-page.html'), 'page 404');
    expectSecurityHeaders(await t.app.request('/api/congress'), 'json');
    expectSecurityHeaders(await t.app.request('/api/nothing-here'), '404');
    expectSecurityHeaders(await raw('POST', '/api/elections', 'x', { 'Content-Type': 'text/plain' }), '415');
    expectSecurityHeaders(await raw('POST', '/api/elections', '{', { 'Content-Type': 'application/json' }), '400');
    expectSecurityHeaders(await t.app.request('/api/audit'), '401');
  });

  it(`refuses bodies over ${BODY_LIMIT} bytes (${IMPORT_BODY_LIMIT} for imports) with 413 in the one error shape`, async () => {
    const big = JSON.stringify({ kind: 'other', title: 'x'.repeat(BODY_LIMIT), seats: 1 });
    const res = await raw('POST', '/api/elections', big, { 'Content-Type': 'application/json' });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatchObject({ code: 'too_large', vi: expect.stringContaining('quá lớn'), en: expect.stringContaining(`${BODY_LIMIT} bytes`) });
    const list = await raw('POST', '/api/rounds/abcdefgh12/candidates/import', JSON.stringify({ format: 'text', content: 'a'.repeat(IMPORT_BODY_LIMIT) }), { 'Content-Type': 'application/json' });
    expect(list.status).toBe(413);
    // Without a Content-Length (streamed), the limit holds all the same.
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(`{"title":"${'y'.repeat(BODY_LIMIT / 8)}",`));
        controller.close();
      },
    });
    const streamed = await t.app.request('/api/elections', { method: 'POST', headers: { ...setupHeaders, 'Content-Type': 'application/json' }, body: chunks, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('requires a JSON content type on JSON routes (415) and valid JSON (400), in the one error shape', async () => {
    const body = JSON.stringify({ kind: 'other', title: 'Hợp lệ', seats: 1 });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/jsonx', '']) {
      const res = await raw('POST', '/api/elections', body, type ? { 'Content-Type': type } : {});
      expect([type, res.status, (await res.json()).error.code]).toEqual([type, 415, 'unsupported_media_type']);
    }
    expect((await raw('POST', '/api/elections', body, { 'Content-Type': 'application/json; charset=UTF-8' })).status).toBe(201);
    for (const bad of ['{', '{"kind":', 'null,', '\u0000', "{'kind':'other'}"]) {
      const res = await raw('POST', '/api/elections', bad, { 'Content-Type': 'application/json' });
      expect([bad, res.status, (await res.json()).error.code]).toEqual([bad, 400, 'bad_json']);
    }
    for (const wrong of ['null', '[]', '"text"', '42', '{"kind":"other","title":["x"],"seats":1}', '{"kind":"other","title":"x","seats":"1"}']) {
      const res = await raw('POST', '/api/elections', wrong, { 'Content-Type': 'application/json' });
      expect([wrong, res.status, (await res.json()).error.code]).toEqual([wrong, 400, 'invalid_input']);
    }
  });

  it('drops unknown fields, and refuses a patch that names no known field instead of logging a change of nothing', async () => {
    const created = await t.call('POST', '/api/elections', { kind: 'other', title: 'Có trường lạ', seats: 2, position: 99, id: 'chosen-by-client', __proto__: { admin: true } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'Có trường lạ', seats: 2, alternates: 0 });
    expect(created.body.id).not.toBe('chosen-by-client');
    expect(created.body.position).not.toBe(99);
    const auditBefore = (await t.call('GET', '/api/audit')).body.length;
    for (const [path, body] of [
      ['/api/congress', { nmae: 'lỗi chính tả' }],
      [`/api/elections/${electionId}`, {}],
      [`/api/rounds/abcdefgh12`, { ballots: 3 }],
    ] as const) {
      const res = await t.call('PATCH', path, body);
      expect([path, res.status, res.body.error.code]).toEqual([path, 400, 'invalid_input']);
    }
    expect((await t.call('GET', '/api/audit')).body.length).toBe(auditBefore);
  });

  it('keeps what a patch does not name (no defaults sneak in)', async () => {
    const before = (await t.call('PATCH', '/api/congress', { place: 'Hội trường A', organisation: 'ĐẢNG BỘ PHƯỜNG MẪU' })).body;
    const after = await t.call('PATCH', '/api/congress', { name: 'Tên mới của Đại hội' });
    expect(after.body).toEqual({ ...before, name: 'Tên mới của Đại hội' });
    await t.call('PATCH', `/api/elections/${electionId}`, { alternates: 1, seats: 2 });
    expect((await t.call('PATCH', `/api/elections/${electionId}`, { title: 'Đổi tên' })).body).toMatchObject({ title: 'Đổi tên', seats: 2, alternates: 1 });
  });

  it('makes the same name typed two ways the same name (NFC, invisible characters, spaces), and refuses control characters', async () => {
    const roundId = (await t.call('GET', `/api/elections/${electionId}`)).body.rounds[0].id as string;
    const composed = 'Nguyễn Thị Ánh';
    const decomposed = ' Nguye\u0302\u0303n\u00a0 Thi\u0323\u200b A\u0301nh\t';
    expect(decomposed).not.toBe(composed);
    const added = await t.call('POST', `/api/rounds/${roundId}/candidates`, { names: [composed, decomposed] });
    expect(added.status).toBe(201);
    expect(added.body.map((c: { name: string }) => c.name)).toEqual([composed, composed]);
    for (const name of ['Tên\u0000ẩn', 'Chuông\u0007', 'Nửa\ud800']) {
      const res = await t.call('POST', `/api/rounds/${roundId}/candidates`, { names: [name] });
      expect([JSON.stringify(name), res.status, res.body.error.field]).toEqual([JSON.stringify(name), 400, 'names[0]']);
    }
    const long = await t.call('POST', `/api/rounds/${roundId}/candidates`, { names: ['a'.repeat(201)] });
    expect([long.status, long.body.error.field]).toEqual([400, 'names[0]']);
  });

  it('refuses path parameters that are not plain short ids, and path tricks, as 404 in the one error shape', async () => {
    for (const path of [`/api/elections/${'a'.repeat(65)}`, '/api/elections/a%00b', '/api/elections/%2e%2e', '/api/elections/a%2F..%2Fb', "/api/members/1'%20OR%201=1", '/api/rounds/%3Cscript%3E/tally', '/api/elections/..%5C..%5Cetc']) {
      const res = await t.app.request(path);
      expect([path, res.status, (await res.json()).error.code]).toEqual([path, 404, 'not_found']);
    }
    expect((await t.app.request(`/api/elections/${'a'.repeat(64)}`)).status).toBe(404);
    expect((await t.app.request(`/api/elections/${electionId}`)).status).toBe(200);
  });

  it('imports an election record only as the head, with its names normalised', async () => {
    const { record } = sample('secretary');
    const named = { ...record, candidates: record.candidates.map((c) => ({ ...c, name: c.name.normalize('NFD') })) };
    expect((await t.call('POST', '/api/elections/import', named)).status).toBe(403);
    await t.signIn(headId, '2222');
    const imported = await t.call('POST', '/api/elections/import', named);
    expect(imported.status).toBe(201);
    const names = (await t.call('GET', `/api/rounds/${imported.body.roundId}/candidates`)).body.map((c: { name: string }) => c.name);
    expect(names).toEqual(record.candidates.map((c) => c.name.normalize('NFC')));
  });
});
