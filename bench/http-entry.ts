import SQLite from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HttpClient, setUpOverHttp, startServerProcess, stopServerProcess } from '../test/support/process.js';

/**
 * Sustained ballot entry over HTTP on loopback against the real server process (WAL; each ballot's
 * WAL frames are synced to disk before the reply), beside raw better-sqlite3 one-row transactions
 * with synchronous=FULL on the same disk, in the same run. Target: ≥ 50% of raw.
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

let rawRuns = 0;
function rawRate(dir: string, seconds: number): number {
  const db = new SQLite(join(dir, `raw-${++rawRuns}.sqlite`));
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

/** Raw and 8 clerks are measured alternately, PAIRS times for PAIR_SECONDS each; see run. */
const PAIRS = 3;
const PAIR_SECONDS = 3;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kp-bench-'));
  const raws = [rawRate(dir, SECONDS)];
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
    // The target's ratio. The disk's fsync rate drifts (raw from 3,500 to 5,200 a second within
    // minutes on the 2-core test machine), so one raw figure taken at another moment than the HTTP
    // one makes the ratio a matter of luck: raw and 8 clerks are measured in turn, a few seconds
    // each (less than the server's 5 s keep-alive, so the clerks' connections stay open while raw
    // runs), and the ratio is the median of the pairs'.
    const ratios: number[] = [];
    for (let pair = 0; pair < PAIRS; pair++) {
      const raw = rawRate(dir, PAIR_SECONDS);
      raws.push(raw);
      ratios.push((await sustain(enter, PAIR_SECONDS, 8)) / raw);
    }
    const raw = median(raws);
    const line = (label: string, rate: number, clerks?: number) =>
      console.log(`  ${label.padEnd(52)} ${rate.toFixed(0).padStart(7)} /s${clerks === undefined ? '' : `   ${((100 * rate) / raw).toFixed(0).padStart(3)}% of raw   server CPU ${cpu.get(clerks)?.toFixed(2) ?? '?'} ms/ballot`}`);
    console.log(`  database directory: ${dir} (WAL, synchronous=FULL), ${SECONDS} s each; load average ${loadavg()[0].toFixed(1)}`);
    line(`raw better-sqlite3, one-row transactions (median of ${raws.length})`, raw);
    console.log(`  ${''.padEnd(52)} raw samples: ${raws.map((r) => r.toFixed(0)).join(', ')}`);
    for (const [clerks, rate] of rates) line(`HTTP ballot entry, ${clerks} clerk${clerks > 1 ? 's at once' : ' (each reply after commit)'}`, rate, clerks);
    const ratio = median(ratios);
    console.log(`  8 clerks / raw, measured in turn: ${ratios.map((r) => `${(100 * r).toFixed(0)}%`).join(', ')}`);
    console.log(`  ratio (8 clerks / raw, median of ${PAIRS} pairs): ${(100 * ratio).toFixed(0)}% (target ≥ 50%: ${ratio >= 0.5 ? 'met' : 'NOT met'}); one clerk alone: ${((100 * rates.get(1)!) / raw).toFixed(0)}%`);
  } finally {
    await stopServerProcess(server);
    rmSync(dir, { recursive: true, force: true });
  }
}
