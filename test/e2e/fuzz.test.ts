import { seededRandom } from '../../src/seeded-random.js';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/process.js';

/**
 * 10,000+ malformed and hostile requests against the real server process holding the demo
 * congress. None may get a 5xx or stop the server, and no table may change: the fuzz never signs in
 * with a real member's id (wrong PINs against real members would, rightly, be logged), and the
 * sessions it uses are opened before the "before" picture.
 */
const TOTAL_HTTP = Number(process.env.FUZZ_HTTP ?? 9_200);
const TOTAL_RAW = Number(process.env.FUZZ_RAW ?? 1_000);
const CONCURRENCY = 16;

/** Draws from one seeded generator: the same fuzz every run, so a failure can be replayed. */
function seeded(seed: number) {
  const next = seededRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  return { next, int, pick, bytes };
}

const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE ballot; --",
  '"); DELETE FROM audit; --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{constructor.constructor("return process")()}}',
  '../../../../etc/passwd',
  '%2e%2e%2f%2e%2e%2f',
  'Nguyễn\u0000Văn',
  '\u202eأ\u200b',
  '\ud800',
  'x'.repeat(5000),
  '${7*7}',
  '__proto__',
  'NaN',
];
const HOSTILE_IDS = ["1' OR '1'='1", '..', '%2e%2e', '..%2f..%2fetc', '%00', 'a'.repeat(65), 'a'.repeat(2000), '<script>', '%3Cb%3E', 'null', 'undefined', '-1', '0x10', 'nobody-at-all', 'ï¿½', '%E0%A4%A', ' ', '%20', '\\..\\'];
const HOSTILE_VALUES: unknown[] = [null, true, -1, 1e308, 0.5, [], {}, [[[]]], { $gt: '' }, 'x'.repeat(300), ...HOSTILE_STRINGS];

type Role = 'setup' | 'head' | 'member';
interface Template {
  method: string;
  path: string;
  roles?: Role[];
  /** A body the route would accept (so hostile variants differ from it in one way). */
  body?: Record<string, unknown>;
  big?: boolean;
}

interface Ids {
  roundCounting: string;
  roundSetup: string;
  electionId: string;
  candidateId: string;
  ballotId: string;
  memberIds: Record<Role, string>;
}

function templates(ids: Ids): Template[] {
  const r = ids.roundCounting;
  return [
    { method: 'POST', path: '/api/congress', body: { name: 'Đại hội khác', kind: 'members', convened: 10, secretary: { name: 'Lạ', pin: '123456' } } },
    { method: 'PATCH', path: '/api/congress', roles: ['setup'], body: { name: 'Tên mới' } },
    { method: 'POST', path: '/api/session', body: { memberId: 'nobody-at-all', pin: '1111' } },
    { method: 'POST', path: '/api/members', roles: ['setup'], body: { name: 'Người lạ', role: 'head', pin: '0000' } },
    { method: 'PATCH', path: `/api/members/${ids.memberIds.member}`, roles: ['setup'], body: { role: 'head' } },
    { method: 'PUT', path: `/api/members/${ids.memberIds.head}/pin`, roles: ['setup', 'head', 'member'], body: { newPin: '000000' } },
    { method: 'POST', path: '/api/elections', roles: ['setup'], body: { kind: 'other', title: 'Bầu lạ', seats: 1 } },
    { method: 'PATCH', path: `/api/elections/${ids.electionId}`, roles: ['setup'], body: { title: 'Đổi' } },
    { method: 'POST', path: '/api/elections/import', roles: ['head'], body: { format: 'kiemphieu/election-record@1' }, big: true },
    { method: 'POST', path: `/api/elections/${ids.electionId}/rounds`, roles: ['head'], body: { decision: 'Quyết định' } },
    { method: 'PATCH', path: `/api/rounds/${r}`, roles: ['setup', 'head'], body: { ballotsIssued: 200 } },
    { method: 'POST', path: `/api/rounds/${r}/transition`, roles: ['setup', 'head'], body: { to: 'counted' } },
    { method: 'POST', path: `/api/rounds/${ids.roundSetup}/candidates`, roles: ['setup'], body: { names: ['Người thêm'] }, big: true },
    { method: 'POST', path: `/api/rounds/${ids.roundSetup}/candidates/import`, roles: ['setup'], body: { format: 'text', content: 'Một\nHai' }, big: true },
    { method: 'PUT', path: `/api/rounds/${ids.roundSetup}/candidates/order`, roles: ['setup'], body: { ids: [ids.candidateId] }, big: true },
    { method: 'PATCH', path: `/api/candidates/${ids.candidateId}`, roles: ['setup'], body: { name: 'Tên khác' } },
    { method: 'POST', path: `/api/rounds/${r}/ballots`, roles: ['head', 'member'], body: { id: 'fuzz-ballot-1', ballot: { struck: [1] } } },
    { method: 'POST', path: `/api/ballots/${ids.ballotId}/void`, roles: ['head', 'member'], body: { reason: 'nhầm' } },
  ];
}

