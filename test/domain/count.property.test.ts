import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alternatesOnBallot,
  ballotStyleOf,
  COMMITTEE_REASONS,
  isOneNameList,
  placesOf,
  type AlternatesMethod,
  countRecord,
  MARKS,
  type Ballot,
  type ElectionRecord,
  type ElectionResult,
  type Mark,
} from '../../src/domain/index.js';
import { recordOf } from './record-builder.js';

/** A ballot's list: n names; officials' seats with alternates on one ballot or apart; or the alternates' own ballot. */
interface List {
  n: number;
  seats: number;
  alternates: number;
  alternatesMethod?: AlternatesMethod;
  fills?: 'officials' | 'alternates';
}

const officialsArb: fc.Arbitrary<List> = fc.integer({ min: 1, max: 9 }).chain((n) =>
  fc.integer({ min: 1, max: n }).chain((seats) =>
    fc.integer({ min: 0, max: n - seats }).chain((alternates) =>
      (alternates === 0 ? fc.constant(undefined) : fc.constantFrom<AlternatesMethod | undefined>(undefined, 'one_ballot', 'separate')).map(
        (alternatesMethod): List => ({ n, seats, alternates, ...(alternatesMethod ? { alternatesMethod } : {}) }),
      ),
    ),
  ),
);

/** The alternates' own ballot of the `separate` method: seats 0, alternates k. */
const alternatesBallotArb: fc.Arbitrary<List> = fc
  .integer({ min: 1, max: 9 })
  .chain((n) => fc.integer({ min: 1, max: n }).map((alternates): List => ({ n, seats: 0, alternates, alternatesMethod: 'separate', fills: 'alternates' })));

const listArb: fc.Arbitrary<List> = fc.oneof({ arbitrary: officialsArb, weight: 4 }, { arbitrary: alternatesBallotArb, weight: 1 });

const numbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/**
 * A ballot the marks make valid: strike style keeps 1..places names; agree style is always valid,
 * but for a list of one name, which marks exactly one of its two boxes.
 */
function validBallotArb(list: List): fc.Arbitrary<Ballot> {
  const { n } = list;
  const places = placesOf(list);
  if (ballotStyleOf(n, places) === 'strike') {
    // most voters keep as many names as places; some keep fewer
    const keepingAll = fc.shuffledSubarray(numbers(n), { minLength: n - places, maxLength: n - places });
    const keepingFewer = fc.shuffledSubarray(numbers(n), { minLength: n - places, maxLength: n - 1 });
    return fc.oneof({ arbitrary: keepingAll, weight: 3 }, { arbitrary: keepingFewer, weight: 1 }).map((struck) => ({ struck }));
  }
  if (isOneNameList(n, places)) return fc.constantFrom<Mark>('agree', 'agree', 'disagree').map((mark) => ({ marks: { '1': mark } }));
  return anyMarksArb(n);
}

/** Any marks at all on an agree/disagree list, names left unmarked included. */
function anyMarksArb(n: number): fc.Arbitrary<Ballot> {
  const mark = fc.option(fc.constantFrom<Mark>('agree', 'agree', ...MARKS), { nil: undefined });
  return fc.tuple(...numbers(n).map(() => mark)).map((marks) => ({
    marks: Object.fromEntries(marks.flatMap((m, i) => (m === undefined ? [] : [[String(i + 1), m]]))),
  }));
}

function ballotArb(list: List): fc.Arbitrary<Ballot> {
  const places = placesOf(list);
  const arbitraries: fc.WeightedArbitrary<Ballot>[] = [
    { arbitrary: validBallotArb(list), weight: 8 },
    { arbitrary: fc.constantFrom(...COMMITTEE_REASONS).map((invalid) => ({ invalid })), weight: 1 },
  ];
  if (ballotStyleOf(list.n, places) === 'strike') {
    // any strikes at all: too many kept, or every name struck
    arbitraries.push({ arbitrary: fc.shuffledSubarray(numbers(list.n)).map((struck) => ({ struck })), weight: 2 });
  } else if (isOneNameList(list.n, places)) {
    // both boxes, neither, or the name left out: not_one_box
    arbitraries.push({ arbitrary: anyMarksArb(list.n), weight: 2 });
  }
  return fc.oneof(...arbitraries);
}

