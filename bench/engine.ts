import { seededRandom } from '../src/seeded-random.js';
import { countRecord, RECORD_FORMAT, type Ballot, type ElectionRecord, type StrikeBallot } from '../src/domain/index.js';


interface Scale {
  label: string;
  ballots: number;
  candidates: number;
  seats: number;
  seed: number;
}

/**
 * A strike-style record as a real room produces it: most voters strike exactly the surplus (keeping
 * as many names as seats), some strike more, and a few ballots are invalid (too many kept, every
 * name struck, or ruled invalid by the committee). Some candidates are struck far more than others.
 */
function strikeRecord(scale: Scale): ElectionRecord {
  const random = seededRandom(scale.seed); // the same records on every run
  const n = scale.candidates;
  const surplus = n - scale.seats;
  // How likely each candidate is to be struck, relative to the others.
  const weight = Array.from({ length: n }, () => 0.2 + random() ** 3 * 4);
  const totalWeight = weight.reduce((a, b) => a + b, 0);
  const stamp = new Int32Array(n + 1);
  const pick = (serial: number): number => {
    for (;;) {
      let r = random() * totalWeight;
      let i = 0;
      while (i < n - 1 && r >= weight[i]) r -= weight[i++];
      if (stamp[i + 1] !== serial) {
        stamp[i + 1] = serial;
        return i + 1;
      }
    }
  };
  const ballots: Ballot[] = [];
  for (let b = 0; b < scale.ballots; b++) {
    const roll = random();
    if (roll < 0.003) {
      ballots.push({ invalid: 'marked' });
      continue;
    }
    let strikes: number;
    if (roll < 0.01) strikes = n; // all struck
    else if (roll < 0.02) strikes = Math.floor(random() * surplus); // too many kept
    else if (roll < 0.85) strikes = surplus;
    else strikes = Math.min(n - 1, surplus + 1 + Math.floor(random() * Math.max(1, surplus)));
    const struck: number[] = [];
    if (strikes === n) for (let no = 1; no <= n; no++) struck.push(no);
    else for (let k = 0; k < strikes; k++) struck.push(pick(b + 1));
    ballots.push({ struck });
  }
  return {
    format: RECORD_FORMAT,
    congress: { name: `Bench: ${scale.label}`, kind: 'delegates', convened: scale.ballots + 10, excluded: 4 },
    election: { title: scale.label, kind: 'executive_committee', seats: scale.seats, alternates: 0, round: 1 },
    candidates: Array.from({ length: n }, (_, i) => ({ no: i + 1, name: `Ứng cử viên ${i + 1}` })),
    ballotsIssued: scale.ballots,
    ballotsCollected: scale.ballots,
    ballots,
  };
}

/** The floor: the least any count can do, one typed-array increment per struck name. */
function floorCount(record: ElectionRecord): Int32Array {
  const counts = new Int32Array(record.candidates.length + 1);
  const { ballots } = record;
  for (let i = 0; i < ballots.length; i++) {
    const struck = (ballots[i] as StrikeBallot).struck;
    if (struck === undefined) continue;
    for (let j = 0; j < struck.length; j++) counts[struck[j]]++;
  }
  return counts;
}

/**
 * Best wall time of each of two pieces of work over `runs` rounds, after one warm-up call of each.
 * The two take turns, so that a busy moment on the machine falls on both alike.
 */
function bestOfEach(runs: number, first: () => unknown, second: () => unknown): [number, number] {
  first();
  second();
  const best = [Infinity, Infinity];
  for (let r = 0; r < runs; r++) {
    [first, second].forEach((work, i) => {
      const start = performance.now();
      work();
      best[i] = Math.min(best[i], performance.now() - start);
    });
  }
  return [best[0], best[1]];
}

const perSecond = (ballots: number, ms: number): string =>
  Math.round((ballots / ms) * 1000).toLocaleString('en-US');

/** Measures one scale and returns the engine's best time in milliseconds and its ratio to the floor. */
function measure(scale: Scale, runs: number): { engineMs: number; ratio: number } {
  const record = strikeRecord(scale);
  const counted = countRecord(record);
  if (!counted.ok) throw new Error(`bench record does not count: ${counted.error.en}`);
  const { valid, invalid } = counted.value.ballots;
  const [engineMs, floorMs] = bestOfEach(runs, () => countRecord(record), () => floorCount(record));
  console.log(`${scale.label}: ${scale.ballots.toLocaleString('en-US')} ballots, ${scale.candidates} candidates, ${scale.seats} seats (${valid} valid, ${invalid} invalid, outcome ${counted.value.outcome})`);
  console.log(`  engine countRecord  ${engineMs.toFixed(2)} ms  ${perSecond(scale.ballots, engineMs)} ballots/s`);
  console.log(`  floor typed array   ${floorMs.toFixed(2)} ms  ${perSecond(scale.ballots, floorMs)} ballots/s`);
  console.log(`  engine / floor      ${(engineMs / floorMs).toFixed(2)}×`);
  return { engineMs, ratio: engineMs / floorMs };
}

export const engineSection = {
  name: 'engine: countRecord against a plain counting loop (best of several runs, after a warm-up)',
  run: () => {
    // Many runs of the small record, so that the best one is of fully optimised code.
    const national = measure({ label: 'national', ballots: 1_600, candidates: 240, seats: 200, seed: 1 }, 500);
    const million = measure({ label: 'million', ballots: 1_000_000, candidates: 17, seats: 15, seed: 2 }, 10);
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log(`target engine within 2× of the floor: ${verdict(national.ratio <= 2 && million.ratio <= 2)}`);
    console.log(`target 1,000,000 ballots under 2 s: ${verdict(million.engineMs < 2000)}`);
  },
};
