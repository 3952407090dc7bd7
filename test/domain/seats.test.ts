import { describe, expect, it } from 'vitest';
import { countRecord, type ElectionRecord, type ElectionResult } from '../../src/domain/index.js';
import { recordOf, strikeBallotsGiving, strikeRecordGiving } from './record-builder.js';

function counted(record: ElectionRecord): ElectionResult {
  const result = countRecord(record);
  if (!result.ok) throw new Error(`${result.error.field}: ${result.error.en}`);
  return result.value;
}

const seatsPart = (r: ElectionResult) => ({
  elected: r.elected,
  alternates: r.alternates,
  tied: r.tied,
  seatsAtStake: r.seatsAtStake,
  unfilledSeats: r.unfilledSeats,
  unfilledAlternates: r.unfilledAlternates,
  outcome: r.outcome,
});

const E = 'elected';
const A = 'alternate';
const T = 'tied';
const N = 'not_elected';
const none = { alternates: [], tied: [], seatsAtStake: 0, unfilledSeats: 0, unfilledAlternates: 0 };

// 30 ballots, base 30 unless stated: the threshold is 16 votes; 15 is exactly half and not enough.
describe('who is elected: officials by votes over the threshold (Điều 30)', () => {
  it.each([
    {
      name: 'complete: the three over the threshold fill the three seats',
      seats: 3,
      votes: [25, 20, 17, 15, 4],
      statuses: [E, E, E, N, N],
      expected: { ...none, elected: [1, 2, 3], outcome: 'complete' },
    },
    {
      name: 'exactly half of the base (15 of 30) is not enough: a seat stays unfilled',
      seats: 3,
      votes: [25, 20, 15, 15, 4],
      statuses: [E, E, N, N, N],
      expected: { ...none, elected: [1, 2], unfilledSeats: 1, outcome: 'unfilled' },
    },
    {
      name: 'tie at the cut-off: three with 17 votes for the last two seats, none of them elected',
      seats: 4,
      votes: [28, 25, 17, 17, 17, 5],
      statuses: [E, E, T, T, T, N],
      expected: { ...none, elected: [1, 2], tied: [3, 4, 5], seatsAtStake: 2, outcome: 'tie' },
    },
    {
      name: 'equal votes that exactly fill the seats are no tie: all elected',
      seats: 4,
      votes: [28, 25, 17, 17, 10, 5],
      statuses: [E, E, E, E, N, N],
      expected: { ...none, elected: [1, 2, 3, 4], outcome: 'complete' },
    },
    {
      name: 'equal votes under the threshold are no tie: the seat is unfilled',
      seats: 4,
      votes: [28, 25, 20, 15, 15, 5],
      statuses: [E, E, E, N, N, N],
      expected: { ...none, elected: [1, 2, 3], unfilledSeats: 1, outcome: 'unfilled' },
    },
    {
      name: 'nobody over the threshold: every seat unfilled',
      seats: 2,
      votes: [15, 14, 13, 12],
      statuses: [N, N, N, N],
      expected: { ...none, elected: [], unfilledSeats: 2, outcome: 'unfilled' },
    },
    {
      name: 'elected listed by votes, equal votes in ballot order; over the threshold is not enough without a seat',
      seats: 3,
      votes: [17, 24, 24, 20, 4],
      statuses: [N, E, E, E, N],
      expected: { ...none, elected: [2, 3, 4], outcome: 'complete' },
    },
  ])('$name', ({ seats, votes, statuses, expected }) => {
    const result = counted(strikeRecordGiving({ votes, ballots: 30, seats }));
    expect({ base: result.base, threshold: result.threshold }).toEqual({ base: 30, threshold: 16 });
    expect(result.candidates.map((c) => c.votes)).toEqual(votes);
    expect(result.candidates.map((c) => c.status)).toEqual(statuses);
    expect(seatsPart(result)).toEqual(expected);
  });

  it('a single seat tied between two: no one elected, one seat at stake', () => {
    // 30 convened, 10 excluded: base 20, threshold 11; each ballot keeps one name.
    const result = counted(strikeRecordGiving({ votes: [12, 12, 6], ballots: 30, seats: 1, convened: 30, excluded: 10 }));
    expect(result.threshold).toBe(11);
    expect(result.candidates.map((c) => c.status)).toEqual([T, T, N]);
    expect(seatsPart(result)).toEqual({ ...none, elected: [], tied: [1, 2], seatsAtStake: 1, outcome: 'tie' });
  });
});

describe('delegation with alternates (Điều 18): 3 officials and 2 alternates from one list', () => {
  it.each([
    {
      name: 'complete: officials first, then alternates by votes',
      votes: [29, 27, 25, 22, 20, 18, 5],
      statuses: [E, E, E, A, A, N, N],
      expected: { ...none, elected: [1, 2, 3], alternates: [4, 5], outcome: 'complete' },
    },
    {
      name: 'equal votes that exactly fill the alternates are no tie',
      votes: [29, 27, 25, 20, 20, 10, 5],
      statuses: [E, E, E, A, A, N, N],
      expected: { ...none, elected: [1, 2, 3], alternates: [4, 5], outcome: 'complete' },
    },
    {
      name: 'alternates tied: two with 20 for the last alternate place',
      votes: [29, 27, 25, 22, 20, 20, 5],
      statuses: [E, E, E, A, T, T, N],
      expected: { ...none, elected: [1, 2, 3], alternates: [4], tied: [5, 6], seatsAtStake: 1, outcome: 'tie' },
    },
    {
      name: 'alternates unfilled: only one more over the threshold',
      votes: [29, 27, 25, 22, 10, 8, 5],
      statuses: [E, E, E, A, N, N, N],
      expected: { ...none, elected: [1, 2, 3], alternates: [4], unfilledAlternates: 1, outcome: 'alternates_unfilled' },
    },
    {
      name: 'officials tied: no alternates designated, though 5 and 6 are over the threshold',
      votes: [29, 27, 24, 24, 22, 20, 3],
      statuses: [E, E, T, T, N, N, N],
      expected: { ...none, elected: [1, 2], tied: [3, 4], seatsAtStake: 1, outcome: 'tie' },
    },
    {
      name: 'officials unfilled: no one is left for the alternate places',
      votes: [29, 27, 15, 14, 10, 8, 5],
      statuses: [E, E, N, N, N, N, N],
      expected: { ...none, elected: [1, 2], unfilledSeats: 1, unfilledAlternates: 2, outcome: 'unfilled' },
    },
  ])('$name', ({ votes, statuses, expected }) => {
    const result = counted(strikeRecordGiving({ votes, ballots: 30, seats: 3, alternates: 2 }));
    expect(result.candidates.map((c) => c.votes)).toEqual(votes);
    expect(result.candidates.map((c) => c.status)).toEqual(statuses);
    expect(seatsPart(result)).toEqual(expected);
  });
});

