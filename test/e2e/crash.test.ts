import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpClient, setUpOverHttp, startServerProcess, stopServerProcess, type ServerProcess } from '../support/process.js';

const KILLS = 20;
const CLIENTS = 4;
const CANDIDATES = 19;
const SEATS = 15;

interface Entry {
  id: string;
  struck: number[];
}

/** A counting member at a keyboard: enters ballots one after another, each under an id it made. */
class Clerk {
  /** Ballots the server acknowledged (201, or 200 for a retry of one already stored). */
  readonly acknowledged = new Map<string, Entry>();
  /** The ballot sent whose answer never came (the server died): sent again, same id, once it is back. */
  pending: Entry | null = null;
  retries = 0;
  retriesAlreadyStored = 0;
  resent = 0;
  errors: string[] = [];
  private serial = 0;

  constructor(
    readonly name: string,
    readonly client: HttpClient,
    readonly roundId: string,
  ) {}

  private nextEntry(): Entry {
    const struck = new Set<number>();
    const strikes = 4 + Math.floor(Math.random() * 5);
    while (struck.size < strikes) struck.add(1 + Math.floor(Math.random() * CANDIDATES));
    return { id: `${this.name}-${String(++this.serial).padStart(6, '0')}`, struck: [...struck].sort((a, b) => a - b) };
  }

  /** Sends one ballot: its status, or 'down' when no answer came (the server died or is not back yet). */
  private async send(entry: Entry): Promise<number | 'down'> {
    let res: Awaited<ReturnType<HttpClient['call']>>;
    try {
      res = await this.client.call('POST', `/api/rounds/${this.roundId}/ballots`, { id: entry.id, ballot: { struck: entry.struck } });
    } catch {
      return 'down';
    }
    if (res.status === 201 || (res.status === 200 && res.body.created === false)) this.acknowledged.set(entry.id, entry);
    else this.errors.push(`${entry.id}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.status;
  }

  /** Sends the pending ballot (again, after a crash: same id); true once it is answered. */
  async sendPending(): Promise<boolean> {
    if (!this.pending) return true;
    const status = await this.send(this.pending);
    if (status === 'down') return false;
    // 200: the ballot was stored before the crash though its answer was lost; it still counts once.
    if (status === 200) this.retriesAlreadyStored++;
    this.pending = null;
    return true;
  }

  /** Works until the server goes away: first the unanswered ballot, now and then a second save, else new ballots. */
  async work(): Promise<void> {
    if (this.pending) {
      this.retries++;
      if (!(await this.sendPending())) return;
    }
    for (;;) {
      if (this.acknowledged.size > 0 && Math.random() < 0.05) {
        // The clerk presses save again on a ballot already saved: it must not count twice.
        const again = [...this.acknowledged.values()][Math.floor(Math.random() * this.acknowledged.size)];
        this.resent++;
        const status = await this.send(again);
        if (status === 'down') return;
        if (status !== 200) this.errors.push(`${again.id}: saved again, answered ${status}`);
        continue;
      }
      this.pending = this.nextEntry();
      if (!(await this.sendPending())) return;
    }
  }
}

describe('the server, killed with SIGKILL over and over while ballots are entered', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiemphieu-crash-'));
  const dbPath = join(dir, 'k.sqlite');
  let server: ServerProcess | null = null;
  afterAll(async () => {
    await stopServerProcess(server, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  // Most of the time is the 21 starts of `node bin/kiemphieu.js` (Node and the built dist/, a few
  // tenths of a second of CPU each); the timeout leaves room for a busy shared 2-core machine.
  it('loses no acknowledged ballot, counts no retry twice, and keeps the audit chain whole', { timeout: 300_000 }, async () => {
    server = await startServerProcess(dbPath);
    const setup = new HttpClient(server.url);
    const { headId, memberIds, roundId } = await setUpOverHttp(setup, { candidates: CANDIDATES, seats: SEATS, collected: 10_000 });
    const people: [string, string][] = [
      [memberIds[0], '3333'],
      [memberIds[1], '4444'],
      [headId, '2222'],
      [memberIds[0], '3333'],
    ];
    const clerks: Clerk[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const client = new HttpClient(server.url);
      await client.signIn(...people[i]);
      clerks.push(new Clerk(`clerk${i}`, client, roundId));
    }

    const acknowledgedCount = () => clerks.reduce((n, c) => n + c.acknowledged.size, 0);
    for (let kill = 0; kill < KILLS; kill++) {
      if (kill > 0) {
        server = await startServerProcess(dbPath);
        for (const c of [setup, ...clerks.map((k) => k.client)]) c.base = server.url;
      }
      const working = Promise.all(clerks.map((c) => c.work()));
      // The kill lands at a random moment once ballots are flowing again (the first answers after a
      // start come slowly while the process warms up).
      const flowing = acknowledgedCount() + 1;
      for (let waited = 0; acknowledgedCount() < flowing && waited < 30_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, Math.random() * 250));
      server.child.kill('SIGKILL');
      expect(await server.exited).toBe('SIGKILL');
      await working;
    }

    // Started once more: every unanswered ballot is sent again, then the count is checked.
    server = await startServerProcess(dbPath);
    for (const c of [setup, ...clerks.map((k) => k.client)]) c.base = server.url;
    for (const clerk of clerks) {
      if (clerk.pending) clerk.retries++;
      expect(await clerk.sendPending()).toBe(true);
    }
    expect(clerks.flatMap((c) => c.errors)).toEqual([]);

    const acknowledged = new Map(clerks.flatMap((c) => [...c.acknowledged]));
    const stored = (await setup.call('GET', `/api/rounds/${roundId}/ballots?includeVoid=true`)).body as { id: string; ballot: { struck: number[] } }[];
    const storedIds = stored.map((b) => b.id);
    expect(new Set(storedIds).size).toBe(storedIds.length);
    expect([...storedIds].sort()).toEqual([...acknowledged.keys()].sort());
    for (const b of stored) expect(b.ballot.struck).toEqual(acknowledged.get(b.id)?.struck);

    // The tally counts each acknowledged ballot once: a name's votes are the ballots that kept it.
    const tally = (await setup.call('GET', `/api/rounds/${roundId}/tally`)).body;
    expect(tally.reconciliation.entered).toBe(acknowledged.size);
    expect(tally.result.ballots.valid).toBe(acknowledged.size);
    for (let no = 1; no <= CANDIDATES; no++) {
      const kept = [...acknowledged.values()].filter((e) => !e.struck.includes(no)).length;
      expect(tally.result.candidates.find((c: { no: number }) => c.no === no).votes).toBe(kept);
    }

    const chain = (await setup.call('GET', '/api/audit/verify')).body;
    expect(chain.ok).toBe(true);
    let entered = 0;
    for (let after = 0; ; ) {
      const page = (await setup.call('GET', `/api/audit?afterSeq=${after}&limit=5000`)).body as { seq: number; action: string }[];
      if (page.length === 0) break;
      entered += page.filter((e) => e.action === 'ballot.enter').length;
      after = page[page.length - 1].seq;
    }
    expect(entered).toBe(acknowledged.size);

    const sum = (f: (c: Clerk) => number) => clerks.reduce((n, c) => n + f(c), 0);
    console.info(`${KILLS} kills: ${acknowledged.size} ballots acknowledged, ${sum((c) => c.retries)} sent again after a crash (${sum((c) => c.retriesAlreadyStored)} of them already stored), ${sum((c) => c.resent)} saved twice by hand; audit ${chain.entries} entries`);
    expect(acknowledged.size).toBeGreaterThan(KILLS);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
