import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compareCounts,
  compareEntries,
  countDifferenceText,
  defaultEntryMode,
  reconcileRound,
  sameBallot,
  settlePile,
  type Ballot,
  type ElectionResult,
  type PassBallots,
  type Resolution,
} from '../../src/domain/index.js';

const pass = (...ballots: Ballot[]): PassBallots => new Map(ballots.map((b, i) => [i + 1, b]));

describe('sameBallot: two entries of one paper ballot', () => {
  it.each<[string, Ballot | null, Ballot | null, boolean]>([
    ['same strikes in another order', { struck: [3, 1] }, { struck: [1, 3] }, true],
    ['one strike more', { struck: [1, 3] }, { struck: [1, 3, 4] }, false],
    ['other strike', { struck: [2] }, { struck: [3] }, false],
    ['nothing struck on both', { struck: [] }, { struck: [] }, true],
    ['a missing mark is "none"', { marks: { '1': 'agree', '2': 'none' } }, { marks: { '1': 'agree' } }, true],
    ['agree against disagree', { marks: { '1': 'agree' } }, { marks: { '1': 'disagree' } }, false],
    ['same committee reason', { invalid: 'marked' }, { invalid: 'marked' }, true],
    ['other committee reason', { invalid: 'marked' }, { invalid: 'not_issued' }, false],
    ['ruled invalid against marks', { invalid: 'marked' }, { struck: [1] }, false],
    ['a ballot against nothing', { struck: [1] }, null, false],
    ['nothing against nothing', null, null, true],
  ])('%s', (_, a, b, same) => {
    expect(sameBallot(a, b)).toBe(same);
    expect(sameBallot(b, a)).toBe(same);
  });
});

describe('defaultEntryMode', () => {
  it.each([
    [{ seats: 15, alternates: 0 }, 'double'],
    [{ seats: 1, alternates: 1 }, 'double'],
    [{ seats: 1, alternates: 0 }, 'single'],
  ] as const)('%o → %s', (list, mode) => expect(defaultEntryMode(list)).toBe(mode));
});

describe('compareEntries: ballot by ballot, by position in the pile', () => {
  it('lists exactly the positions that differ, with both entries', () => {
    const first = pass({ struck: [1] }, { struck: [2] }, { struck: [3] }, { invalid: 'marked' }, { struck: [] });
    const second = pass({ struck: [1] }, { struck: [2, 4] }, { struck: [3] }, { struck: [5] }, { struck: [] });
    expect(compareEntries(first, second)).toEqual([
      { position: 2, first: { struck: [2] }, second: { struck: [2, 4] } },
      { position: 4, first: { invalid: 'marked' }, second: { struck: [5] } },
    ]);
  });

  it('names a position typed in one pass only', () => {
    const first = pass({ struck: [1] }, { struck: [2] });
    expect(compareEntries(first, pass({ struck: [1] }))).toEqual([{ position: 2, first: { struck: [2] }, second: null }]);
  });
});

describe('settlePile', () => {
  const agreed = pass({ struck: [1] }, { struck: [2] }, { struck: [3] });

  it('waits for each pass that is short of the declared count', () => {
    const s = settlePile({ number: 4, declared: 3, first: agreed, second: pass({ struck: [1] }), resolutions: [] });
    expect(s.waitingFor).toEqual([{ for: 'pass', pass: 2, entered: 1, declared: 3 }]);
    expect(s.ballots).toBeNull();
    expect(s.differences).toEqual([]);
  });

  it('waits for a pass that has a hole, even at the declared count', () => {
    const holed = new Map<number, Ballot>([[1, { struck: [1] }], [2, { struck: [2] }], [4, { struck: [3] }]]);
    const s = settlePile({ number: 1, declared: 3, first: agreed, second: holed, resolutions: [] });
    expect(s.waitingFor).toEqual([{ for: 'pass', pass: 2, entered: 3, declared: 3 }]);
  });

  it('counts the ballots of two agreeing passes', () => {
    const s = settlePile({ number: 1, declared: 3, first: agreed, second: agreed, resolutions: [] });
    expect(s).toEqual({ number: 1, declared: 3, entered: { first: 3, second: 3 }, differences: [], waitingFor: [], ballots: [{ struck: [1] }, { struck: [2] }, { struck: [3] }] });
  });

  it('holds the pile until every difference is ruled on, then counts the rulings', () => {
    const second = pass({ struck: [1] }, { struck: [4] }, { struck: [5] });
    const ruleOn2: Resolution = { position: 2, first: { struck: [2] }, second: { struck: [4] }, ballot: { struck: [2, 4] } };
    const half = settlePile({ number: 7, declared: 3, first: agreed, second, resolutions: [ruleOn2] });
    expect(half.waitingFor).toEqual([{ for: 'resolution', unresolved: 1 }]);
    expect(half.differences.map((d) => [d.position, d.resolution?.ballot ?? null])).toEqual([[2, { struck: [2, 4] }], [3, null]]);
    expect(half.ballots).toBeNull();

    const ruleOn3: Resolution = { position: 3, first: { struck: [3] }, second: { struck: [5] }, ballot: { struck: [5] } };
    const done = settlePile({ number: 7, declared: 3, first: agreed, second, resolutions: [ruleOn2, ruleOn3] });
    expect(done.waitingFor).toEqual([]);
    expect(done.ballots).toEqual([{ struck: [1] }, { struck: [2, 4] }, { struck: [5] }]);
  });

  it('drops a ruling once an entry it was made for changes, and takes the latest ruling', () => {
    const second = pass({ struck: [1] }, { struck: [4] }, { struck: [3] });
    const stale: Resolution = { position: 2, first: { struck: [2] }, second: { struck: [9] }, ballot: { struck: [9] } };
    expect(settlePile({ number: 1, declared: 3, first: agreed, second, resolutions: [stale] }).waitingFor).toEqual([{ for: 'resolution', unresolved: 1 }]);
    const early: Resolution = { position: 2, first: { struck: [2] }, second: { struck: [4] }, ballot: { struck: [2] } };
    const late: Resolution = { ...early, ballot: { struck: [4] } };
    expect(settlePile({ number: 1, declared: 3, first: agreed, second, resolutions: [early, late] }).ballots).toEqual([{ struck: [1] }, { struck: [4] }, { struck: [3] }]);
  });
});

