import { describe, expect, it } from 'vitest';
import { rankByVotes } from '../../src/domain/index.js';

describe('rankByVotes: the list by votes, most first, equal votes in ballot order', () => {
  it.each([
    { votes: [10, 20, 20, 5, 20], order: [1, 2, 4, 0, 3], ranks: [4, 1, 1, 5, 1] },
    { votes: [9, 7, 7, 3], order: [0, 1, 2, 3], ranks: [1, 2, 2, 4] },
    { votes: [3, 7, 7, 9], order: [3, 1, 2, 0], ranks: [4, 2, 2, 1] },
    { votes: [4, 4, 4], order: [0, 1, 2], ranks: [1, 1, 1] },
    { votes: [0, 1_000_000, 0], order: [1, 0, 2], ranks: [2, 1, 2] },
    { votes: [5], order: [0], ranks: [1] },
  ])('votes $votes → order $order, ranks $ranks', ({ votes, order, ranks }) => {
    const ranking = rankByVotes(votes);
    expect(Array.from(ranking.order)).toEqual(order);
    expect(Array.from(ranking.ranks)).toEqual(ranks);
  });
});
