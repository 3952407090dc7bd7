import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberRole } from '../../src/domain/index.js';
import { sample, testApp } from '../support/api.js';

/**
 * The whole access policy, route by route, as the issue states it: only setup changes the congress
 * and the lists; only counting members (head, member) enter and void ballots; only the head records
 * the congress's decisions and brings in counted records. The routes come from the app itself, so a
 * new route fails these tests until it is placed here.
 */
const ROLES: MemberRole[] = ['setup', 'head', 'member', 'staff'];
/** Everyone signed in, technical staff too. */
const ANY: MemberRole[] = ROLES;
/** The secretary and the counting committee: not technical staff, who type ballots and nothing else (Điều 8). */
const CONGRESS_PEOPLE: MemberRole[] = ['setup', 'head', 'member'];
/** Who types ballots: the counting committee and technical staff. */
const TYPISTS: MemberRole[] = ['head', 'member', 'staff'];

const STATE_CHANGING: Record<string, MemberRole[] | 'public'> = {
  'POST /api/congress': 'public', // the first step on an empty database; refused once a congress exists
  'PATCH /api/congress': ['setup'],
  'POST /api/session': 'public', // signing in
  'DELETE /api/session': ANY,
  'POST /api/members': ['setup'],
  'PATCH /api/members/:id': ['setup'],
  'DELETE /api/members/:id': ['setup'],
  'PUT /api/members/:id/pin': ANY, // one's own; setup sets others' while the congress is in setup
  'POST /api/members/:id/unlock': ['head'], // lifts the lock-outs wrong PINs put on a member (issue 14)
  'POST /api/bodies': ['setup'], // the conferences of the new committees (issue 13)
  'PATCH /api/bodies/:id': ['setup'],
  'DELETE /api/bodies/:id': ['setup'],
  'PUT /api/rounds/:id/attendance': ['setup'], // members present at the vote: the technical secretary
  'POST /api/elections': ['setup'],
  'PATCH /api/elections/:id': ['setup'],
  'DELETE /api/elections/:id': ['setup'],
  'POST /api/elections/import': ['head'],
  'POST /api/elections/:id/rounds': ['head'],
  'PATCH /api/rounds/:id': ['setup', 'head'],
  'POST /api/rounds/:id/transition': ['setup', 'head'], // which move by whom: mayMove
  'POST /api/rounds/:roundId/candidates': ['setup'],
  'POST /api/rounds/:roundId/candidates/import': ['setup'],
  'PUT /api/rounds/:roundId/candidates/order': ['setup'],
  'PATCH /api/candidates/:id': ['setup'],
  'DELETE /api/candidates/:id': ['setup'],
  'POST /api/rounds/:roundId/ballots': TYPISTS,
  'POST /api/ballots/:id/void': TYPISTS,
  'POST /api/rounds/:id/certify': ['head'],
  'POST /api/archive': ['setup'], // writes the end-of-congress archive folder beside the database
  'PUT /api/elections/:id/display': ['setup', 'head'],
  // Double entry (issue 7): counting members type; the head frees a pass, corrects a pile, rules.
  'PUT /api/rounds/:roundId/entry-mode': ['setup', 'head'],
  'POST /api/rounds/:roundId/piles': ['head', 'member'],
  'PATCH /api/piles/:pileId': ['head'],
  'POST /api/piles/:pileId/withdraw': ['head'],
  'POST /api/piles/:pileId/passes/:pass/ballots': TYPISTS,
  'POST /api/piles/:pileId/passes/:pass/release': ['head'],
  'POST /api/pile-entries/:id/void': TYPISTS,
  'POST /api/piles/:pileId/differences/:position/resolution': ['head'],
  'POST /api/rounds/:roundId/second-count/ballots': TYPISTS,
  'POST /api/second-count-ballots/:id/void': TYPISTS,
};

/** What the display (no sign-in) may read: aggregate figures, lists and names, never a ballot. */
const PUBLIC_READS = new Set([
  'GET /api/congress',
  'GET /api/bodies',
  'GET /api/session',
  'GET /api/members',
  'GET /api/elections',
  'GET /api/elections/:id',
  'GET /api/elections/:id/outcome',
  'GET /api/rounds/:id',
  'GET /api/rounds/:id/tally',
  'GET /api/rounds/:roundId/candidates',
  'GET /api/rounds/:roundId/candidates/abc-order',
  'GET /api/rounds/:id/certification',
  'GET /api/elections/:id/display',
  'GET /api/rounds/:id/live',
]);

