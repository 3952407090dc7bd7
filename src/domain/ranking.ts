/**
 * The list in order of votes, for listing and for filling seats: most votes first, equal votes in
 * ballot order. Ballot order only lists the tied side by side; it never breaks a tie (seats.ts).
 */

/**
 * Ballot positions (0-based) by votes, most first; equal votes keep ballot order.
 * One numeric sort of a key per candidate rather than a comparator sort of objects (the count runs
 * on every saved ballot): key = (most votes − votes) × list length + position, so ascending keys are
 * descending votes, then ascending position. The keys are whole numbers far below 2^53, hence exact.
 */
export function orderByVotes(votes: readonly number[]): Int32Array {
  const n = votes.length;
  let most = 0;
  for (let p = 0; p < n; p++) most = Math.max(most, votes[p]);
  const keys = new Float64Array(n);
  for (let p = 0; p < n; p++) keys[p] = (most - votes[p]) * n + p;
  keys.sort(); // a typed array sorts numerically
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = keys[i] % n;
  return order;
}

/**
 * Competition ranking (1, 2, 2, 4) by ballot position: one more than the number of candidates with
 * more votes, read down the order of votes.
 */
export function ranksOf(votes: readonly number[], order: Int32Array): Int32Array {
  const ranks = new Int32Array(votes.length);
  for (let i = 0; i < order.length; i++) {
    const position = order[i];
    const sharesRankAbove = i > 0 && votes[order[i - 1]] === votes[position];
    ranks[position] = sharesRankAbove ? ranks[order[i - 1]] : i + 1;
  }
  return ranks;
}
