import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sample } from '../test/support/api.js';
import { freshDir, setUpSample } from '../test/e2e/support.js';
import { HttpClient, startServerProcess } from '../test/support/process.js';

const DISPLAYS = 50;
const BALLOTS = 100;

/** A display as the projector page is: an SSE stream of the round's tally, parsed as it comes. */
function openDisplay(url: string, onTally: (entered: number, at: number) => void): Promise<() => void> {
  const controller = new AbortController();
  return new Promise((resolve, reject) => {
    fetch(url, { signal: controller.signal }).then(async (res) => {
      resolve(() => controller.abort());
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        text += decoder.decode(value, { stream: true });
        for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (block.includes('event: tally')) onTally(JSON.parse(data).reconciliation.entered, performance.now());
        }
      }
    }, reject);
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * The time from a ballot's save (the clerk's POST leaving) to its tally arriving at each of 50
 * display clients, against a real server process; one ballot at a time, each awaited everywhere.
 */
export async function displayLatency(): Promise<void> {
  const dir = freshDir('kp-bench-display-');
  const server = await startServerProcess(join(dir, 'bench.sqlite'));
  try {
    const { record } = sample('executive-committee');
    const { roundId, clerkId } = await setUpSample(server.url, record);
    const clerk = new HttpClient(server.url);
    await clerk.must('POST', '/api/session', { memberId: clerkId, pin: '3333' });
    const waiting = new Map<number, { sentAt: number; left: number; done: () => void }>();
    const latencies: number[] = [];
    const stops = await Promise.all(
      Array.from({ length: DISPLAYS }, () =>
        openDisplay(`${server.url}/api/rounds/${roundId}/live`, (entered, at) => {
          const w = waiting.get(entered);
          if (!w) return;
          latencies.push(at - w.sentAt);
          if (--w.left === 0) w.done();
        }),
      ),
    );
    await new Promise((r) => setTimeout(r, 500));
    const saves: number[] = [];
    for (let i = 0; i < BALLOTS; i++) {
      const arrived = new Promise<void>((done) => waiting.set(i + 1, { sentAt: performance.now(), left: DISPLAYS, done }));
      const sentAt = waiting.get(i + 1)!.sentAt;
      await clerk.must('POST', `/api/rounds/${roundId}/ballots`, { id: `bench-ballot-${i}`, ballot: record.ballots[i] });
      saves.push(performance.now() - sentAt);
      await arrived;
    }
    for (const stop of stops) stop();
    latencies.sort((a, b) => a - b);
    saves.sort((a, b) => a - b);
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    console.log(`${DISPLAYS} SSE displays, ${BALLOTS} ballots saved one at a time (${latencies.length} arrivals)`);
    console.log(`save → display: median ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(latencies.at(-1)!)} (target p95 ≤ 100 ms)`);
    console.log(`the save itself (POST answered): median ${ms(percentile(saves, 50))}, p95 ${ms(percentile(saves, 95))}`);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
