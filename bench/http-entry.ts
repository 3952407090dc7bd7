import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpClient, startServerProcess, stopServerProcess, type ServerProcess } from '../test/support/process.js';

/**
 * Ballot entry over HTTP as a counting room does it by default: double entry (the default for every
 * election with more than one place), 4 piles typed at once, each by two typists (pass 1 and pass 2),
 * every ballot with its audit entry, against the real server process (`kiemphieu serve`, WAL,
 * synchronous=FULL: each acknowledged ballot is on disk). Measured twice: at a counting room's pace
 * (each typist keys one ballot every PACE_MS) and at full speed (no pause). For each: ballots a
 * second, latency, the server's CPU per ballot and the fsyncs per ballot, counted by running the
 * server under `strace -e trace=fsync,fdatasync` (seccomp filter: only those calls are stopped).
 * Beside it, raw better-sqlite3 doing the same number of fsyncs (one-row transactions, WAL,
 * synchronous=FULL, same disk): how long the disk alone needs for them.
 */

const FULL_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const PACE_SECONDS = Number(process.env.BENCH_PACE_SECONDS ?? 20);
/** A practised typist keys a 17-name strike ballot (about 3 keys) and checks it in ~2 s. */
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 2000);
const PILES_AT_ONCE = 4;
const PILE_SIZE = 50;
const CANDIDATES = 17;
const SEATS = 15;

/** A strike ballot keeping 15 of 17 names, varied so the stored rows differ. */
const ballotFor = (i: number) => ({ struck: [...new Set([1 + (i % CANDIDATES), 1 + ((i * 7 + 3) % CANDIDATES)])] });

/** CPU seconds a process has used (Linux /proc, 100 ticks a second). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The node process strace started (its only child). */
function tracedPid(stracePid: number): number {
  const children = readFileSync(`/proc/${stracePid}/task/${stracePid}/children`, 'utf8').trim().split(/\s+/u);
  return Number(children[0]);
}

