import type { SeatAllocation } from './record.js';
import { isOverThreshold } from './threshold.js';

/** A candidate's number and votes, as the seats are filled. */
export interface Standing {
  no: number;
  votes: number;
}

interface Fill {
  chosen: Standing[];
  tied: Standing[];
  atStake: number;
  unfilled: number;
}

/**
 * Fills `places` from a pool ranked by votes (most first). When equal votes straddle the last place,
 * none of the tied is chosen: the congress votes again among them for the places at stake.
 * A tie is never broken by age, list order or chance.
 */
function fill(pool: Standing[], places: number): Fill {
  if (places === 0) return { chosen: [], tied: [], atStake: 0, unfilled: 0 };
  if (pool.length <= places) {
    return { chosen: pool, tied: [], atStake: 0, unfilled: places - pool.length };
  }
  const cutVotes = pool[places - 1].votes;
  if (pool[places].votes < cutVotes) {
    return { chosen: pool.slice(0, places), tied: [], atStake: 0, unfilled: 0 };
  }
  const chosen = pool.filter((s) => s.votes > cutVotes);
  const tied = pool.filter((s) => s.votes === cutVotes);
  return { chosen, tied, atStake: places - chosen.length, unfilled: 0 };
}

const numbers = (standings: Standing[]): number[] => standings.map((s) => s.no);

/**
 * Who is elected (Điều 30) and who becomes an alternate (Điều 18): officials first by votes among
 * those over the threshold; alternates from the rest of the same list, by votes, and only once every
 * official seat is filled without a tie. `ranked` is the whole list by votes, most first (ranking.ts).
 * `seats: 0` is the alternates' own ballot (the `separate` method): no officials, alternates by votes.
 */
export function allocateSeats(input: {
  ranked: Standing[];
  seats: number;
  alternates: number;
  base: number;
}): SeatAllocation {
  const { ranked, seats, alternates, base } = input;
  // Ranked by votes, those over the threshold come first.
  let overThreshold = 0;
  while (overThreshold < ranked.length && isOverThreshold(ranked[overThreshold].votes, base)) overThreshold++;
  const eligible = ranked.slice(0, overThreshold);
  const officials = fill(eligible, seats);
  const none = { alternates: [], unfilledSeats: 0, unfilledAlternates: 0 };

  if (officials.tied.length > 0) {
    return {
      ...none,
      elected: numbers(officials.chosen),
      tied: numbers(officials.tied),
      seatsAtStake: officials.atStake,
      outcome: 'tie',
    };
  }
  if (officials.unfilled > 0) {
    // Everyone over the threshold is already an official: no one is left for the alternate places.
    return {
      ...none,
      elected: numbers(officials.chosen),
      tied: [],
      seatsAtStake: 0,
      unfilledSeats: officials.unfilled,
      unfilledAlternates: alternates,
      outcome: 'unfilled',
    };
  }
  const elected = numbers(officials.chosen);
  if (alternates === 0) {
    return { ...none, elected, tied: [], seatsAtStake: 0, outcome: 'complete' };
  }
  const reserve = fill(eligible.slice(seats), alternates);
  return {
    elected,
    alternates: numbers(reserve.chosen),
    tied: numbers(reserve.tied),
    seatsAtStake: reserve.atStake,
    unfilledSeats: 0,
    unfilledAlternates: reserve.unfilled,
    outcome: reserve.tied.length > 0 ? 'tie' : reserve.unfilled > 0 ? 'alternates_unfilled' : 'complete',
  };
}
