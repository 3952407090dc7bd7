import { auditHead } from '../audit.js';
import type { DB } from '../connection.js';
import { roundTally } from './records.js';

type Tally = Awaited<ReturnType<typeof roundTally>>;

const memo = new WeakMap<DB, Map<string, { seq: number; tally: Tally }>>();

/**
 * The tally of a round as roundTally gives it, counted once per change rather than once per reader:
 * fifty displays reading between two ballots cost one count. Every change is logged, so the audit
 * log's head says whether anything changed; it is read before counting, so a kept tally is never
 * older than its key.
 */
export async function currentRoundTally(db: DB, roundId: string): Promise<Tally> {
  const { seq } = await auditHead(db);
  let rounds = memo.get(db);
  if (!rounds) memo.set(db, (rounds = new Map()));
  const kept = rounds.get(roundId);
  if (kept && kept.seq === seq) return kept.tally;
  const tally = await roundTally(db, roundId);
  rounds.set(roundId, { seq, tally });
  return tally;
}
