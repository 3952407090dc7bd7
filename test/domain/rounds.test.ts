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
        next: { reason: 'tie', fills: 'officials', seats: 2, alternates: 0, candidates: ['c', 'e', 'g'], mayStop: true },
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
        next: { reason: 'unfilled', fills: 'officials', seats: 1, alternates: 0, candidates: ['a', 'c', 'e', 'g', 'h'], mayStop: true },
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
        next: { reason: 'unfilled', fills: 'officials', seats: 2, alternates: 2, candidates: ['b', 'c', 'd', 'e', 'f', 'g', 'h'], mayStop: true },
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
        next: { reason: 'unfilled', fills: 'alternates', seats: 0, alternates: 2, candidates: ['c', 'e', 'f', 'g', 'h'], mayStop: true },
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
        next: { reason: 'tie', fills: 'alternates', seats: 0, alternates: 1, candidates: ['e', 'f'], mayStop: true },
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
        next: { reason: 'tie', fills: 'alternates', seats: 0, alternates: 2, candidates: ['g', 'h'], mayStop: true },
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
        next: { reason: 'unfilled', fills: 'alternates', seats: 0, alternates: 1, candidates: ['c', 'd', 'e', 'f', 'g'], mayStop: true },
      },
    },
  ] as const)('$name', ({ seats, alternates, rounds, expected }) => {
    expect(combineRounds({ kind: 'executive_committee', seats, alternates, candidates, rounds: [...rounds] })).toEqual(expected);
  });
});

describe('combineRounds: the delegation (Điều 18, Điều 20.2)', () => {
  it.each([
    {
      name: 'separate ballots: officials complete, the alternates are elected on their own ballot of the rest of the list',
      method: 'separate',
      rounds: [round({ seats: 3, elected: ['c', 'a', 'f'], outcome: 'complete' })],
      expected: {
        elected: ['c', 'a', 'f'],
        alternates: [],
        remainingSeats: 0,
        remainingAlternates: 2,
        outcome: 'alternates_unfilled',
        next: { reason: 'alternates_ballot', fills: 'alternates', seats: 0, alternates: 2, candidates: ['b', 'd', 'e', 'g', 'h'], mayStop: false },
      },
    },
    {
      name: "separate ballots: after the alternates' ballot (seats 0), complete",
      method: 'separate',
      rounds: [
        round({ seats: 3, elected: ['c', 'a', 'f'], outcome: 'complete' }),
        round({ fills: 'alternates', seats: 0, alternates: ['h', 'b'], outcome: 'complete' }),
      ],
      expected: { elected: ['c', 'a', 'f'], alternates: ['h', 'b'], remainingSeats: 0, remainingAlternates: 0, outcome: 'complete', next: null },
    },
    {
      name: "separate ballots: the alternates' ballot falls short; another round is the congress's choice",
      method: 'separate',
      rounds: [
        round({ seats: 3, elected: ['c', 'a', 'f'], outcome: 'complete' }),
        round({ fills: 'alternates', seats: 0, alternates: ['h'], outcome: 'alternates_unfilled' }),
      ],
      expected: {
        elected: ['c', 'a', 'f'],
        alternates: ['h'],
        remainingSeats: 0,
        remainingAlternates: 1,
        outcome: 'alternates_unfilled',
        next: { reason: 'unfilled', fills: 'alternates', seats: 0, alternates: 1, candidates: ['b', 'd', 'e', 'g'], mayStop: true },
      },
    },
    {
      name: 'round 1 leaves official seats unfilled: the next round is required, no stopping',
      method: 'separate',
      rounds: [round({ seats: 3, elected: ['a'], outcome: 'unfilled' })],
      expected: {
        elected: ['a'],
        alternates: [],
        remainingSeats: 2,
        remainingAlternates: 2,
        outcome: 'unfilled',
        next: { reason: 'unfilled', fills: 'officials', seats: 2, alternates: 2, candidates: ['b', 'c', 'd', 'e', 'f', 'g', 'h'], mayStop: false },
      },
    },
    {
      name: 'round 1 ends in a tie for official seats: the re-vote is required too',
      method: 'one_ballot',
      rounds: [round({ seats: 3, elected: ['a'], tied: ['b', 'c', 'd'], seatsAtStake: 2, outcome: 'tie' })],
      expected: {
        elected: ['a'],
        alternates: [],
        remainingSeats: 2,
        remainingAlternates: 2,
        outcome: 'tie',
        next: { reason: 'tie', fills: 'officials', seats: 2, alternates: 0, candidates: ['b', 'c', 'd'], mayStop: false },
      },
    },
    {
      name: 'from round 2 on, stopping is offered again',
      method: 'separate',
      rounds: [round({ seats: 3, elected: ['a'], outcome: 'unfilled' }), round({ seats: 2, elected: ['b'], outcome: 'unfilled' })],
      expected: {
        elected: ['a', 'b'],
        alternates: [],
        remainingSeats: 1,
        remainingAlternates: 2,
        outcome: 'unfilled',
        next: { reason: 'unfilled', fills: 'officials', seats: 1, alternates: 2, candidates: ['c', 'd', 'e', 'f', 'g', 'h'], mayStop: true },
      },
    },
    {
      name: 'one ballot: alternates short after round 1 is a shortfall of alternates, not of delegates: the congress may stop',
      method: 'one_ballot',
      rounds: [round({ seats: 3, elected: ['a', 'b', 'c'], alternates: ['d'], outcome: 'alternates_unfilled' })],
      expected: {
        elected: ['a', 'b', 'c'],
        alternates: ['d'],
        remainingSeats: 0,
        remainingAlternates: 1,
        outcome: 'alternates_unfilled',
        next: { reason: 'unfilled', fills: 'alternates', seats: 0, alternates: 1, candidates: ['e', 'f', 'g', 'h'], mayStop: true },
      },
    },
  ] as const)('$name', ({ method, rounds, expected }) => {
    expect(combineRounds({ kind: 'delegates', seats: 3, alternates: 2, alternatesMethod: method, candidates, rounds: [...rounds] })).toEqual(expected);
  });

  it('another kind of election keeps the congress choice after a first-round shortfall', () => {
    const rounds = [round({ seats: 3, elected: ['a'], outcome: 'unfilled' })];
    expect(combineRounds({ kind: 'executive_committee', seats: 3, alternates: 0, candidates, rounds }).next?.mayStop).toBe(true);
  });
});
