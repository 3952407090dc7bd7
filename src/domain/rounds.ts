import type { Outcome } from './record.js';

/**
 * An election may take several rounds: a re-vote among the tied, or a next round for unfilled seats.
 * The congress decides to hold each one; the software offers it (rules.md, "Who is elected").
 * Candidate numbers change from round to round, so rounds speak of candidates by a stable id.
 */

export type RoundFills = 'officials' | 'alternates';

export interface RoundOutcome<Id> {
  /** What the seats of this round fill: officials (with its own alternates), or alternate places. */
  fills: RoundFills;
  seats: number;
  elected: Id[];
  alternates: Id[];
  tied: Id[];
  seatsAtStake: number;
  outcome: Outcome;
}

export interface RoundOffer<Id> {
  reason: 'tie' | 'unfilled';
  fills: RoundFills;
  seats: number;
  alternates: number;
  /** Ballot order of the offered list: the tied, or everyone not yet chosen, in the earlier order. */
  candidates: Id[];
}

export interface CombinedOutcome<Id> {
  elected: Id[];
  alternates: Id[];
  remainingSeats: number;
  remainingAlternates: number;
  outcome: Outcome;
  next: RoundOffer<Id> | null;
}

/** The election's outcome across its rounds, and the round the congress may decide to hold next. */
export function combineRounds<Id>(input: {
  seats: number;
  alternates: number;
  /** Every candidate of the election in first-round ballot order, then any added by decision. */
  candidates: Id[];
  rounds: RoundOutcome<Id>[];
}): CombinedOutcome<Id> {
  const elected: Id[] = [];
  const alternates: Id[] = [];
  for (const round of input.rounds) {
    if (round.fills === 'officials') {
      elected.push(...round.elected);
      alternates.push(...round.alternates);
    } else {
      alternates.push(...round.elected);
    }
  }
  const remainingSeats = input.seats - elected.length;
  const remainingAlternates = input.alternates - alternates.length;
  const chosen = new Set<Id>([...elected, ...alternates]);
  const notChosen = input.candidates.filter((c) => !chosen.has(c));
  const last = input.rounds.at(-1);

  let next: RoundOffer<Id> | null = null;
  let outcome: Outcome = 'complete';
  if (last && last.outcome === 'tie') {
    const tieForAlternates = last.fills === 'alternates' || last.elected.length === last.seats;
    next = { reason: 'tie', fills: tieForAlternates ? 'alternates' : 'officials', seats: last.seatsAtStake, alternates: 0, candidates: last.tied };
    outcome = 'tie';
  } else if (remainingSeats > 0) {
    next = { reason: 'unfilled', fills: 'officials', seats: remainingSeats, alternates: remainingAlternates, candidates: notChosen };
    outcome = 'unfilled';
  } else if (remainingAlternates > 0) {
    next = { reason: 'unfilled', fills: 'alternates', seats: remainingAlternates, alternates: 0, candidates: notChosen };
    outcome = 'alternates_unfilled';
  }
  return { elected, alternates, remainingSeats, remainingAlternates, outcome, next };
}
