/**
 * The list by votes, for filling seats and for the ranks: most votes first, equal votes in ballot
 * order. Ballot order only lists the tied side by side; it never breaks a tie (seats.ts).
 */
export interface Ranking {
  /** Ballot positions (0-based), most votes first; equal votes keep ballot order. */
  order: Int32Array;
  /** By ballot position: one more than the number of candidates with more votes (1, 2, 2, 4). */
  ranks: Int32Array;
}

/**
 * One numeric sort of the votes (a typed array sorts without a comparator), then each candidate is
 * placed in ballot order: a candidate's rank is one more than the number of votes above theirs in
 * the sorted list, and candidates with equal votes fill the places from there on, one after another.
 */
export function rankByVotes(votes: readonly number[]): Ranking {
  const n = votes.length;
  const descending = Int32Array.from(votes).sort().reverse();
  const order = new Int32Array(n);
  const ranks = new Int32Array(n);
  const placed = new Int32Array(n); // by the first place of a number of votes: how many hold it so far
  for (let position = 0; position < n; position++) {
    const above = countAbove(descending, votes[position]);
    order[above + placed[above]++] = position;
    ranks[position] = above + 1;
  }
  return { order, ranks };
}

/** How many of the `descending` votes are more than `votes`: a binary search. */
function countAbove(descending: Int32Array, votes: number): number {
  let low = 0;
  let high = descending.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (descending[middle] > votes) low = middle + 1;
    else high = middle;
  }
  return low;
}
