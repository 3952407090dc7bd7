import type { BallotStyle, ElectionFacts } from './record.js';

/**
 * The ballot style follows from the list: more candidates than places is a list with surplus, where
 * the voter strikes names; as many as places is a list without surplus, marked agree/disagree.
 * Fewer candidates than places is no ballot at all (null).
 */
export function ballotStyleOf(candidateCount: number, places: number): BallotStyle | null {
  if (candidateCount > places) return 'strike';
  if (candidateCount === places) return 'agree_disagree';
  return null;
}

/** The seats of a ballot: the whole election's, or one ballot of it (officials' or alternates'). */
export type BallotSeats = Pick<ElectionFacts, 'seats' | 'alternates'> &
  Partial<Pick<ElectionFacts, 'alternatesMethod' | 'fills'>>;

/**
 * The most names a ballot may keep (Điều 18): officials and alternates together on one ballot; the
 * official seats only on the officials' ballot of the `separate` method; the alternates only on the
 * alternates' own ballot.
 */
export function placesOf(election: BallotSeats): number {
  if (election.fills === 'alternates') return election.alternates;
  if (election.alternatesMethod === 'separate') return election.seats;
  return election.seats + election.alternates;
}

/** The alternates this ballot designates: none on the officials' ballot of the `separate` method. */
export function alternatesOnBallot(election: BallotSeats): number {
  return election.alternatesMethod === 'separate' && election.fills !== 'alternates' ? 0 : election.alternates;
}

/** A list of one name for one place: a valid ballot marks exactly one of its two boxes (rule 6). */
export function isOneNameList(candidateCount: number, places: number): boolean {
  return candidateCount === 1 && places === 1;
}
