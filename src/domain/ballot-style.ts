import type { BallotStyle } from './record.js';

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

export function placesOf(election: { seats: number; alternates: number }): number {
  return election.seats + election.alternates;
}
