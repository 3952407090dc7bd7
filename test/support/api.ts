import { readFileSync } from 'node:fs';
import { openDatabase, type OpenedDatabase } from '../../src/db/connection.js';
import { createApp } from '../../src/http/app.js';
import type { PinCost } from '../../src/db/pin.js';
import { RoundEvents } from '../../src/http/events.js';
import type { ElectionRecord, ElectionResult } from '../../src/domain/index.js';

/**
 * Cheap scrypt parameters for the PINs of test congresses: the tests about hashing itself
 * (test/db/pin.test.ts) and the real server processes keep the real cost (PIN_COST).
 */
export const TEST_PIN_COST: PinCost = { N: 16, r: 1, p: 1 };

export const SAMPLES = new URL('../../../shared/samples/', import.meta.url);

export function sample(name: string): { record: ElectionRecord; result: ElectionResult } {
  const read = (suffix: string) => JSON.parse(readFileSync(new URL(`${name}.${suffix}.json`, SAMPLES), 'utf8'));
  return { record: read('record'), result: read('result') };
}

/**
 * An app on an in-memory database with a deterministic clock and ids, and a client that keeps the
 * session cookie and CSRF token of whoever signed in last (or of the `as` session given).
 */
export async function testApp() {
  const database: OpenedDatabase = await openDatabase(':memory:');
  let tick = 0;
  let serial = 0;
  let skipped = 0;
  const events = new RoundEvents();
  const app = createApp({
    store: { db: database.db, now: () => new Date(Date.UTC(2025, 5, 12, 8, 0, 0) + tick++ * 1000 + skipped), newId: () => `id${String(++serial).padStart(6, '0')}`, pinCost: TEST_PIN_COST },
    events,
  });
  interface Who {
    cookie: string;
    csrf: string;
  }
  let current: Who | null = null;

  /** `from`: the client address the server sees (as the socket would report it). */
  async function call(method: string, path: string, body?: unknown, opts: { as?: Who | null; csrf?: boolean; from?: string } = {}) {
    const who = opts.as === undefined ? current : opts.as;
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (who) {
      headers.Cookie = who.cookie;
      if (opts.csrf !== false) headers['X-CSRF-Token'] = who.csrf;
    }
    const env = opts.from ? { incoming: { socket: { remoteAddress: opts.from } } } : undefined;
    const res = await app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }, env);
    const text = await res.text();
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, body: json, headers: res.headers };
  }

  function remember(res: { headers: Headers; body: any }): Who {
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    current = { cookie, csrf: res.body.csrfToken };
    return current;
  }

  async function signIn(memberId: string, pin: string): Promise<Who> {
    const res = await call('POST', '/api/session', { memberId, pin }, { as: null });
    if (res.status !== 201) throw new Error(`sign-in failed: ${JSON.stringify(res.body)}`);
    return remember(res);
  }

  /** A congress of 166 delegates with a head and two counting members (PINs 2222, 3333, 4444). */
  async function setUpCongress(facts: { convened?: number; excluded?: number } = {}) {
    const created = await call('POST', '/api/congress', {
      name: 'Đại hội đại biểu Đảng bộ phường mẫu, nhiệm kỳ 2025 - 2030',
      kind: 'delegates',
      convened: facts.convened ?? 166,
      excluded: facts.excluded ?? 0,
      secretary: { name: 'Thư ký', pin: '1111' },
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    const setup = remember(created);
    const head = (await call('POST', '/api/members', { name: 'Trưởng ban', role: 'head', pin: '2222' })).body;
    const m1 = (await call('POST', '/api/members', { name: 'Thành viên Một', role: 'member', pin: '3333' })).body;
    const m2 = (await call('POST', '/api/members', { name: 'Thành viên Hai', role: 'member', pin: '4444' })).body;
    return { setup, setupId: created.body.member.id as string, headId: head.id as string, memberIds: [m1.id as string, m2.id as string] };
  }

  /**
   * An election with its list, counts set and counting open (as setup), from a sample record. Most
   * tests type ballots one by one, so the round is set to single entry unless told otherwise.
   */
  async function electionFromRecord(record: ElectionRecord, opts: { entryMode?: 'single' | 'double' } = {}) {
    // A record without alternatesMethod keeps officials and alternates on one ballot (format @1 as first published).
    const method = record.election.alternates > 0 ? { alternatesMethod: record.election.alternatesMethod ?? 'one_ballot' } : {};
    const e = (await call('POST', '/api/elections', { kind: record.election.kind, title: record.election.title, seats: record.election.seats, alternates: record.election.alternates, ...method })).body;
    const roundId = (await call('GET', `/api/elections/${e.id}`)).body.rounds[0].id as string;
    await call('POST', `/api/rounds/${roundId}/candidates`, { names: record.candidates.map((c) => c.name) });
    await call('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: record.ballotsIssued, ballotsCollected: record.ballotsCollected });
    await call('PUT', `/api/rounds/${roundId}/entry-mode`, { mode: opts.entryMode ?? 'single' });
    const opened = await call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting' });
    if (opened.status !== 200) throw new Error(JSON.stringify(opened.body));
    return { electionId: e.id as string, roundId };
  }

  /** Moves the clock on (lock-outs, throttles, session expiry). */
  const advance = (ms: number) => {
    skipped += ms;
  };

  return { app, database, events, call, signIn, setUpCongress, electionFromRecord, advance, close: () => database.close() };
}
