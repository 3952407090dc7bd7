import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HALL_LIMITS } from '../../src/http/connections.js';
import { PIN_ATTEMPTS } from '../../src/db/store/index.js';
import { HttpClient, setUpOverHttp, startServerProcess, stopServerProcess, type ServerProcess } from '../support/process.js';

/**
 * Issue 14, items 1 and 3, against the real server process: a bystander on the hall's network floods
 * it with wrong PINs for every member, then with thousands of idle and half-sent connections from
 * many addresses (127.0.x.y: each one a laptop to the server). The committee's laptops, signed in
 * before, go on entering ballots in bounded time; the head signs in from a laptop that has not failed.
 */
const ATTACKERS = 40;
const SOCKETS_PER_ATTACKER = 100;

/** One raw connection from `localAddress`; resolves once it is open (or has been shut by the server). */
function rawSocket(port: number, localAddress: string, firstBytes?: string): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress });
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      if (firstBytes) socket.write(firstBytes);
      resolve(socket);
    });
    socket.once('close', () => resolve(socket));
  });
}

/** The status line of the first answer on `socket`, or '' if the server closes it unanswered. */
const statusLine = (socket: Socket): Promise<string> =>
  new Promise((resolve) => {
    if (closed(socket)) return resolve('');
    socket.once('data', (d) => resolve(d.toString('latin1').split('\r\n')[0]));
    socket.once('close', () => resolve(''));
  });

const closed = (socket: Socket) => socket.destroyed || socket.readyState === 'closed';