/** fsync and fdatasync calls the server made so far: strace writes one line per call to the server's stderr. */
const fsyncsSoFar = (server: ServerProcess): number => (server.stderr().match(/^(\[pid +\d+\] )?f(data)?sync\(/gmu) ?? []).length;

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

interface Typist {
  client: HttpClient;
}

interface Phase {
  ballots: number;
  seconds: number;
  latencies: number[];
  cpuMs: number;
  fsyncs: number;
}

/**
 * Pairs of typists type piles of PILE_SIZE, the first of the pair declaring each pile; when a pile
 * is typed twice the pair takes the next one. Every answer must be 201.
 */
async function typePiles(roundId: string, pairs: [Typist, Typist][], seconds: number, pauseMs: number, serial: { n: number }): Promise<{ ballots: number; latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let ballots = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  const must = async (t: Typist, method: string, path: string, body: unknown): Promise<any> => {
    const res = await t.client.call(method, path, body);
    if (res.status !== 201) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  await Promise.all(
    pairs.map(async ([first, second]) => {
      while (performance.now() < end) {
        const pile = await must(first, 'POST', `/api/rounds/${roundId}/piles`, { id: randomUUID(), declared: PILE_SIZE });
        const typeOne = async (t: Typist, pass: 1 | 2) => {
          for (let position = 1; position <= PILE_SIZE && performance.now() < end; position++) {
            const i = serial.n++;
            const sent = performance.now();
            await must(t, 'POST', `/api/piles/${pile.id}/passes/${pass}/ballots`, { id: `p${pile.number}-${pass}-${String(position).padStart(4, '0')}`, position, ballot: ballotFor(pile.number * PILE_SIZE + position) });
            latencies.push(performance.now() - sent);
            ballots++;
            if (pauseMs > 0) await sleep(pauseMs - (i % 5) * (pauseMs / 10));
          }
        };
        await Promise.all([typeOne(first, 1), typeOne(second, 2)]);
      }
    }),
  );
  return { ballots, latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - start) / 1000 };
}

async function measured(server: ServerProcess, nodePid: number, work: () => Promise<{ ballots: number; latencies: number[]; seconds: number }>): Promise<Phase> {
  const cpuBefore = cpuSeconds(nodePid);
  const fsyncsBefore = fsyncsSoFar(server);
  const done = await work();
  // strace prints a call once it returns: the last replies' fsyncs are printed by now.
  await sleep(200);
  return { ...done, cpuMs: (cpuSeconds(nodePid) - cpuBefore) * 1000, fsyncs: fsyncsSoFar(server) - fsyncsBefore };
}

/** Raw better-sqlite3 making `fsyncs` one-row commits (each one fsync of the WAL under synchronous=FULL): seconds taken. */
function rawSeconds(dir: string, commits: number): number {
  const db = new SQLite(join(dir, `raw-${commits}.sqlite`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE ballot (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, content TEXT NOT NULL, entered_at TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO ballot (id, content, entered_at) VALUES (?, ?, ?)');
  const one = db.transaction((i: number) => insert.run(`raw-${i}`, JSON.stringify(ballotFor(i)), new Date().toISOString()));
  const start = performance.now();
  for (let i = 0; i < commits; i++) one(i);
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return seconds;
}

async function setUp(url: string): Promise<{ roundId: string; pairs: [Typist, Typist][] }> {
  const setup = new HttpClient(url);
  const created = await setup.call('POST', '/api/congress', { name: 'Đại hội đại biểu Đảng bộ phường thử tải', kind: 'delegates', convened: 100_000, secretary: { name: 'Thư ký', pin: '1111' } });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  const members: string[] = [];
  for (let i = 0; i < PILES_AT_ONCE * 2; i++) members.push((await setup.call('POST', '/api/members', { name: `Thành viên ${i + 1}`, role: 'member', pin: '3333' })).body.id);
  const election = (await setup.call('POST', '/api/elections', { kind: 'executive_committee', title: 'Bầu Ban Chấp hành', seats: SEATS, alternates: 0 })).body;
  const roundId = (await setup.call('GET', `/api/elections/${election.id}`)).body.rounds[0].id as string;
  await setup.call('POST', `/api/rounds/${roundId}/candidates`, { names: Array.from({ length: CANDIDATES }, (_, i) => `Ứng viên số ${i + 1}`) });
  await setup.call('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: 100_000, ballotsCollected: 100_000 });
  const opened = await setup.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting' });
  if (opened.status !== 200) throw new Error(JSON.stringify(opened.body));
  const mode = (await setup.call('GET', `/api/rounds/${roundId}/entry`)).body.mode;
  if (mode !== 'double') throw new Error(`the default entry mode of a 15-seat election should be double, it is ${mode}`);
  const typists = await Promise.all(
    members.map(async (id) => {
      const client = new HttpClient(url);
      await client.signIn(id, '3333');
      return { client };
    }),
  );
  return { roundId, pairs: Array.from({ length: PILES_AT_ONCE }, (_, p) => [typists[2 * p], typists[2 * p + 1]] as [Typist, Typist]) };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kp-bench-'));
  const server = await startServerProcess(join(dir, 'server.sqlite'), {}, { wrapper: ['strace', '-f', '--seccomp-bpf', '-qq', '-e', 'trace=fsync,fdatasync'] });
  try {
    const nodePid = tracedPid(server.pid);
    const { roundId, pairs } = await setUp(server.url);
    const serial = { n: 0 };
    // Warm-up: the server's code compiled to its fastest.
    await typePiles(roundId, pairs, 4, 0, serial);
    const pace = await measured(server, nodePid, () => typePiles(roundId, pairs, PACE_SECONDS, PACE_MS, serial));
    const full = await measured(server, nodePid, () => typePiles(roundId, pairs, FULL_SECONDS, 0, serial));
    const raw = rawSeconds(dir, full.fsyncs);
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    const line = (label: string, p: Phase) =>
      console.log(
        `  ${label.padEnd(40)} ${(p.ballots / p.seconds).toFixed(0).padStart(5)} ballots/s   latency p50 ${ms(percentile(p.latencies, 50))}, p99 ${ms(percentile(p.latencies, 99))}, max ${ms(p.latencies[p.latencies.length - 1])}   ` +
          `server CPU ${(p.cpuMs / p.ballots).toFixed(2)} ms/ballot   fsyncs ${(p.fsyncs / p.ballots).toFixed(2)}/ballot (${p.fsyncs} for ${p.ballots})`,
      );
    console.log(`  double entry, ${PILES_AT_ONCE} piles at once, 2 typists each (${PILES_AT_ONCE * 2} clients), piles of ${PILE_SIZE}, ${CANDIDATES} names for ${SEATS} seats; load average ${loadavg()[0].toFixed(1)}`);
    line(`counting room's pace (1 per ${PACE_MS / 1000} s each, ${PACE_SECONDS} s)`, pace);
    line(`full speed (${FULL_SECONDS} s)`, full);
    console.log(`  raw better-sqlite3, the same ${full.fsyncs} fsyncs as one-row commits: ${raw.toFixed(2)} s (${(full.fsyncs / raw).toFixed(0)} commits/s); the server took ${full.seconds.toFixed(2)} s for them: ${((100 * raw) / full.seconds).toFixed(0)}% of its time is the disk's`);
    const usedCpu = full.cpuMs / 1000 / full.seconds;
    console.log(`  at full speed the server used ${(100 * usedCpu).toFixed(0)}% of one core; the counting room's pace asks ${((PILES_AT_ONCE * 2 * 1000) / PACE_MS).toFixed(0)} ballots/s of it`);
  } finally {
    // The server first, then strace ends with it.
    if (existsSync(`/proc/${server.pid}`)) {
      try {
        process.kill(tracedPid(server.pid), 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await stopServerProcess(server);
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}
