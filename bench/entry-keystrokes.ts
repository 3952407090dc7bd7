import { classifyBallot, type Ballot } from '../src/domain/index.js';
import { numberComplete, type BallotList } from '../web/js/ballot-line.js';
import { sample } from '../test/support/api.js';

/**
 * Keys typed for one ballot with the entry screen's scheme, the shortest way: the struck numbers
 * (a space only after a number that could go on), `*` for all struck, a ruling key; then Enter, and
 * a second Enter to confirm an invalid ballot.
 */
function keystrokes(ballot: Ballot, list: BallotList): number {
  if ('invalid' in ballot) return 2;
  if (!('struck' in ballot)) throw new Error('the sample executive committee is a strike-style list');
  const verdict = classifyBallot(ballot, list);
  const enters = verdict.ok && verdict.value.valid ? 1 : 2;
  if (ballot.struck.length === list.candidates.length) return 1 + enters;
  const last = ballot.struck.length - 1;
  const typed = ballot.struck.reduce((n, no, i) => n + String(no).length + (i < last && !numberComplete(String(no), list.candidates.length) ? 1 : 0), 0);
  return typed + enters;
}

/** Keystrokes per ballot for the sample executive committee (17 names, 15 seats, 166 ballots). */
export async function entryKeystrokes(): Promise<void> {
  const { record } = sample('executive-committee');
  const list = { candidates: record.candidates, seats: record.election.seats, alternates: record.election.alternates };
  const counts = record.ballots.map((b) => keystrokes(b, list));
  const total = counts.reduce((a, b) => a + b, 0);
  const spread = new Map<number, number>();
  for (const c of counts) spread.set(c, (spread.get(c) ?? 0) + 1);
  console.log(`${record.ballots.length} ballots, ${total} keystrokes: ${(total / counts.length).toFixed(2)} per ballot`);
  console.log(`by ballot: ${[...spread].sort((a, b) => a[0] - b[0]).map(([k, n]) => `${k} keys × ${n}`).join(', ')}`);
}
