import { describe, expect, it } from 'vitest';
import { markTotals, type Ballot, type ElectionRecord } from '../../src/domain/index.js';

const oneName = (ballots: Ballot[]) => ({
  candidates: [{ no: 1, name: 'Nguyễn Văn Bí' }],
  election: { title: 'Bầu Bí thư', kind: 'secretary', seats: 1, alternates: 0, round: 1 } as ElectionRecord['election'],
  ballots,
});

describe('markTotals', () => {
  it.each<[string, Ballot[], { agree: number; disagree: number }]>([
    ['agree and disagree on valid ballots', [{ marks: { 1: 'agree' } }, { marks: { 1: 'agree' } }, { marks: { 1: 'disagree' } }], { agree: 2, disagree: 1 }],
    ['both boxes or neither is an invalid ballot of one name: no mark counted', [{ marks: { 1: 'both' } }, { marks: { 1: 'none' } }, { marks: { 1: 'disagree' } }], { agree: 0, disagree: 1 }],
    ['a ballot ruled invalid by the committee counts for nothing', [{ invalid: 'marked' }, { marks: { 1: 'agree' } }], { agree: 1, disagree: 0 }],
  ])('one name: %s', (_, ballots, expected) => {
    expect(markTotals(oneName(ballots)).get(1)).toEqual(expected);
  });

  it('several names without surplus: each name its own agree and disagree, a ballot with no agree still valid', () => {
    const record = {
      candidates: [{ no: 1, name: 'A' }, { no: 2, name: 'B' }],
      election: { title: 'Bầu Phó Bí thư', kind: 'deputy_secretary', seats: 2, alternates: 0, round: 1 } as ElectionRecord['election'],
      ballots: [{ marks: { 1: 'agree', 2: 'disagree' } }, { marks: { 1: 'disagree', 2: 'disagree' } }, { marks: { 1: 'both', 2: 'agree' } }] as Ballot[],
    };
    expect(Object.fromEntries(markTotals(record))).toEqual({ 1: { agree: 1, disagree: 1 }, 2: { agree: 1, disagree: 2 } });
  });

  it('a strike list has no marks', () => {
    const record = { candidates: [{ no: 1, name: 'A' }, { no: 2, name: 'B' }], election: { title: 'x', kind: 'other', seats: 1, alternates: 0, round: 1 } as ElectionRecord['election'], ballots: [{ struck: [1] }] as Ballot[] };
    expect(Object.fromEntries(markTotals(record))).toEqual({ 1: { agree: 0, disagree: 0 }, 2: { agree: 0, disagree: 0 } });
  });
});