describe('a hostile bystander in the hall: lock-out and connection floods', { timeout: 180_000 }, () => {
  let server: ServerProcess;
  let dir: string;
  let port: number;
  let ids: Awaited<ReturnType<typeof setUpOverHttp>>;
  let clerk: HttpClient;
  let ballotNo = 0;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kp-flood-'));
    server = await startServerProcess(join(dir, 'congress.sqlite'));
    port = Number(new URL(server.url).port);
    const setup = new HttpClient(server.url);
    ids = await setUpOverHttp(setup, { candidates: 12, seats: 10, collected: 400 });
    // The clerk's laptop: signed in before anything happens.
    clerk = new HttpClient(server.url, '127.0.0.200');
    await clerk.signIn(ids.memberIds[0], '3333');
  }, 120_000);

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await stopServerProcess(server);
    rmSync(dir, { recursive: true, force: true });
  });

  /** One ballot from the clerk's laptop; resolves with the time it took. */
  async function enterBallot(): Promise<{ status: number; ms: number }> {
    const started = performance.now();
    ballotNo++;
    const res = await clerk.call('POST', `/api/rounds/${ids.roundId}/ballots`, { id: `flood-ballot-${String(ballotNo).padStart(4, '0')}`, ballot: { struck: [1 + (ballotNo % 12)] } });
    return { status: res.status, ms: performance.now() - started };
  }

  it('a flood of wrong PINs for every member from other laptops locks those laptops out, never the members on their own', async () => {
    const members = [ids.headId, ...ids.memberIds];
    const statuses = new Map<number, number>();
    // Three laptops, each guessing one member's PIN after another until past the lock-out.
    await Promise.all(
      Array.from({ length: 3 }, async (_, i) => {
        const attacker = new HttpClient(server.url, `127.0.3.${i + 1}`);
        for (const memberId of members) {
          for (let n = 0; n < PIN_ATTEMPTS + 1; n++) {
            const res = await attacker.call('POST', '/api/session', { memberId, pin: String(5000 + n * 3 + i) });
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          }
        }
      }),
    );
    // The guesses were refused (wrong PIN, then locked out or throttled), and none got through.
    expect(statuses.get(201)).toBeUndefined();
    expect(statuses.get(429)).toBeGreaterThan(0);

    // The head, at a laptop that has not failed, signs in at once with the right PIN; the clerk enters.
    const head = new HttpClient(server.url, '127.0.0.201');
    await head.signIn(ids.headId, '2222');
    expect((await enterBallot()).status).toBe(201);

    // From an attacking laptop, even the right PIN is refused: that laptop is locked out.
    const fromAttacker = await new HttpClient(server.url, '127.0.3.1').call('POST', '/api/session', { memberId: ids.headId, pin: '2222' });
    expect(fromAttacker.status).toBe(429);

    // Every lock-out is in the audit log with its address; the head lifts them from the page's API.
    const audit = (await head.call('GET', `/api/audit?entityId=${ids.headId}`)).body as { action: string; after: { from?: string; attempts?: number } }[];
    const lockouts = audit.filter((e) => e.action === 'member.locked_out');
    expect(lockouts.map((e) => e.after.from).sort()).toEqual(['127.0.3.1', '127.0.3.2', '127.0.3.3']);
    expect(lockouts.every((e) => e.after.from?.startsWith('127.0.3.') && e.after.attempts === PIN_ATTEMPTS)).toBe(true);
    const locks = (await head.call('GET', '/api/members/locks')).body as { memberId: string; address: string }[];
    expect(locks.filter((l) => l.memberId === ids.headId).map((l) => l.address).sort()).toEqual([...new Set(lockouts.map((e) => e.after.from!))].sort());
    expect((await head.call('POST', `/api/members/${ids.headId}/unlock`)).status).toBe(200);
    expect((await head.call('GET', '/api/members/locks')).body.filter((l: { memberId: string }) => l.memberId === ids.headId)).toEqual([]);
  });

  it(`${ATTACKERS * SOCKETS_PER_ATTACKER} idle and half-sent connections from ${ATTACKERS} addresses do not stop ballot entry from the committee's laptop`, async () => {
    const before = await enterBallot();
    expect(before.status).toBe(201);

    // Half of each attacker's connections send nothing; the other half start a request and stop. The
    // attackers connect at once, each over four lanes of one connection after another (thousands at
    // the same instant would overflow the kernel's accept queue, and the client would count
    // connections the server never saw).
    const LANES = 4;
    await Promise.all(
      Array.from({ length: ATTACKERS * LANES }, async (_, lane) => {
        const address = `127.0.1.${(lane % ATTACKERS) + 1}`;
        for (let s = 0; s < SOCKETS_PER_ATTACKER / LANES; s++) {
          sockets.push(await rawSocket(port, address, s % 2 === 0 ? undefined : 'POST /api/session HTTP/1.1\r\nHost: hall\r\nContent-Length: 100000\r\n'));
        }
      }),
    );
    // The caps held: no more than the strangers' share stays open, whatever the attackers asked (the
    // kernel completes connections before the server accepts, and refuses, them: a moment to settle).
    const open = () => sockets.filter((s) => !closed(s)).length;
    const settle = Date.now() + 5_000;
    while (Date.now() < settle && open() > HALL_LIMITS.strangers) await new Promise((r) => setTimeout(r, 100));
    expect(open()).toBeLessThanOrEqual(HALL_LIMITS.strangers);
    expect(open()).toBeGreaterThan(HALL_LIMITS.strangers / 2);
    // (Which connection is refused when is tested on HallConnections itself, test/http/connections.test.ts:
    // here the idle time-out starts closing the first connections while the last are still opening.)

    // During the flood: 40 ballots from the clerk's laptop, each within 5 s (before the caps none was
    // answered for 20 s). 5 s, not less: CI runs this beside other suites on 2 cores, where one answer
    // has taken 2.6 s; a stalled server is still told apart.
    const during = [];
    for (let i = 0; i < 40; i++) during.push(await enterBallot());
    expect(during.map((d) => d.status)).toEqual(Array(40).fill(201));
    expect(Math.max(...during.map((d) => d.ms))).toBeLessThan(5_000);

    // A new connection of the committee's (the keep-alive one dropped) still finds room.
    const fresh = new HttpClient(server.url, '127.0.0.200');
    fresh.cookie = clerk.cookie;
    fresh.csrf = clerk.csrf;
    expect((await fresh.call('GET', `/api/rounds/${ids.roundId}`)).status).toBe(200);

    // Idle and half-sent connections are cut off once their headers are late.
    const deadline = Date.now() + HALL_LIMITS.headersTimeoutMs + 20_000; // the margin: a busy CI machine closes them late
    while (Date.now() < deadline && sockets.some((s) => !closed(s))) await new Promise((r) => setTimeout(r, 250));
    expect(sockets.filter((s) => !closed(s)).length).toBe(0);
  });

  it(`caps live streams at ${HALL_LIMITS.streamsPerAddress} per address; other laptops still get theirs`, async () => {
    const streams: Socket[] = [];
    const heads: string[] = [];
    for (let i = 0; i < HALL_LIMITS.streamsPerAddress + 2; i++) {
      const socket = await rawSocket(port, '127.0.4.1', `GET /api/rounds/${ids.roundId}/live HTTP/1.1\r\nHost: hall\r\n\r\n`);
      streams.push(socket);
      heads.push(await statusLine(socket));
    }
    expect(heads.filter((h) => h === 'HTTP/1.1 200 OK')).toHaveLength(HALL_LIMITS.streamsPerAddress);
    expect(heads.slice(HALL_LIMITS.streamsPerAddress)).toEqual(Array(2).fill('HTTP/1.1 429 Too Many Requests'));
    const other = await rawSocket(port, '127.0.4.2', `GET /api/rounds/${ids.roundId}/live HTTP/1.1\r\nHost: hall\r\n\r\n`);
    expect(await statusLine(other)).toBe('HTTP/1.1 200 OK');
    for (const s of [...streams, other]) s.destroy();
  });
});
