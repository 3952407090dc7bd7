import { alternatesOnBallot, ballotStyleOf, placesOf, type BallotSeats } from './ballot-style.js';
import { createBallotCounter, type BallotCounter } from './ballot-counter.js';
import { problem, within, type Problem } from './problems.js';
import { rankByVotes } from './ranking.js';
import type {
  Ballot,
  BallotCounts,
  Candidate,
  CandidateResult,
  CandidateStatus,
  ElectionRecord,
  ElectionResult,
  InvalidReason,
} from './record.js';
import { RESULT_FORMAT } from './record.js';
import { checkRecordFrame } from './record-check.js';
import { err, ok, type Result } from './result.js';
import { allocateSeats, type Standing } from './seats.js';
import { baseOfRecord, percentOfBase, thresholdOf } from './threshold.js';

/** The count: an election record in, the result the regulation gives out. Pure and deterministic. */
export function countRecord(record: ElectionRecord): Result<ElectionResult, Problem> {
  const frame = checkRecordFrame(record);
  if ('code' in frame) return err(frame);
  const { election, candidates } = record;
  const counter = createBallotCounter(candidates, frame.style, placesOf(election));
  const refused = countBallots(counter, record.ballots);
  if (refused) return err(refused);
  const base = baseOfRecord(record);
  const votes = counter.votes();
  const { order, ranks } = rankByVotes(votes);
  const ranked: Standing[] = [];
  for (const position of order) ranked.push({ no: candidates[position].no, votes: votes[position] });
  const allocation = allocateSeats({ ranked, seats: election.seats, alternates: alternatesOnBallot(election), base });

  const invalidByReason: Partial<Record<InvalidReason, number>> = {};
  let invalidTotal = 0;
  for (const [reason, count] of Object.entries(counter.invalidByReason()) as [InvalidReason, number][]) {
    if (count > 0) invalidByReason[reason] = count;
    invalidTotal += count;
  }
  const ballotCounts: BallotCounts = {
    issued: record.ballotsIssued,
    collected: record.ballotsCollected,
    valid: counter.valid(),
    invalid: invalidTotal,
    invalidByReason,
  };

  // By candidate number (1..N, checked with the frame).
  const statusOf: CandidateStatus[] = new Array<CandidateStatus>(candidates.length + 1).fill('not_elected');
  for (const no of allocation.elected) statusOf[no] = 'elected';
  for (const no of allocation.alternates) statusOf[no] = 'alternate';
  for (const no of allocation.tied) statusOf[no] = 'tied';

  const { body } = record;
  return ok({
    format: RESULT_FORMAT,
    ...(body ? { body: { kind: body.kind, name: body.name, base } } : {}),
    base,
    threshold: thresholdOf(base),
    ballots: ballotCounts,
    candidates: candidates.map((c: Candidate, position) => ({
      no: c.no,
      name: c.name,
      votes: votes[position],
      percentOfBase: percentOfBase(votes[position], base),
      status: statusOf[c.no],
      rank: ranks[position],
    })) satisfies CandidateResult[],
    ...allocation,
    ...(record.reconciled === false ? { reconciled: false as const } : {}),
  });
}

/**
 * Counts every ballot, or names the first that is not a ballot of this list. A function of its own,
 * not a loop inside countRecord: V8 compiles this loop, which runs once per ballot, to tighter code
 * when it is not part of the whole count (measured: ~10% less time on the national record).
 */
function countBallots(counter: BallotCounter, ballots: Ballot[]): Problem | null {
  for (let i = 0; i < ballots.length; i++) {
    const trouble = counter.add(ballots[i]);
    if (trouble) return within(`ballots[${i}]`, trouble);
  }
  return null;
}

export type BallotVerdict = { valid: true } | { valid: false; reason: InvalidReason };

/**
 * One ballot against its list, as the entry screen and the API see it before it is stored:
 * valid, invalid with the reason, or not a ballot of this list at all (a problem).
 */
export function classifyBallot(
  ballot: Ballot,
  list: { candidates: Candidate[] } & BallotSeats,
): Result<BallotVerdict, Problem> {
  const places = placesOf(list);
  const style = ballotStyleOf(list.candidates.length, places);
  if (style === null) {
    return err(problem('candidates', 'too_few_candidates', 'danh sách ít hơn số cần bầu', 'the list has fewer candidates than places'));
  }
  const counter = createBallotCounter(list.candidates, style, places);
  const trouble = counter.add(ballot);
  if (trouble) return err(within('ballot', trouble));
  if (counter.valid() === 1) return ok({ valid: true });
  const [reason] = Object.entries(counter.invalidByReason()).find(([, n]) => n > 0) as [InvalidReason, number];
  return ok({ valid: false, reason });
}
