import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpClient, openElection, setUpOverHttp, startServerProcess, stopServerProcess } from '../test/support/process.js';

/**
 * Load: the real server process (`kiemphieu serve`), 8 entry clients entering ballots as fast as the
 * server answers (no pause between ballots: far above a counting room's pace) and 50 displays
 * reading the live tally. Rounds of 500 ballots (a large congress), 19 names for 15 seats; when a
 * round is full the entry clients move to the next election. Backups run every minute meanwhile.
 * The displays hold the live event stream (GET /api/rounds/:id/live), as the projector page does; their
 * lag is the time from a ballot's acknowledgement to a display receiving a tally that shows it.
 * Targets: no error, entry p99 ≤ 50 ms, peak server memory (VmHWM) ≤ 200 MB.
 */
const ENTRY_CLIENTS = 8;
const DISPLAYS = 50;
const ROUND_SIZE = 500;
const CANDIDATES = 19;
const SEATS = 15;

const percentile = (sorted: number[], p: number): number => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
const ms = (n: number) => `${n.toFixed(1)} ms`;

function peakMemoryMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/u.exec(status)?.[1] ?? NaN) / 1024;
}

async function run(): Promise<void> {
  const short = process.argv.includes('--short') || process.env.KIEMPHIEU_BENCH_SHORT === '1';
  const seconds = short ? 30 : 300;
  const dir = mkdtempSync(join(tmpdir(), 'kiemphieu-load-'));
  const server = await startServerProcess(join(dir, 'k.sqlite'), { KIEMPHIEU_BACKUP_MINUTES: '1' });
  try {
    const setup = new HttpClient(server.url);
    const election = { candidates: CANDIDATES, seats: SEATS, collected: ROUND_SIZE };
    const first = await setUpOverHttp(setup, election);
    const rounds: Promise<string>[] = [Promise.resolve(first.roundId)];
    let current = first.roundId;
    const roundOf = async (ticket: number): Promise<string> => {
      const index = Math.floor(ticket / ROUND_SIZE);
      while (rounds.length <= index) rounds.push(rounds[rounds.length - 1].then(() => openElection(setup, { ...election, title: `Bầu lượt ${rounds.length + 1}` })));
      return rounds[index];
    };

    const people: [string, string][] = [[first.memberIds[0], '3333'], [first.memberIds[1], '4444'], [first.headId, '2222']];
    const entry = await Promise.all(
      Array.from({ length: ENTRY_CLIENTS }, async (_, i) => {
        const c = new HttpClient(server.url);
        await c.signIn(...people[i % people.length]);
        return c;
      }),
    );
    const latencies: number[] = [];
    const acks = new Map<string, { seq: number; at: number }[]>();
    const errors: string[] = [];
    let tickets = 0;
    const started = performance.now();
    const end = started + seconds * 1000;

    const enter = async (client: HttpClient, n: number) => {
      let serial = 0;
      while (performance.now() < end) {
        const roundId = await roundOf(tickets++);
        current = roundId;
        const struck = new Set<number>();
        while (struck.size < 4 + (serial % 5)) struck.add(1 + Math.floor(Math.random() * CANDIDATES));
        const t0 = performance.now();
        try {
          const res = await client.call('POST', `/api/rounds/${roundId}/ballots`, { id: `load-${n}-${String(++serial).padStart(7, '0')}`, ballot: { struck: [...struck] } });
          const t1 = performance.now();
          if (res.status !== 201) errors.push(`entry ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}`);
          else {
            latencies.push(t1 - t0);
            (acks.get(roundId) ?? acks.set(roundId, []).get(roundId)!).push({ seq: res.body.ballot.seq, at: t1 });
          }
        } catch (e) {
          errors.push(`entry: ${(e as Error).message} (${String((e as { cause?: unknown }).cause)})`);
        }
      }
    };

    const observations: { display: number; roundId: string; entered: number; at: number }[] = [];
    // A display is what the projector page is: an event stream of the round's tally, moved to the
    // next round when the entry clients move on.
    const display = async (n: number) => {
      while (performance.now() < end) {
        const roundId = current;
        const controller = new AbortController();
        const watch = setInterval(() => {
          if (current !== roundId || performance.now() >= end) controller.abort();
        }, 100);
        try {
          // node:http, as the other clients: a display's reading must not crowd out the server it measures.
          await new Promise<void>((resolve, reject) => {
            const req = http.get(`${server.url}/api/rounds/${roundId}/live?audience=public`, { agent: false, signal: controller.signal }, (res) => {
              if (res.statusCode !== 200) errors.push(`display ${res.statusCode}`);
              let buffer = '';
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => {
                buffer += chunk;
                for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
                  const data = buffer.slice(0, cut).split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n');
                  buffer = buffer.slice(cut + 2);
                  if (data) observations.push({ display: n, roundId, entered: JSON.parse(data).reconciliation.entered, at: performance.now() });
                }
              });
              res.on('close', resolve);
              res.on('error', reject);
            });
            req.on('error', reject);
          });
        } catch (e) {
          if (!controller.signal.aborted) errors.push(`display: ${(e as Error).message} (${String((e as { cause?: unknown }).cause)})`);
        } finally {
          clearInterval(watch);
        }
      }
    };

    await Promise.all([...entry.map((c, i) => enter(c, i)), ...Array.from({ length: DISPLAYS }, (_, i) => display(i))]);
    const elapsed = (performance.now() - started) / 1000;
    const peakMb = peakMemoryMb(server.pid);

    // Display lag: for each display, each ballot it newly shows, the time since that ballot was acknowledged.
    const ackTimes = new Map([...acks].map(([roundId, list]) => [roundId, list.sort((a, b) => a.seq - b.seq).map((a) => a.at)]));
    const seen = new Map<string, number>();
    const lags: number[] = [];
    for (const o of observations) {
      const key = `${o.display}/${o.roundId}`;
      const times = ackTimes.get(o.roundId) ?? [];
      for (let k = seen.get(key) ?? 0; k < Math.min(o.entered, times.length); k++) lags.push(Math.max(0, o.at - times[k]));
      seen.set(key, Math.max(seen.get(key) ?? 0, o.entered));
    }
    latencies.sort((a, b) => a - b);
    lags.sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    const figures = {
      seconds: Math.round(elapsed),
      ballots: latencies.length,
      ballotsPerSecond: Number((latencies.length / elapsed).toFixed(1)),
      rounds: rounds.length,
      entryP50: percentile(latencies, 50),
      entryP95: percentile(latencies, 95),
      entryP99: p99,
      displayReads: observations.length,
      displayLagP95: percentile(lags, 95),
      peakMemoryMb: Number(peakMb.toFixed(1)),
      errors: errors.length,
    };
    const mark = (pass: boolean) => (pass ? 'ok' : 'MISSED');
    process.stdout.write(
      [
        `load (${short ? '30 s, --short' : '5 min'}): ${ENTRY_CLIENTS} entry clients, ${DISPLAYS} displays on the live event stream, rounds of ${ROUND_SIZE}`,
        `  ballots entered      ${figures.ballots} in ${figures.seconds} s = ${figures.ballotsPerSecond}/s over ${figures.rounds} rounds`,
        `  entry latency        p50 ${ms(figures.entryP50)}  p95 ${ms(figures.entryP95)}  p99 ${ms(p99)}  [target p99 ≤ 50 ms: ${mark(p99 <= 50)}]`,
        `  display lag          p95 ${ms(figures.displayLagP95)} over ${figures.displayReads} tally events`,
        `  server peak memory   ${figures.peakMemoryMb} MB (VmHWM)  [target ≤ 200 MB: ${mark(peakMb <= 200)}]`,
        `  errors               ${errors.length}  [target 0: ${mark(errors.length === 0)}]${errors.length ? `; first: ${errors[0]}` : ''}`,
        `  ${JSON.stringify(figures)}`,
        '',
      ].join('\n'),
    );
  } finally {
    await stopServerProcess(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

export const loadSection = {
  name: 'load: 8 entry clients and 50 displays against the real server process (--short: 30 s)',
  run,
};
