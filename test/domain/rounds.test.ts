import { describe, expect, it } from 'vitest';
import { combineRounds, type RoundOutcome } from '../../src/domain/index.js';

// Candidates by a stable id across rounds; a to h in first-round ballot order.
const candidates = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const round = (r: Partial<RoundOutcome<string>> & Pick<RoundOutcome<string>, 'seats' | 'outcome'>): RoundOutcome<string> => ({
  fills: 'officials',
  elected: [],
  alternates: [],
  tied: [],
  seatsAtStake: 0,
  ...r,
});

describe('combineRounds: the election across its rounds, and the round the congress may hold next', () => {
  it.each([
    {
      name: 'complete in one round: nothing to offer',
      seats: 3,
      alternates: 0,
      rounds: [round({ seats: 3, elected: ['c', 'a', 'f'], outcome: 'complete' })],
      expected: { elected: ['c', 'a', 'f'], alternates: [], remainingSeats: 0, remainingAlternates: 0, outcome: 'complete', next: null },
    },
    {
      name: 'a tie at the cut-off: a re-vote among the tied for the seats at stake',
      seats: 4,
      alternates: 0,
      rounds: [round({ seats: 4, elected: ['a', 'b'], tied: ['c', 'e', 'g'], seatsAtStake: 2, outcome: 'tie' })],
      expected: {
        elected: ['a', 'b'],
        alternates: [],
        remainingSeats: 2,
        remainingAlternates: 0,
        outcome: 'tie',
        next: { reason: 'tie', fills: 'officials', seats: 2, alternates: 0, candidates: ['c', 'e', 'g'] },
      },
    },
    {
      name: 'unfilled seats: a new round for them among everyone not elected, in ballot order',
      seats: 4,
      alternates: 0,
      rounds: [round({ seats: 4, elected: ['f', 'b', 'd'], outcome: 'unfilled' })],
      expected: {
        elected: ['f', 'b', 'd'],
        alternates: [],
        remainingSeats: 1,
        remainingAlternates: 0,
        outcome: 'unfilled',
        next: { reason: 'unfilled', fills: 'officials', seats: 1, alternates: 0, candidates: ['a', 'c', 'e', 'g', 'h'] },
      },
    },
    {
      name: 'unfilled officials with alternates: the new round carries the alternate places too',
      seats: 3,
      alternates: 2,
      rounds: [round({ seats: 3, elected: ['a'], outcome: 'unfilled' })],
      expected: {
        elected: ['a'],
        alternates: [],
        remainingSeats: 2,
        remainingAlternates: 2,
        outcome: 'unfilled',
        next: { reason: 'unfilled', fills: 'officials', seats: 2, alternates: 2, candidates: ['b', 'c', 'd', 'e', 'f', 'g', 'h'] },
      },
    },
    {
      name: 'a tie round that fills the officials: then the alternates are offered',
      seats: 3,
      alternates: 2,
      rounds: [
        round({ seats: 3, elected: ['a'], tied: ['b', 'c', 'd'], seatsAtStake: 2, outcome: 'tie' }),
        round({ seats: 2, elected: ['d', 'b'], outcome: 'complete' }),
      ],
      expected: {
        elected: ['a', 'd', 'b'],
        alternates: [],
        remainingSeats: 0,
        remainingAlternates: 2,
        outcome: 'alternates_unfilled',
        next: { reason: 'unfilled', fills: 'alternates', seats: 2, alternates: 0, candidates: ['c', 'e', 'f', 'g', 'h'] },
      },
    },
    {
      name: 'after the alternates round: complete',
      seats: 3,
      alternates: 2,
      rounds: [
        round({ seats: 3, elected: ['a'], tied: ['b', 'c', 'd'], seatsAtStake: 2, outcome: 'tie' }),
        round({ seats: 2, elected: ['d', 'b'], outcome: 'complete' }),
        round({ fills: 'alternates', seats: 2, elected: ['e', 'c'], outcome: 'complete' }),
      ],
      expected: { elected: ['a', 'd', 'b'], alternates: ['e', 'c'], remainingSeats: 0, remainingAlternates: 0, outcome: 'complete', next: null },
    },
    {
      name: 'alternates tied in the first round: the re-vote is for alternate places',
      seats: 3,
      alternates: 2,
      rounds: [round({ seats: 3, elected: ['a', 'b', 'c'], alternates: ['d'], tied: ['e', 'f'], seatsAtStake: 1, outcome: 'tie' })],
      expected: {
        elected: ['a', 'b', 'c'],
        alternates: ['d'],
        remainingSeats: 0,
        remainingAlternates: 1,
        outcome: 'tie',
        next: { reason: 'tie', fills: 'alternates', seats: 1, alternates: 0, candidates: ['e', 'f'] },
      },
    },
    {
      name: 'a tie again in an alternates round stays with the alternates',
      seats: 3,
      alternates: 2,
      rounds: [
        round({ seats: 3, elected: ['a', 'b', 'c'], outcome: 'alternates_unfilled' }),
        round({ fills: 'alternates', seats: 2, tied: ['g', 'h'], seatsAtStake: 2, outcome: 'tie' }),
      ],
      expected: {
        elected: ['a', 'b', 'c'],
        alternates: [],
        remainingSeats: 0,
        remainingAlternates: 2,
        outcome: 'tie',
        next: { reason: 'tie', fills: 'alternates', seats: 2, alternates: 0, candidates: ['g', 'h'] },
      },
    },
    {
      name: 'alternates unfilled in the first round: a round for the alternate places',
      seats: 2,
      alternates: 2,
      rounds: [round({ seats: 2, elected: ['b', 'a'], alternates: ['h'], outcome: 'alternates_unfilled' })],
      expected: {
        elected: ['b', 'a'],
        alternates: ['h'],
        remainingSeats: 0,
        remainingAlternates: 1,
        outcome: 'alternates_unfilled',
        next: { reason: 'unfilled', fills: 'alternates', seats: 1, alternates: 0, candidates: ['c', 'd', 'e', 'f', 'g'] },
      },
    },
  ] as const)('$name', ({ seats, alternates, rounds, expected }) => {
    expect(combineRounds({ seats, alternates, candidates, rounds: [...rounds] })).toEqual(expected);
  });
});
