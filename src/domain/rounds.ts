import type { AlternatesMethod, ElectionKind, Outcome } from './record.js';

/**
 * An election may take several rounds: a re-vote among the tied, or a next round for unfilled seats,
 * and under the `separate` method the alternates' own ballot. The congress decides to hold each one;
 * the software offers it (rules.md, "Who is elected").
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
  /** `alternates_ballot`: the officials are complete; the alternates are elected on their own ballot. */
  reason: 'tie' | 'unfilled' | 'alternates_ballot';
  fills: RoundFills;
  /** A round that fills alternate places has seats 0 and `alternates` places (the record's shape). */
  seats: number;
  alternates: number;
  /** Ballot order of the offered list: the tied, or everyone not yet chosen, in the earlier order. */
  candidates: Id[];
  /**
   * Whether the congress may decide to stop instead. Not for a delegation whose first round left
   * official seats unfilled ("bầu lần thứ nhất chưa đủ số lượng đại biểu thì bầu tiếp", Điều 20.2),
   * nor for the alternates' ballot the `separate` method calls for.
   */
  mayStop: boolean;
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
  kind: ElectionKind;
  seats: number;
  alternates: number;
  /** null (or absent) for an election without alternates, or one decided before the method existed. */
  alternatesMethod?: AlternatesMethod | null;
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
      // Alternate places: designated as alternates (seats 0), or as "elected" by rounds stored
      // before alternates' rounds had seats 0.
      alternates.push(...round.elected, ...round.alternates);
    }
  }
  const remainingSeats = input.seats - elected.length;
  const remainingAlternates = input.alternates - alternates.length;
  const chosen = new Set<Id>([...elected, ...alternates]);
  const notChosen = input.candidates.filter((c) => !chosen.has(c));
  const last = input.rounds.at(-1);
  const heldForAlternates = input.rounds.some((r) => r.fills === 'alternates');
  // Official seats left open by the delegation's first round: the next round is not optional.
  const mustGoOn = input.kind === 'delegates' && input.rounds.length === 1 && remainingSeats > 0;
  const forAlternates = (reason: RoundOffer<Id>['reason'], places: number, candidates: Id[], mayStop: boolean): RoundOffer<Id> => ({
    reason,
    fills: 'alternates',
    seats: 0,
    alternates: places,
    candidates,
    mayStop,
  });

  let next: RoundOffer<Id> | null = null;
  let outcome: Outcome = 'complete';
  if (last && last.outcome === 'tie') {
    const tieForAlternates = last.fills === 'alternates' || last.elected.length === last.seats;
    next = tieForAlternates
      ? forAlternates('tie', last.seatsAtStake, last.tied, true)
      : { reason: 'tie', fills: 'officials', seats: last.seatsAtStake, alternates: 0, candidates: last.tied, mayStop: !mustGoOn };
    outcome = 'tie';
  } else if (remainingSeats > 0) {
    next = { reason: 'unfilled', fills: 'officials', seats: remainingSeats, alternates: remainingAlternates, candidates: notChosen, mayStop: !mustGoOn };
    outcome = 'unfilled';
  } else if (remainingAlternates > 0) {
    const ownBallot = input.alternatesMethod === 'separate' && !heldForAlternates;
    next = ownBallot
      ? forAlternates('alternates_ballot', remainingAlternates, notChosen, false)
      : forAlternates('unfilled', remainingAlternates, notChosen, true);
    outcome = 'alternates_unfilled';
  }
  return { elected, alternates, remainingSeats, remainingAlternates, outcome, next };
}