/** For the committee's eyes only: individual ballots, the record with every ballot, the audit log. */
const COMMITTEE_READS: Record<string, MemberRole[]> = {
  'GET /api/rounds/:roundId/ballots': CONGRESS_PEOPLE,
  'GET /api/rounds/:id/record': CONGRESS_PEOPLE,
  'GET /api/members/locks': ['head'],
  'GET /api/audit': CONGRESS_PEOPLE,
  'GET /api/audit/verify': CONGRESS_PEOPLE,
  'GET /api/backups': ANY, // how the server's backups stand (the last that failed): every page that needs a sign-in shows it
  'GET /api/rounds/:id/results-file': CONGRESS_PEOPLE,
  'GET /api/rounds/:roundId/entry': ANY, // piles and what each waits for; no ballot (the entry screen reads it)
  'GET /api/piles/:pileId/passes/:pass/ballots': TYPISTS, // its own typist only, or the head
  'GET /api/piles/:pileId/differences': ['head'],
};

type T = Awaited<ReturnType<typeof testApp>>;

/** Every API route of the app with the roles its guard lets through (undefined: no guard). */
function routesOf(app: T['app']): Map<string, readonly MemberRole[] | undefined> {
  const routes = new Map<string, readonly MemberRole[] | undefined>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api/')) continue;
    const key = `${r.method} ${r.path}`;
    const roles = (r.handler as { roles?: readonly MemberRole[] }).roles;
    routes.set(key, roles ?? routes.get(key));
  }
  return routes;
}

const fill = (path: string, id = 'abcdefgh12') => path.replace(/:[A-Za-z]+/gu, id);
const sorted = (roles: readonly MemberRole[]) => [...roles].sort();