describe('reconcileRound', () => {
  const settled = (number: number, declared: number) => settlePile({ number, declared, first: pass(...Array.from({ length: declared }, (): Ballot => ({ struck: [] }))), second: pass(...Array.from({ length: declared }, (): Ballot => ({ struck: [] }))), resolutions: [] });

  it('is reconciled when every pile is settled and the piles add up to the ballots collected', () => {
    const r = reconcileRound({ piles: [settled(1, 3), settled(2, 2)], collected: 5, issued: 6 });
    expect(r).toMatchObject({ piles: 2, settledPiles: 2, declared: 5, counted: 5, problems: [], reconciled: true });
  });

  it('names the pile that is waiting, and the figures that do not add up', () => {
    const short = settlePile({ number: 2, declared: 3, first: pass({ struck: [] }), second: new Map(), resolutions: [] });
    const r = reconcileRound({ piles: [settled(1, 3), short], collected: 7, issued: 6 });
    expect(r.reconciled).toBe(false);
    expect(r.problems.map((p) => [p.field, p.code, p.en])).toEqual([
      ['piles[2]', 'pile_incomplete', 'pile 2: entry 1 has 1 of 3 ballots'],
      ['piles[2]', 'pile_incomplete', 'pile 2: entry 2 not started (3 ballots)'],
      ['piles', 'piles_not_collected', 'the piles add up to 6 ballots but 7 were collected'],
      ['ballotsCollected', 'collected_over_issued', 'ballots collected (7) exceed ballots issued (6)'],
    ]);
    expect(r.problems[0].vi).toBe('xấp phiếu số 2: lần nhập 1 mới có 1/3 phiếu');
    expect(r.counted).toBe(3);
    // Typed at least once: 3 in pile 1, 1 in pile 2 (its first entry is further than its second).
    expect(r.typed).toBe(4);
  });

  it('refuses a round with no piles or no ballot counts', () => {
    expect(reconcileRound({ piles: [], collected: null, issued: null }).problems.map((p) => p.code)).toEqual(['no_piles', 'counts_missing']);
  });
});

describe('compareCounts: a second full count against the first', () => {
  const result = (votes: number[], valid: number, invalidByReason: Record<string, number>) =>
    ({
      ballots: { issued: 10, collected: 10, valid, invalid: Object.values(invalidByReason).reduce((a, b) => a + b, 0), invalidByReason },
      candidates: votes.map((v, i) => ({ no: i + 1, name: `Người ${i + 1}`, votes: v })),
    }) as unknown as ElectionResult;

  it('finds nothing when every figure agrees', () => {
    expect(compareCounts(result([7, 3], 9, { marked: 1 }), result([7, 3], 9, { marked: 1 }))).toEqual([]);
  });

  it('names every figure that differs', () => {
    const d = compareCounts(result([7, 3], 9, { marked: 1 }), result([6, 3], 8, { marked: 1, other: 1 }));
    expect(d).toEqual([
      { figure: 'valid', first: 9, second: 8 },
      { figure: 'invalid', reason: 'other', first: 0, second: 1 },
      { figure: 'votes', no: 1, name: 'Người 1', first: 7, second: 6 },
    ]);
    expect(countDifferenceText(d[2])).toEqual({ vi: 'số phiếu bầu cho 1. Người 1: 7 / 6', en: 'votes for 1. Người 1: 7 / 6' });
  });
});

describe('compareEntries, as a property', () => {
  const strike = fc.uniqueArray(fc.integer({ min: 1, max: 17 }), { maxLength: 5 }).map((struck): Ballot => ({ struck }));
  it('lists exactly the positions where the second typist slipped, and settles to the rulings', () => {
    fc.assert(
      fc.property(fc.array(strike, { minLength: 1, maxLength: 60 }), fc.array(fc.nat(), { maxLength: 10 }), (paper, picks) => {
        const slips = new Set(picks.map((p) => (p % paper.length) + 1));
        // A slip strikes one name more (or one fewer, when all 17 are struck): never the same ballot.
        const slipped = (b: Ballot): Ballot => {
          const struck = (b as { struck: number[] }).struck;
          const extra = [...Array(17).keys()].map((i) => i + 1).find((no) => !struck.includes(no));
          return { struck: extra === undefined ? struck.slice(1) : [...struck, extra] };
        };
        const second = paper.map((b, i) => (slips.has(i + 1) ? slipped(b) : b));
        const differences = compareEntries(pass(...paper), pass(...second));
        expect(differences.map((d) => d.position)).toEqual([...slips].sort((a, b) => a - b));
        const rulings = differences.map((d) => ({ position: d.position, first: d.first, second: d.second, ballot: d.first as Ballot }));
        expect(settlePile({ number: 1, declared: paper.length, first: pass(...paper), second: pass(...second), resolutions: rulings }).ballots).toEqual(paper);
      }),
    );
  });
});