const recordArb: fc.Arbitrary<ElectionRecord> = listArb.chain((list) =>
  fc
    .record({
      ballots: fc.array(ballotArb(list), { maxLength: 40 }),
      // the base near the number of ballots, so that the threshold matters
      baseOverBallots: fc.integer({ min: -3, max: 8 }),
      excluded: fc.integer({ min: 0, max: 5 }),
      unused: fc.integer({ min: 0, max: 3 }),
      // a conference of a new committee holds it: its own members are the base, not the congress's
      conference: fc.boolean(),
    })
    .map(({ ballots, baseOverBallots, excluded, unused, conference }) => {
      const convened = Math.max(1, ballots.length + baseOverBallots) + excluded;
      const facts = { convened, excluded };
      const record = recordOf({
        seats: list.seats,
        alternates: list.alternates,
        candidates: list.n,
        ballots,
        ...(conference ? { convened: 166, excluded: 0 } : facts),
        ballotsIssued: ballots.length + unused,
      });
      const election = { ...record.election, ...(list.alternatesMethod ? { alternatesMethod: list.alternatesMethod } : {}), ...(list.fills ? { fills: list.fills } : {}) };
      // members present, when every ballot issued could have gone to one of them
      const present = record.ballotsIssued <= convened ? { present: convened } : {};
      const body = { kind: 'committee_conference' as const, name: 'Hội nghị lần thứ nhất Ban Chấp hành', ...facts, ...present };
      return { ...record, election, ...(conference ? { body } : {}) };
    }),
);

function counted(record: ElectionRecord): ElectionResult {
  const result = countRecord(record);
  if (!result.ok) throw new Error(`${result.error.field}: ${result.error.en}`);
  return result.value;
}

/** The count done the plain way, ballot by ballot, to hold the engine to. */
function recount(record: ElectionRecord) {
  const places = placesOf(record.election);
  const oneName = record.candidates.length === 1 && places === 1;
  const votes = record.candidates.map(() => 0);
  const invalidByReason: Record<string, number> = {};
  const invalid = (reason: string) => (invalidByReason[reason] = (invalidByReason[reason] ?? 0) + 1);
  let valid = 0;
  for (const ballot of record.ballots) {
    if ('invalid' in ballot) invalid(ballot.invalid);
    else if ('struck' in ballot) {
      const kept = record.candidates.filter((c) => !ballot.struck.includes(c.no));
      if (kept.length === 0) invalid('all_struck');
      else if (kept.length > places) invalid('too_many');
      else {
        valid++;
        for (const c of kept) votes[c.no - 1]++;
      }
    } else if (oneName && ballot.marks['1'] !== 'agree' && ballot.marks['1'] !== 'disagree') {
      invalid('not_one_box');
    } else {
      valid++;
      for (const [no, mark] of Object.entries(ballot.marks)) if (mark === 'agree') votes[Number(no) - 1]++;
    }
  }
  return { votes, valid, invalidByReason };
}

const RUNS = { numRuns: 300 };

describe('the random records', () => {
  it('reach every outcome, a tie for alternates, and invalid ballots of every reason', () => {
    const seen = new Set<string>();
    for (const record of fc.sample(recordArb, { numRuns: 1000, seed: 42 })) {
      const r = counted(record);
      seen.add(r.outcome);
      if (r.outcome === 'tie' && r.elected.length === record.election.seats) seen.add('tie for alternates');
      for (const reason of Object.keys(r.ballots.invalidByReason)) seen.add(reason);
    }
    expect([...seen].sort()).toEqual([
      'added_name',
      'all_struck',
      'alternates_unfilled',
      'complete',
      'marked',
      'not_issued',
      'not_one_box',
      'other',
      'tie',
      'tie for alternates',
      'too_many',
      'unfilled',
    ]);
  });
});