describe('who may do what: every route of the app', () => {
  let t: T;
  const as: Record<MemberRole, { cookie: string; csrf: string }> = {} as never;
  let roundId: string;
  let ballotId: string;

  beforeAll(async () => {
    t = await testApp();
    const { setup, headId, memberIds } = await t.setUpCongress();
    as.setup = setup;
    const staff = (await t.call('POST', '/api/members', { name: 'Nhân viên kỹ thuật', role: 'staff', pin: '6666' })).body;
    t.ownersChosePins();
    const { record } = sample('secretary');
    ({ roundId } = await t.electionFromRecord(record));
    as.head = await t.signIn(headId, '2222');
    as.member = await t.signIn(memberIds[0], '3333');
    as.staff = await t.signIn(staff.id, '6666');
    ballotId = 'ballot-0001';
    expect((await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: ballotId, ballot: record.ballots[0] }, { as: as.member })).status).toBe(201);
  });
  afterAll(async () => t.close());

  it('has no route outside the policy, and each guard lets through exactly the roles the policy names', () => {
    const routes = routesOf(t.app);
    const mutating = [...routes.keys()].filter((k) => !k.startsWith('GET '));
    const reads = [...routes.keys()].filter((k) => k.startsWith('GET '));
    expect(mutating.sort()).toEqual(Object.keys(STATE_CHANGING).sort());
    expect(reads.sort()).toEqual([...PUBLIC_READS, ...Object.keys(COMMITTEE_READS)].sort());
    for (const [key, policy] of Object.entries(STATE_CHANGING)) {
      const roles = routes.get(key);
      expect({ key, roles: roles && sorted(roles) }).toEqual({ key, roles: policy === 'public' ? undefined : sorted(policy) });
    }
    for (const [key, policy] of Object.entries(COMMITTEE_READS)) expect({ key, roles: sorted(routes.get(key)!) }).toEqual({ key, roles: sorted(policy) });
    for (const key of PUBLIC_READS) expect({ key, roles: routes.get(key) }).toEqual({ key, roles: undefined });
  });

  const guarded = Object.entries(STATE_CHANGING).filter((e): e is [string, MemberRole[]] => e[1] !== 'public');

  it.each(guarded)('%s refuses without a session (401), without or with a wrong CSRF token (403), and the wrong roles (403)', async (key, allowed) => {
    const [method, path] = key.split(' ');
    const url = fill(path);
    const none = await t.call(method, url, {}, { as: null });
    expect([none.status, none.body.error.code]).toEqual([401, 'sign_in_required']);
    for (const role of ROLES) {
      const noToken = await t.call(method, url, {}, { as: as[role], csrf: false });
      expect([role, noToken.status, noToken.body.error.code]).toEqual([role, 403, 'csrf']);
      const wrongToken = await t.call(method, url, {}, { as: { ...as[role], csrf: `${as[role].csrf.slice(0, -2)}xx` } });
      expect([role, wrongToken.status, wrongToken.body.error.code]).toEqual([role, 403, 'csrf']);
      // Signing out for real would end the sessions the other cases use (security-pin tests it).
      if (key === 'DELETE /api/session') continue;
      const withToken = await t.call(method, url, {}, { as: as[role] });
      if (allowed.includes(role)) {
        // Past the guard: the empty body or the unknown id is refused further on, never as 401/403.
        expect([role, withToken.status === 401 || withToken.status === 403]).toEqual([role, false]);
      } else {
        expect([role, withToken.status, withToken.body.error.code]).toEqual([role, 403, 'forbidden']);
      }
    }
  });

  /** The live stream never ends: read its first event, then hang up. */
  async function firstEvent(path: string): Promise<string> {
    const res = await t.app.request(path);
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('\n\n')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    return text;
  }

  it('lets the display (no session) reach no mutating route, no ballot, no record and no audit entry, even with real ids', async () => {
    const electionId = (await t.call('GET', '/api/elections', undefined, { as: null })).body[0].id as string;
    const candidateId = (await t.call('GET', `/api/rounds/${roundId}/candidates`, undefined, { as: null })).body[0].id as string;
    const real = (path: string) =>
      path.replace(':roundId', roundId).replace('/rounds/:id', `/rounds/${roundId}`).replace('/elections/:id', `/elections/${electionId}`).replace('/candidates/:id', `/candidates/${candidateId}`).replace('/ballots/:id', `/ballots/${ballotId}`).replace('/members/:id', `/members/${candidateId}`).replace(/:[A-Za-z]+/gu, 'abcdefgh12'); // piles and entries: none here
    for (const [key, policy] of Object.entries(STATE_CHANGING)) {
      if (policy === 'public') continue;
      const [method, path] = key.split(' ');
      expect([key, (await t.call(method, real(path), {}, { as: null })).status]).toEqual([key, 401]);
    }
    for (const key of Object.keys(COMMITTEE_READS)) {
      const res = await t.call('GET', real(key.split(' ')[1]), undefined, { as: null });
      expect([key, res.status]).toEqual([key, 401]);
    }
    for (const key of PUBLIC_READS) {
      const text = key.endsWith('/live') ? await firstEvent(real(key.split(' ')[1])) : JSON.stringify((await t.call('GET', real(key.split(' ')[1]), undefined, { as: null })).body);
      expect([key, text.includes(ballotId) || text.includes('"struck"') || text.includes('"marks"') || text.includes('pin')]).toEqual([key, false]);
    }
    const tally = await t.call('GET', `/api/rounds/${roundId}/tally`, undefined, { as: null });
    expect(tally.status).toBe(200);
    expect(tally.body.reconciliation.entered).toBe(1);
  });

  it('refuses a second congress on a database that has one, changing nothing', async () => {
    const before = await t.call('GET', '/api/congress', undefined, { as: null });
    const res = await t.call('POST', '/api/congress', { name: 'Đại hội khác', kind: 'members', convened: 10, secretary: { name: 'Kẻ lạ', pin: '0000' } }, { as: null });
    expect([res.status, res.body.error.code]).toEqual([409, 'congress_exists']);
    expect((await t.call('GET', '/api/congress', undefined, { as: null })).body).toEqual(before.body);
    expect((await t.call('GET', '/api/members', undefined, { as: null })).body.map((m: { name: string }) => m.name)).not.toContain('Kẻ lạ');
  });
});