const DELETES = (ids: Ids) => ['/api/session', `/api/members/${ids.memberIds.member}`, `/api/elections/${ids.electionId}`, `/api/candidates/${ids.candidateId}`];
const GETS = (ids: Ids) => [
  '/api/congress', '/api/session', '/api/members', '/api/elections', `/api/elections/${ids.electionId}`, `/api/elections/${ids.electionId}/outcome`, `/api/rounds/${ids.roundCounting}`,
  `/api/rounds/${ids.roundCounting}/tally`, `/api/rounds/${ids.roundCounting}/record`, `/api/rounds/${ids.roundCounting}/ballots`, `/api/rounds/${ids.roundSetup}/candidates/abc-order`, '/api/audit', '/api/audit/verify',
  '/', '/index.html', '/js/hello.ts', '/js/nothing.ts',
];
const QUERIES = ['', '?afterSeq=-1', '?afterSeq=abc', '?limit=999999', '?limit=0', '?includeVoid=maybe', '?entityId=' + 'e'.repeat(200), "?entityId=' OR 1=1", '?afterSeq=1e400', '?a=%00', '?limit=1&limit=2'];

interface Session {
  cookie: string;
  csrf: string;
}

interface Planned {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** One malformed or hostile request; the `sessions` are real, so guards and validation are both exercised. */
function plan(rng: ReturnType<typeof seeded>, ids: Ids, sessions: Record<Role, Session>): Planned {
  const kind = rng.int(10);
  const json = (v: unknown) => Buffer.from(JSON.stringify(v));
  const withSession = (role: Role, csrf: 'right' | 'wrong' | 'none'): Record<string, string> => ({
    Cookie: sessions[role].cookie,
    ...(csrf === 'right' ? { 'X-CSRF-Token': sessions[role].csrf } : csrf === 'wrong' ? { 'X-CSRF-Token': rng.pick([sessions[rng.pick(['setup', 'head', 'member'] as const)].csrf.slice(1), "' OR 1=1", '']) } : {}),
  });
  const roles: Role[] = ['setup', 'head', 'member'];
  const t = rng.pick(templates(ids));
  const JSON_TYPE = { 'Content-Type': 'application/json' };

  if (kind === 0) {
    // Reads of every kind, with hostile query strings, signed in or not.
    const path = rng.pick(GETS(ids)) + rng.pick(QUERIES);
    return { method: rng.pick(['GET', 'HEAD', 'OPTIONS']), path, headers: rng.next() < 0.5 ? {} : withSession(rng.pick(roles), 'none') };
  }
  if (kind === 1) {
    // Wrong methods on every path.
    const path = rng.pick([...GETS(ids), ...templates(ids).map((x) => x.path), ...DELETES(ids)]);
    const routes = new Set([...GETS(ids).map((x) => `GET ${x}`), ...templates(ids).map((x) => `${x.method} ${x.path}`), ...DELETES(ids).map((x) => `DELETE ${x}`)]);
    const methods = ['PUT', 'DELETE', 'PATCH', 'POST', 'TRACE', 'PROPFIND', 'LOCK'].filter((m) => !routes.has(`${m} ${path}`));
    return { method: rng.pick(methods), path, headers: { ...JSON_TYPE, ...withSession(rng.pick(roles), 'right') }, body: json({ x: 1 }) };
  }
  if (kind === 2) {
    // Hostile ids in the path, with any session: not found, never a change.
    const ID = /\/[A-Za-z0-9_-]{21}(?=\/|$)/u; // the demo's ids (nanoid)
    const withId = rng.pick(templates(ids).filter((x) => ID.test(x.path)));
    const del = rng.next() < 0.3;
    const path = del ? rng.pick(DELETES(ids).filter((x) => ID.test(x))) : withId.path;
    return { method: del ? 'DELETE' : withId.method, path: path.replace(ID, `/${rng.pick(HOSTILE_IDS)}`), headers: { ...JSON_TYPE, ...withSession(rng.pick(roles), 'right') }, body: json(withId.body) };
  }
  if (kind === 3) {
    // No session, or a session without (or with a wrong) CSRF token: refused whatever the body.
    const auth = rng.pick([{}, withSession(rng.pick(roles), 'none'), withSession(rng.pick(roles), 'wrong')]);
    const del = rng.next() < 0.25;
    return { method: del ? 'DELETE' : t.method, path: del ? rng.pick(DELETES(ids)) : t.path, headers: { ...JSON_TYPE, ...auth }, body: json(t.body) };
  }
  if (kind === 4 && t.roles) {
    // The wrong role with a valid token and a hostile but well-formed body.
    const wrong = roles.filter((x) => !t.roles!.includes(x));
    if (wrong.length > 0) {
      const key = rng.pick(Object.keys(t.body!));
      return { method: t.method, path: t.path, headers: { ...JSON_TYPE, ...withSession(rng.pick(wrong), 'right') }, body: json({ ...t.body, [key]: rng.pick(HOSTILE_STRINGS) }) };
    }
  }
  // The right role and token (where there is one), and a body that is wrong in one way.
  const auth = t.roles ? withSession(rng.pick(t.roles), 'right') : {};
  const variant = rng.int(8);
  if (variant === 0) return { method: t.method, path: t.path, headers: { ...auth, ...JSON_TYPE }, body: rng.bytes(rng.int(2000)) };
  if (variant === 1) {
    const text = JSON.stringify(t.body);
    return { method: t.method, path: t.path, headers: { ...auth, ...JSON_TYPE }, body: Buffer.from(text.slice(0, rng.int(text.length))) };
  }
  if (variant === 2) return { method: t.method, path: t.path, headers: { ...auth, ...JSON_TYPE }, body: json(rng.pick([null, [], 'text', 42, true, [t.body]])) };
  if (variant === 3) {
    const type = rng.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=zz', 'application/xml', 'application/json; charset=utf-16', 'text/html']);
    return { method: t.method, path: t.path, headers: { ...auth, 'Content-Type': type }, body: rng.next() < 0.5 ? json(t.body) : Buffer.from('name=x&role=head') };
  }
  if (variant === 4) {
    const size = t.big && rng.next() < 0.1 ? 4 * 1024 * 1024 + 1 + rng.int(1000) : 256 * 1024 + 1 + rng.int(100_000);
    const body = Buffer.alloc(size, 0x61);
    body.write('{"names":["');
    return { method: t.method, path: t.path, headers: { ...auth, ...JSON_TYPE }, body };
  }
  if (variant === 5) {
    // Only unknown (and prototype-polluting) fields: required fields missing, or a patch naming nothing.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips
    const text = `{"__proto__":{"role":"setup"},"constructor":{"prototype":{"x":1}},"${rng.pick(HOSTILE_STRINGS).replace(/["\\\u0000-\u001f\ud800-\udfff]/gu, '')}":${JSON.stringify(rng.pick(HOSTILE_STRINGS))}}`;
    return { method: t.method, path: t.path, headers: { ...auth, ...JSON_TYPE }, body: Buffer.from(text) };
  }
  // One field of the right body given a value of a type it never takes (or a string that is too long or not text).
  const key = rng.pick(Object.keys(t.body!));
  const current = t.body![key];
  const candidates = HOSTILE_VALUES.filter((v) => typeof v !== typeof current && !(v === null && key.startsWith('ballots')) && !(Array.isArray(v) && Array.isArray(current)));
  const bad = typeof current === 'string' && rng.next() < 0.5 ? rng.pick(['x'.repeat(5000), 'a\u0000b', 'b\u0007', '\ud800']) : rng.pick(candidates);
  return { method: t.method, path: t.path, headers: { ...auth, ...JSON_TYPE }, body: json({ ...t.body, [key]: bad }) };
}

/** Raw requests no HTTP client would send: path tricks, broken request lines, random bytes. */
function rawRequest(rng: ReturnType<typeof seeded>): Buffer {
  const kind = rng.int(4);
  if (kind === 0) {
    const path = rng.pick([
      '/api/../../etc/passwd', '/../../../../etc/passwd', '/%2e%2e/%2e%2e/package.json', '/js/../../package.json', '/js/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json',
      '/js/..%5c..%5cpackage.json', '/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json', '/api/rounds/%00/tally', '/api/elections/a%00b', '/%00', '/index.html%00.ts', '/js/hello.ts%00',
      '//etc/passwd', '/api//congress', '/api/congress/../audit', '/api/%61udit', '/%E0%A4%A', '/js/%', '/api/' + 'a/'.repeat(500), '/' + 'x'.repeat(8000), '/src/server.ts', '/../src/server.ts', '/.env', '/web/index.html',
    ]);
    return Buffer.from(`${rng.pick(['GET', 'POST', 'HEAD'])} ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
  }
  if (kind === 1) {
    const line = rng.pick(['GET /api/congress HTTP/9.9', 'GET  HTTP/1.1', 'G\u0000ET / HTTP/1.1', 'GET /api/congress', '\r\n\r\n', 'GET /api/congress HTTP/1.1\r\nHost: a\r\nContent-Length: -1', 'POST /api/session HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked', 'GET /api/congress HTTP/1.1\r\nHost: a\r\nX-Big: ' + 'b'.repeat(20000)]);
    return Buffer.from(`${line}\r\nConnection: close\r\n\r\n`);
  }
  if (kind === 2) {
    const body = rng.bytes(rng.int(3000));
    return Buffer.concat([Buffer.from(`POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
  }
  return rng.bytes(1 + rng.int(2000));
}

function dump(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
  } finally {
    db.close();
  }
}

describe('fuzzing the real server process', () => {
  let dir: string;
  let server: ServerProcess;
  let dbFile: string;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiemphieu-fuzz-'));
    dbFile = join(dir, 'fuzz.sqlite');
    server = await startServerProcess(dbFile, {}, { args: ['--demo'] });
  }, 120_000);
  afterAll(async () => {
    agent.destroy();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One request; `status` -1 when no answer came at all (a refused huge body may also close the connection after its 413). */
  async function send(url: URL, p: Planned): Promise<{ status: number; type: string; body: string }> {
    const first = await sendOnce(url, p, false);
    // A kept-alive connection the server closed as idle just as it was reused gives no answer: once more, on a fresh one.
    return first.status === -1 ? sendOnce(url, p, true) : first;
  }

  function sendOnce(url: URL, p: Planned, fresh: boolean): Promise<{ status: number; type: string; body: string }> {
    return new Promise((resolve) => {
      let answered: { status: number; type: string; chunks: Buffer[] } | null = null;
      const finish = (error?: Error) => {
        if (answered) resolve({ status: answered.status, type: answered.type, body: Buffer.concat(answered.chunks).toString('utf8') });
        else resolve({ status: -1, type: '', body: error?.message ?? 'no answer' });
      };
      // A body always goes with its Content-Length (Node sends none for DELETE or TRACE otherwise); a body over
      // the limit goes on its own connection, which the server may close after its 413.
      const headers = p.body ? { ...p.headers, 'Content-Length': String(p.body.length) } : p.headers;
      const own = fresh || (p.body?.length ?? 0) > 64 * 1024;
      const req = request(new URL(p.path.replace(/ /gu, '%20'), url), { method: p.method, headers: own ? { ...headers, Connection: 'close' } : headers, agent: own ? false : agent, timeout: 15_000 }, (res) => {
        answered = { status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), chunks: [] };
        res.on('data', (d: Buffer) => answered!.chunks.push(d));
        res.on('close', () => finish());
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (e) => finish(e));
      req.end(p.body);
    });
  }

  function sendRaw(url: URL, bytes: Buffer): Promise<string> {
    return new Promise((resolve) => {
      const socket = connect(Number(url.port), url.hostname);
      const chunks: Buffer[] = [];
      socket.setTimeout(5_000, () => socket.destroy());
      socket.on('data', (d) => chunks.push(d));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
      socket.end(bytes);
    });
  }

  it(`answers ${TOTAL_HTTP + TOTAL_RAW} malformed and hostile requests without a 5xx, stays up, and changes nothing`, async () => {
    const url = new URL(server.url);
    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await send(url, { method, path, headers: { 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)) });
      return { ...res, json: JSON.parse(res.body) };
    };
    const members = (await call('GET', '/api/members')).json as { id: string; role: Role }[];
    const memberIds = Object.fromEntries((['setup', 'head', 'member'] as const).map((role) => [role, members.find((m) => m.role === role)!.id])) as Record<Role, string>;
    const sessions = {} as Record<Role, Session>;
    for (const [role, pin] of [['setup', '1111'], ['head', '2222'], ['member', '3333']] as const) {
      const res = await send(url, { method: 'POST', path: '/api/session', headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify({ memberId: memberIds[role], pin })) });
      expect(res.status).toBe(201);
      sessions[role] = { cookie: '', csrf: JSON.parse(res.body).csrfToken };
    }
    // The cookie comes back in Set-Cookie; read it with a plain request per role.
    for (const [role, pin] of [['setup', '1111'], ['head', '2222'], ['member', '3333']] as const) {
      const cookie = await new Promise<string>((resolve, reject) => {
        const req = request(new URL('/api/session', url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]));
        });
        req.on('error', reject);
        req.end(JSON.stringify({ memberId: memberIds[role], pin }));
      });
      const session = await call('GET', '/api/session', undefined, { Cookie: cookie });
      sessions[role] = { cookie, csrf: session.json.csrfToken };
    }
    const elections = (await call('GET', '/api/elections')).json as { id: string; rounds: { id: string; state: string }[] }[];
    // The demo's delegation: typed one by one (its executive committee is typed twice, by piles).
    const counting = elections.filter((e) => e.rounds[0].state === 'counting').at(-1)!;
    const setupRound = elections.find((e) => e.rounds[0].state === 'setup')!.rounds[0].id;
    const ids: Ids = {
      roundCounting: counting.rounds[0].id,
      roundSetup: setupRound,
      electionId: counting.id,
      candidateId: (await call('GET', `/api/rounds/${setupRound}/candidates`)).json[0].id,
      ballotId: (await call('GET', `/api/rounds/${counting.rounds[0].id}/ballots`, undefined, { Cookie: sessions.head.cookie })).json[0].id,
      memberIds,
    };

    const before = dump(dbFile);
    const rng = seeded(20251127);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const leaks = /root:x:0:0|"name": "kiemphieu"|startServer|sqlite/u;

    const planned = Array.from({ length: TOTAL_HTTP }, () => plan(rng, ids, sessions));
    let next = 0;
    const worker = async () => {
      while (next < planned.length) {
        const p = planned[next++];
        const res = await send(url, p).catch((e: Error) => ({ status: -1, type: '', body: e.message }));
        // A body of megabytes may be refused before it is all read (the server answers and closes):
        // the client then meets EPIPE writing the rest. A refusal, not a failure; the server is checked up after.
        if (res.status === -1 && /EPIPE|ECONNRESET/u.test(res.body) && (p.body?.length ?? 0) > 1_000_000) {
          statuses.set(413, (statuses.get(413) ?? 0) + 1);
          continue;
        }
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const label = `${p.method} ${p.path.slice(0, 80)} ${p.headers['Content-Type'] ?? ''} ${p.body?.subarray(0, 60).toString('latin1') ?? ''}`;
        if (res.status < 200 || res.status >= 500) failures.push(`${res.status} ${label}: ${res.body.slice(0, 200)}`);
        else if (p.method !== 'GET' && p.method !== 'HEAD' && p.method !== 'OPTIONS' && res.status < 300) failures.push(`accepted ${res.status} ${label}: ${res.body.slice(0, 200)}`);
        else if (res.status >= 400 && p.method !== 'HEAD' && p.path.startsWith('/api') && !/^\{"error":\{"code":"[a-z_]+","message":/u.test(res.body)) failures.push(`not the error shape ${res.status} ${label}: ${res.body.slice(0, 200)}`);
        if (leaks.test(res.body) && !p.path.includes('/record') && !p.path.includes('/audit')) failures.push(`leak ${label}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    const raws = Array.from({ length: TOTAL_RAW }, () => rawRequest(rng));
    let nextRaw = 0;
    const rawWorker = async () => {
      while (nextRaw < raws.length) {
        const bytes = raws[nextRaw++];
        const answer = await sendRaw(url, bytes);
        const status = Number(/^HTTP\/1\.1 (\d{3})/u.exec(answer)?.[1] ?? 0);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500) failures.push(`raw ${status}: ${bytes.subarray(0, 80).toString('latin1')}`);
        if (leaks.test(answer)) failures.push(`raw leak: ${bytes.subarray(0, 80).toString('latin1')}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, rawWorker));

    expect(failures.slice(0, 20)).toEqual([]);
    expect(server.child.exitCode).toBeNull();
    expect((await call('GET', '/api/congress')).status).toBe(200);
    expect((await call('GET', '/api/audit/verify', undefined, { Cookie: sessions.head.cookie })).json).toMatchObject({ ok: true });
    const after = dump(dbFile);
    for (const table of Object.keys(before)) expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    // The fuzz reached the guards, the validation and the limits, not just the 404 handler.
    for (const status of [400, 401, 403, 404, 413, 415, 429]) expect({ status, seen: (statuses.get(status) ?? 0) > 0 }).toEqual({ status, seen: true });
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(TOTAL_HTTP + TOTAL_RAW);
  }, 240_000);
});
