import { describe, expect, it } from 'vitest';
import { baseProblem, checkList, reconcileCounts, roundEntryMode, sameBallot, type Ballot, type BallotSeats, type EntryMode } from '../../src/domain/index.js';

describe('reconcileCounts: the one reconciliation rule', () => {
  it.each([
    { entered: 166, collected: 166, issued: 166, codes: [] },
    { entered: 164, collected: 164, issued: 166, codes: [] },
    { entered: 165, collected: 166, issued: 166, codes: ['not_reconciled'] },
    { entered: 167, collected: 167, issued: 166, codes: ['not_reconciled'] },
    { entered: 10, collected: 12, issued: 11, codes: ['not_reconciled', 'not_reconciled'] },
    { entered: 0, collected: null, issued: 10, codes: ['counts_missing'] },
    { entered: 0, collected: 10, issued: null, codes: ['counts_missing'] },
  ])('$entered entered, $collected collected, $issued issued → $codes', ({ entered, collected, issued, codes }) => {
    const r = reconcileCounts({ entered, collected, issued });
    expect(r.problems.map((p) => p.code)).toEqual(codes);
    expect(r.reconciled).toBe(codes.length === 0);
  });

  it('words the piles’ sum as piles, with its own codes', () => {
    expect(reconcileCounts({ entered: 150, collected: 166, issued: 160 }, { as: 'piles' }).problems.map((p) => [p.code, p.en])).toEqual([
      ['piles_not_collected', 'the piles add up to 150 ballots but 166 were collected'],
      ['collected_over_issued', 'ballots collected (166) exceed ballots issued (160)'],
    ]);
  });
});

describe('roundEntryMode: chosen, else single for one name, else chosen before, else double', () => {
  const committee = { seats: 15, alternates: 0 };
  const oneName = { seats: 1, alternates: 0 };
  it.each<{ case: string; round: BallotSeats; chosen: EntryMode | null; chosenBefore: (EntryMode | null)[]; mode: EntryMode }>([
    { case: 'a committee, nothing chosen', round: committee, chosen: null, chosenBefore: [], mode: 'double' },
    { case: 'a secretary, nothing chosen', round: oneName, chosen: null, chosenBefore: [], mode: 'single' },
    { case: 'chosen for the round', round: committee, chosen: 'single', chosenBefore: ['double'], mode: 'single' },
    { case: 'a one-name re-vote after a 15-seat round, nothing chosen', round: oneName, chosen: null, chosenBefore: [null], mode: 'single' },
    { case: 'a one-name re-vote after the committee chose double: typed once all the same', round: oneName, chosen: null, chosenBefore: [null, 'double'], mode: 'single' },
    { case: 'a one-name re-vote chosen double for itself', round: oneName, chosen: 'double', chosenBefore: ['single'], mode: 'double' },
    { case: 'a re-vote for 3 places after the committee chose single', round: { seats: 3, alternates: 0 }, chosen: null, chosenBefore: ['single'], mode: 'single' },
    { case: "a separate officials' ballot of 1 seat (+1 alternate on its own ballot)", round: { seats: 1, alternates: 1, alternatesMethod: 'separate' }, chosen: null, chosenBefore: [], mode: 'single' },
    { case: 'one seat and one alternate on one ballot: two names kept', round: { seats: 1, alternates: 1, alternatesMethod: 'one_ballot' }, chosen: null, chosenBefore: [], mode: 'double' },
    { case: "the alternates' own ballot for 2 places", round: { seats: 0, alternates: 2, fills: 'alternates' }, chosen: null, chosenBefore: [], mode: 'double' },
    { case: 'the nearest choice wins', round: committee, chosen: null, chosenBefore: ['single', 'double'], mode: 'single' },
  ])('$case → $mode', ({ round, chosen, chosenBefore, mode }) => {
    expect(roundEntryMode({ round, chosen, chosenBefore })).toBe(mode);
  });
});

describe('sameBallot: one meaning of "the same ballot"', () => {
  it.each<[Ballot, Ballot, boolean]>([
    [{ marks: {} }, { marks: { '1': 'none' } }, true],
    [{ marks: { '1': 'agree' } }, { marks: { '1': 'agree', '2': 'none' } }, true],
    [{ marks: { '1': 'agree' } }, { marks: { '1': 'both' } }, false],
    [{ struck: [3, 1] }, { struck: [1, 3] }, true],
    [{ struck: [] }, { struck: [1] }, false],
    [{ invalid: 'marked' }, { invalid: 'marked' }, true],
    [{ invalid: 'marked' }, { invalid: 'other' }, false],
    [{ struck: [] }, { marks: {} }, false],
  ])('%o and %o: %s', (a, b, same) => {
    expect(sameBallot(a, b)).toBe(same);
    expect(sameBallot(b, a)).toBe(same);
  });
});

describe('baseProblem: base ≥ 1', () => {
  it.each([
    { convened: 166, excluded: 0, code: null },
    { convened: 166, excluded: 165, code: null },
    { convened: 166, excluded: 166, code: 'base_below_one' },
    { convened: 15, excluded: 20, code: 'base_below_one' },
  ])('$convened convened, $excluded excluded → $code', ({ convened, excluded, code }) => {
    expect(baseProblem({ convened, excluded }, 'body.')?.code ?? null).toBe(code);
    if (code) expect(baseProblem({ convened, excluded }, 'body.')?.field).toBe('body.excluded');
  });
});

describe('checkList: the surplus rule binds the first round only', () => {
  const list = (n: number) => Array.from({ length: n }, (_, i) => ({ no: i + 1, name: `Người ${i + 1}` }));
  it.each([
    { round: 1, candidates: 9, warned: true },
    { round: 2, candidates: 9, warned: false },
    { round: 1, candidates: 6, warned: false },
  ])('round $round, $candidates names for 5 seats of an executive committee: warned $warned', ({ round, candidates, warned }) => {
    const check = checkList({ kind: 'executive_committee', round, seats: 5, alternates: 0, candidates: list(candidates) });
    expect(check.errors).toEqual([]);
    expect(check.warnings.length > 0).toBe(warned);
  });
});