describe('a member congress with exclusions', () => {
  // 120 full members convened, 7 excluded (temporary activity elsewhere, suspended, ...): base 113.
  const ballots = [...strikeBallotsGiving([57, 56, 80], 100, 2), { invalid: 'marked' as const }, { struck: [] }];
  const record = (excluded: number) =>
    recordOf({ congressKind: 'members', convened: 120, excluded, seats: 2, candidates: ['Lê Văn Hải', 'Trần Thị Hà', 'Nguyễn Văn Bình'], ballots, ballotsIssued: 105 });

  it('counts against 113: 57 votes is more than half, 56 is not', () => {
    expect(counted(record(7))).toEqual({
      format: 'kiemphieu/election-result@1',
      base: 113,
      threshold: 57,
      ballots: { issued: 105, collected: 102, valid: 100, invalid: 2, invalidByReason: { too_many: 1, marked: 1 } },
      candidates: [
        { no: 1, name: 'Lê Văn Hải', votes: 57, percentOfBase: '50.44', status: 'elected', rank: 2 },
        { no: 2, name: 'Trần Thị Hà', votes: 56, percentOfBase: '49.56', status: 'not_elected', rank: 3 },
        { no: 3, name: 'Nguyễn Văn Bình', votes: 80, percentOfBase: '70.80', status: 'elected', rank: 1 },
      ],
      elected: [3, 1],
      alternates: [],
      tied: [],
      seatsAtStake: 0,
      unfilledSeats: 0,
      unfilledAlternates: 0,
      outcome: 'complete',
    });
  });

  it('the same ballots without the exclusions (base 120, threshold 61) leave a seat unfilled', () => {
    const result = counted(record(0));
    expect({ base: result.base, threshold: result.threshold }).toEqual({ base: 120, threshold: 61 });
    expect(result.candidates.map((c) => [c.votes, c.percentOfBase, c.status])).toEqual([
      [57, '47.50', 'not_elected'],
      [56, '46.67', 'not_elected'],
      [80, '66.67', 'elected'],
    ]);
    expect(seatsPart(result)).toEqual({ ...none, elected: [3], unfilledSeats: 1, outcome: 'unfilled' });
  });
});

describe('rank: competition ranking by votes (equal votes share a rank)', () => {
  it.each([
    { votes: [10, 20, 20, 5, 20], ballots: 25, seats: 3, ranks: [4, 1, 1, 5, 1] },
    { votes: [9, 7, 7, 3], ballots: 13, seats: 2, ranks: [1, 2, 2, 4] },
    { votes: [4, 4, 4], ballots: 6, seats: 2, ranks: [1, 1, 1] },
  ])('votes $votes → ranks $ranks', ({ votes, ballots, seats, ranks }) => {
    const result = counted(strikeRecordGiving({ votes, ballots, seats }));
    expect(result.candidates.map((c) => [c.votes, c.rank])).toEqual(votes.map((v, i) => [v, ranks[i]]));
  });
});

describe('reconciled: false', () => {
  const ballots = [{ struck: [2] }, { struck: [2] }, { struck: [1] }, { struck: [1, 2] }];

  it.each([
    { name: 'fewer ballots listed than collected', ballotsIssued: 6, ballotsCollected: 5 },
    { name: 'more collected than issued', ballotsIssued: 3, ballotsCollected: 4 },
  ])('is refused without the flag and tallied with it: $name', ({ ballotsIssued, ballotsCollected }) => {
    const base = { convened: 3, seats: 1, candidates: 2, ballots, ballotsIssued, ballotsCollected };
    expect(countRecord(recordOf(base))).toMatchObject({ ok: false, error: { code: 'not_reconciled' } });
    const result = counted(recordOf({ ...base, reconciled: false }));
    expect(result).toMatchObject({
      reconciled: false,
      ballots: { issued: ballotsIssued, collected: ballotsCollected, valid: 3, invalid: 1, invalidByReason: { all_struck: 1 } },
      candidates: [{ votes: 2, status: 'elected' }, { votes: 1, status: 'not_elected' }],
      elected: [1],
      outcome: 'complete',
    });
  });

  it('a reconciled record carries no reconciled field', () => {
    const result = counted(recordOf({ convened: 3, seats: 1, candidates: 2, ballots }));
    expect(result).not.toHaveProperty('reconciled');
    expect(counted(recordOf({ convened: 3, seats: 1, candidates: 2, ballots, reconciled: true }))).not.toHaveProperty('reconciled');
  });
});
