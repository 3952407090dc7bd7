import SQLite from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HttpClient, setUpOverHttp, startServerProcess, stopServerProcess } from '../test/support/process.js';

/**
 * Sustained ballot entry over HTTP on loopback against the real server process (WAL,
 * synchronous=FULL: each ballot is on disk before the reply), beside raw better-sqlite3 one-row
 * transactions with the same pragmas on the same disk, in the same run. Target: ≥ 50% of raw.
 *
 * The server's figure is the counting room's: 8 laptops entering at once (the load bench's clerks),
 * whose ballots the server commits together (group commit: one fsync for the ballots that arrive
 * together, each acknowledged only after it). One clerk alone is printed too: each of its ballots
 * waits for its own fsync and its own HTTP round trip, so it is bound by latency, not by the server.
 */

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CANDIDATES = 17;

/** A strike ballot keeping 15 of 17 names, varied so the stored rows differ. */
const ballotFor = (i: number) => ({ struck: [1 + (i % CANDIDATES), 1 + ((i * 7 + 3) % CANDIDATES)].filter((n, k, a) => a.indexOf(n) === k) });

/** CPU seconds a process has used (Linux /proc, 100 ticks a second), or null elsewhere. */
function cpuSeconds(pid: number): number | null {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return null;
  const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Ballots per second for `seconds`, `clerks` entering at once, each waiting for its reply before the next. */
async function sustain(enter: (i: number) => Promise<void>, seconds: number, clerks: number): Promise<number> {
  let next = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clerks }, async () => {
      while (performance.now() < end) await enter(next++);
    }),
  );
  return next / ((performance.now() - start) / 1000);
}

function rawRate(dir: string, seconds: number): number {
  const db = new SQLite(join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec('CREATE TABLE ballot (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, round_id TEXT NOT NULL, content TEXT NOT NULL, entered_at TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO ballot (id, round_id, content, entered_at) VALUES (?, ?, ?, ?)');
  const one = db.transaction((i: number) => insert.run(`raw-${i}`, 'round', JSON.stringify(ballotFor(i)), new Date().toISOString()));
  let n = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) one(n++);
  const rate = n / ((performance.now() - start) / 1000);
  db.close();
  return rate;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kp-bench-'));
  // Raw first: a pause between HTTP requests longer than the server's keep-alive would close the clients' sockets.
  const raw = rawRate(dir, SECONDS);
  const server = await startServerProcess(join(dir, 'server.sqlite'));
  try {
    const setup = new HttpClient(server.url);
    const { memberIds, roundId } = await setUpOverHttp(setup, { candidates: CANDIDATES, seats: 15, collected: 10_000_000 });
    // The clerks share one signed-in member: what is measured is the server, not the sign-in.
    const clerk = new HttpClient(server.url);
    await clerk.signIn(memberIds[0], '3333');
    const call = async (method: string, path: string, body: unknown) => {
      const res = await clerk.call(method, path, body);
      if (res.status !== 201) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    };
    let serial = 0;
    const enter = async () => {
      const i = serial++;
      await call('POST', `/api/rounds/${roundId}/ballots`, { id: `bench-${String(i).padStart(8, '0')}`, ballot: ballotFor(i) });
    };
    // Warm-up, long enough for the server's code to be compiled to its fastest (a server runs for hours;
    // with 3 s the 8-clerk figure still varied from run to run by a third).
    await sustain(enter, 6, 8);
    const rates = new Map<number, number>();
    const cpu = new Map<number, number>();
    for (const clerks of [1, 4, 8, 16]) {
      const cpuBefore = cpuSeconds(server.pid);
      const enteredBefore = serial;
      rates.set(clerks, await sustain(enter, SECONDS, clerks));
      if (cpuBefore !== null) cpu.set(clerks, ((cpuSeconds(server.pid)! - cpuBefore) * 1000) / (serial - enteredBefore));
    }
    const line = (label: string, rate: number, clerks?: number) =>
      console.log(`  ${label.padEnd(52)} ${rate.toFixed(0).padStart(7)} /s${clerks === undefined ? '' : `   ${((100 * rate) / raw).toFixed(0).padStart(3)}% of raw   server CPU ${cpu.get(clerks)?.toFixed(2) ?? '?'} ms/ballot`}`);
    console.log(`  database directory: ${dir} (WAL, synchronous=FULL), ${SECONDS} s each; load average ${loadavg()[0].toFixed(1)}`);
    line('raw better-sqlite3, one-row transactions', raw);
    for (const [clerks, rate] of rates) line(`HTTP ballot entry, ${clerks} clerk${clerks > 1 ? 's at once' : ' (each reply after commit)'}`, rate, clerks);
    const room = rates.get(8)!;
    console.log(`  ratio (8 clerks / raw): ${((100 * room) / raw).toFixed(0)}% (target ≥ 50%: ${room >= raw / 2 ? 'met' : 'NOT met'}); one clerk alone: ${((100 * rates.get(1)!) / raw).toFixed(0)}%`);
  } finally {
    await stopServerProcess(server);
    rmSync(dir, { recursive: true, force: true });
  }
}
