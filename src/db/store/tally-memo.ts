import { auditHead } from '../audit.js';
import type { DB } from '../connection.js';
import { roundTally } from './records.js';

type Tally = Awaited<ReturnType<typeof roundTally>>;

const memo = new WeakMap<DB, { seq: number; tallies: Map<string, Tally> }>();

/**
 * The tally of a round as roundTally gives it, counted once per change rather than once per reader:
 * fifty displays reading between two ballots cost one count. Every change is logged, so the audit
 * log's head says whether anything changed; it is read before counting, so a kept tally is never
 * older than its key. Only tallies of the present head are kept: any change makes all the others stale.
 */
export async function currentRoundTally(db: DB, roundId: string): Promise<Tally> {
  const { seq } = await auditHead(db);
  let kept = memo.get(db);
  if (kept?.seq !== seq) memo.set(db, (kept = { seq, tallies: new Map() }));
  const known = kept.tallies.get(roundId);
  if (known) return known;
  const tally = await roundTally(db, roundId);
  kept.tallies.set(roundId, tally);
  return tally;
}
