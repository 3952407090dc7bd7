import { classifyBallot } from './count.js';
import type { ElectionRecord } from './record.js';

export interface MarkTotals {
  agree: number;
  disagree: number;
}

/**
 * Agree and disagree marks per candidate on the valid ballots of an agree/disagree list (a list of
 * one name prints both on its minutes: đồng ý, không đồng ý, không hợp lệ). Empty for a strike list.
 */
export function markTotals(record: Pick<ElectionRecord, 'candidates' | 'election' | 'ballots'>): Map<number, MarkTotals> {
  const totals = new Map(record.candidates.map((c) => [c.no, { agree: 0, disagree: 0 }]));
  for (const ballot of record.ballots) {
    if (!('marks' in ballot)) continue;
    const verdict = classifyBallot(ballot, { candidates: record.candidates, seats: record.election.seats, alternates: record.election.alternates });
    if (!verdict.ok || !verdict.value.valid) continue;
    for (const [no, mark] of Object.entries(ballot.marks)) {
      const total = totals.get(Number(no));
      if (total && mark === 'agree') total.agree++;
      if (total && mark === 'disagree') total.disagree++;
    }
  }
  return totals;
}