describe('properties of the count over random records', () => {
  it('agrees with a plain recount: votes, valid ballots, invalid by reason', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        const result = counted(record);
        const expected = recount(record);
        expect({
          votes: result.candidates.map((c) => c.votes),
          valid: result.ballots.valid,
          invalidByReason: result.ballots.invalidByReason,
        }).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('valid + invalid = collected, and the reasons add up to invalid', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        const { ballots } = counted(record);
        expect(ballots.valid + ballots.invalid).toBe(record.ballotsCollected);
        expect(Object.values(ballots.invalidByReason).reduce((a, b) => a + b, 0)).toBe(ballots.invalid);
      }),
      RUNS,
    );
  });

  it('no one is elected, made an alternate or tied below the threshold: 2 × votes > base', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        const result = counted(record);
        for (const c of result.candidates) {
          if (c.status !== 'not_elected') expect(2 * c.votes).toBeGreaterThan(result.base);
        }
      }),
      RUNS,
    );
  });

  it('never more elected than seats, nor more alternates than alternate places', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        const result = counted(record);
        expect(result.elected.length).toBeLessThanOrEqual(record.election.seats);
        expect(result.alternates.length).toBeLessThanOrEqual(alternatesOnBallot(record.election));
      }),
      RUNS,
    );
  });

  it('statuses match the lists, and a tied candidate is never elected', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        const result = counted(record);
        const byStatus = (status: string) => result.candidates.filter((c) => c.status === status).map((c) => c.no).sort((a, b) => a - b);
        const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
        expect(byStatus('elected')).toEqual(sorted(result.elected));
        expect(byStatus('alternate')).toEqual(sorted(result.alternates));
        expect(byStatus('tied')).toEqual(sorted(result.tied));
        expect(result.tied.filter((no) => result.elected.includes(no) || result.alternates.includes(no))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('more votes never lose to fewer: elected > alternates > tied > not elected over the threshold', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        const result = counted(record);
        const votesOf = (status: string) => result.candidates.filter((c) => c.status === status).map((c) => c.votes);
        const overThreshold = result.candidates.filter((c) => c.status === 'not_elected' && 2 * c.votes > result.base).map((c) => c.votes);
        const layers = [votesOf('elected'), votesOf('alternate'), votesOf('tied'), overThreshold];
        for (let upper = 0; upper < layers.length; upper++) {
          for (let lower = upper + 1; lower < layers.length; lower++) {
            if (layers[upper].length > 0 && layers[lower].length > 0) {
              expect(Math.min(...layers[upper])).toBeGreaterThan(Math.max(...layers[lower]));
            }
          }
        }
        expect(new Set(votesOf('tied')).size).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('elected and alternates are listed by votes, equal votes in ballot order', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        const result = counted(record);
        const votes = (no: number) => result.candidates[no - 1].votes;
        const byVotes = (list: number[]) => [...list].sort((a, b) => votes(b) - votes(a) || a - b);
        expect(result.elected).toEqual(byVotes(result.elected));
        expect(result.alternates).toEqual(byVotes(result.alternates));
        expect(result.tied).toEqual(byVotes(result.tied));
      }),
      RUNS,
    );
  });

  it('rank is one more than the number of candidates with more votes', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        const result = counted(record);
        expect(result.candidates.map((c) => c.rank)).toEqual(
          result.candidates.map((c) => 1 + result.candidates.filter((d) => d.votes > c.votes).length),
        );
      }),
      RUNS,
    );
  });

  it('the outcome agrees with the seats filled, tied and unfilled', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        const r = counted(record);
        const { seats } = record.election;
        const alternates = alternatesOnBallot(record.election);
        const overThreshold = r.candidates.filter((c) => 2 * c.votes > r.base).length;
        switch (r.outcome) {
          case 'complete':
            expect([r.elected.length, r.alternates.length, r.tied.length, r.seatsAtStake, r.unfilledSeats, r.unfilledAlternates]).toEqual([seats, alternates, 0, 0, 0, 0]);
            break;
          case 'tie': {
            expect(r.seatsAtStake).toBeGreaterThanOrEqual(1);
            expect(r.tied.length).toBeGreaterThan(r.seatsAtStake);
            expect([r.unfilledSeats, r.unfilledAlternates]).toEqual([0, 0]);
            const forOfficials = r.elected.length < seats;
            if (forOfficials) expect([r.elected.length + r.seatsAtStake, r.alternates.length]).toEqual([seats, 0]);
            else expect(r.alternates.length + r.seatsAtStake).toBe(alternates);
            break;
          }
          case 'unfilled':
            expect(r.unfilledSeats).toBeGreaterThanOrEqual(1);
            expect([r.elected.length + r.unfilledSeats, r.alternates.length, r.tied.length, r.seatsAtStake, r.unfilledAlternates]).toEqual([seats, 0, 0, 0, alternates]);
            // too few over the threshold: every one of them is elected
            expect(r.elected.length).toBe(overThreshold);
            break;
          case 'alternates_unfilled':
            expect(r.unfilledAlternates).toBeGreaterThanOrEqual(1);
            expect([r.elected.length, r.alternates.length + r.unfilledAlternates, r.tied.length, r.seatsAtStake, r.unfilledSeats]).toEqual([seats, alternates, 0, 0, 0]);
            expect(r.elected.length + r.alternates.length).toBe(overThreshold);
            break;
        }
      }),
      RUNS,
    );
  });

  it('shuffling the ballots never changes the result', () => {
    const withOrder = recordArb.chain((record) =>
      fc.tuple(
        fc.constant(record),
        fc.shuffledSubarray(record.ballots, { minLength: record.ballots.length, maxLength: record.ballots.length }),
      ),
    );
    fc.assert(
      fc.property(withOrder, ([record, shuffled]) => {
        expect(counted({ ...record, ballots: shuffled })).toEqual(counted(record));
      }),
      RUNS,
    );
  });

  it("adding a valid ballot never lowers anyone's votes", () => {
    const recordAndBallot = recordArb.chain((record) => {
      const list = { ...record.election, n: record.candidates.length };
      return fc.tuple(fc.constant(record), validBallotArb(list));
    });
    fc.assert(
      fc.property(recordAndBallot, ([record, ballot]) => {
        const before = counted(record);
        // one more ballot issued: attendance, which caps the ballots issued, is not what this is about
        const body = record.body && { ...record.body, present: undefined };
        const after = counted({
          ...record,
          ...(body ? { body } : {}),
          ballots: [...record.ballots, ballot],
          ballotsIssued: record.ballotsIssued + 1,
          ballotsCollected: record.ballotsCollected + 1,
        });
        expect(after.ballots.valid).toBe(before.ballots.valid + 1);
        for (const [i, c] of after.candidates.entries()) expect(c.votes).toBeGreaterThanOrEqual(before.candidates[i].votes);
      }),
      RUNS,
    );
  });
});
