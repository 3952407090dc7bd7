import { describe, expect, it } from 'vitest';
import { checkRoundFigures, classifyBallot, countRecord, type Ballot, type ElectionRecord, type ElectionResult } from '../../src/domain/index.js';
import { recordOf, strikeBallotsGiving } from './record-builder.js';

function counted(record: ElectionRecord): ElectionResult {
  const result = countRecord(record);
  if (!result.ok) throw new Error(`${result.error.field}: ${result.error.en}`);
  return result.value;
}

const firstConference = { kind: 'committee_conference' as const, name: 'Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ phường khóa XVII', convened: 15, excluded: 0, present: 15 };

describe('an election held by a conference is decided against its own members (rules.md, "Who votes")', () => {
  // A 15-member executive committee elects a 5-member standing committee from 6; the congress had 166 delegates.
  const standing = (votes: number[], body: ElectionRecord['body']) => ({
    ...recordOf({ convened: 166, kind: 'standing_committee', seats: 5, candidates: 6, ballots: strikeBallotsGiving(votes, 15, 5) }),
    ...(body ? { body } : {}),
  });

  it('a standing committee is elected with 8 votes of 15, not 84 of 166', () => {
    const result = counted(standing([15, 14, 12, 9, 8, 7], firstConference));
    expect(result).toMatchObject({
      body: { kind: 'committee_conference', name: firstConference.name, base: 15 },
      base: 15,
      threshold: 8,
      elected: [1, 2, 3, 4, 5],
      outcome: 'complete',
    });
    expect(result.candidates.map((c) => [c.votes, c.percentOfBase, c.status])).toEqual([
      [15, '100.00', 'elected'],
      [14, '93.33', 'elected'],
      [12, '80.00', 'elected'],
      [9, '60.00', 'elected'],
      [8, '53.33', 'elected'],
      [7, '46.67', 'not_elected'],
    ]);
  });

  it('7 of 15 is not more than half: the seat stays unfilled', () => {
    expect(counted(standing([15, 14, 12, 9, 7, 7], firstConference))).toMatchObject({ threshold: 8, elected: [1, 2, 3, 4], unfilledSeats: 1, outcome: 'unfilled' });
  });

  it("measured against the congress's 166 instead, no one could be elected: the body is what decides", () => {
    expect(counted(standing([15, 14, 12, 9, 8, 7], undefined))).toMatchObject({ base: 166, threshold: 84, elected: [], unfilledSeats: 5 });
  });

  it('excluded members leave the base; present members do not change it', () => {
    const result = counted(standing([15, 14, 12, 9, 8, 7], { ...firstConference, excluded: 2, excludedReason: 'Ốm, vắng mặt cả hội nghị', present: 15 }));
    expect(result).toMatchObject({ base: 13, threshold: 7, body: { base: 13 } });
  });

  it("a record without a body is the congress's own: its result carries no body", () => {
    expect(counted(standing([15, 14, 12, 9, 8, 7], undefined))).not.toHaveProperty('body');
  });
});

describe('a list of one name: a valid ballot marks exactly one of the two boxes (rule 6)', () => {
  const inspectionChair = (ballots: Ballot[]): ElectionRecord => ({
    ...recordOf({ convened: 166, kind: 'inspection_chair', seats: 1, candidates: ['Lê Thị Thu Hà'], ballots }),
    body: { kind: 'committee_conference', name: firstConference.name, convened: 15, excluded: 0, present: 14 },
    ballotsIssued: 14,
  });
  const agree = (n: number): Ballot[] => Array.from({ length: n }, () => ({ marks: { '1': 'agree' } }));

  it('an inspection chair elected by a conference, with ballots marking both boxes or neither ruled invalid', () => {
    const result = counted(
      inspectionChair([
        ...agree(9),
        { marks: { '1': 'disagree' } },
        { marks: { '1': 'both' } },
        { marks: { '1': 'none' } },
        { marks: {} },
        { invalid: 'marked' },
      ]),
    );
    expect(result).toMatchObject({
      base: 15,
      threshold: 8,
      ballots: { issued: 14, collected: 14, valid: 10, invalid: 4, invalidByReason: { not_one_box: 3, marked: 1 } },
      candidates: [{ no: 1, votes: 9, percentOfBase: '60.00', status: 'elected' }],
      elected: [1],
      outcome: 'complete',
    });
  });

  it.each([
    { marks: { '1': 'agree' }, verdict: { valid: true } },
    { marks: { '1': 'disagree' }, verdict: { valid: true } },
    { marks: { '1': 'both' }, verdict: { valid: false, reason: 'not_one_box' } },
    { marks: { '1': 'none' }, verdict: { valid: false, reason: 'not_one_box' } },
    { marks: {}, verdict: { valid: false, reason: 'not_one_box' } },
  ] as { marks: Record<string, 'agree'>; verdict: unknown }[])('the entry screen sees $marks as $verdict before Enter', ({ marks, verdict }) => {
    const list = { candidates: [{ no: 1, name: 'Lê Thị Thu Hà' }], seats: 1, alternates: 0 };
    expect(classifyBallot({ marks }, list)).toEqual({ ok: true, value: verdict });
  });

  it('several names without surplus keep the old rule: both or neither gives no vote, the ballot stays valid', () => {
    const list = { candidates: [{ no: 1, name: 'A' }, { no: 2, name: 'B' }], seats: 2, alternates: 0 };
    expect(classifyBallot({ marks: { '1': 'both' } }, list)).toEqual({ ok: true, value: { valid: true } });
  });

  it("the alternates' own ballot with one name left is a one-name list too", () => {
    const list = { candidates: [{ no: 1, name: 'A' }], seats: 0, alternates: 1, fills: 'alternates' as const, alternatesMethod: 'separate' as const };
    expect(classifyBallot({ marks: { '1': 'both' } }, list)).toEqual({ ok: true, value: { valid: false, reason: 'not_one_box' } });
  });
});

describe('delegation alternates, the two methods (Điều 18)', () => {
  // 6 names for 3 official seats and 2 alternates; base 10, threshold 6.
  const votes = [9, 8, 7, 3, 2, 1];

  it('separate: the officials ballot keeps at most `seats` names and designates no alternates', () => {
    const record = recordOf({ convened: 10, kind: 'delegates', seats: 3, alternates: 2, candidates: 6, ballots: strikeBallotsGiving(votes, 10, 3) });
    record.election.alternatesMethod = 'separate';
    expect(counted(record)).toMatchObject({ elected: [1, 2, 3], alternates: [], tied: [], unfilledAlternates: 0, outcome: 'complete' });
    const list = { candidates: record.candidates, seats: 3, alternates: 2, alternatesMethod: 'separate' as const };
    expect(classifyBallot({ struck: [1, 2] }, list)).toEqual({ ok: true, value: { valid: false, reason: 'too_many' } });
    expect(classifyBallot({ struck: [1, 2, 3] }, list)).toEqual({ ok: true, value: { valid: true } });
  });

  it("separate: the alternates' own ballot lists the rest, keeps at most `alternates` names, same threshold", () => {
    const record = recordOf({ convened: 10, kind: 'delegates', seats: 0, alternates: 2, candidates: ['Tên Bốn', 'Tên Năm', 'Tên Sáu'], ballots: strikeBallotsGiving([8, 7, 3], 10, 2) });
    Object.assign(record.election, { alternatesMethod: 'separate', fills: 'alternates', round: 2 });
    expect(counted(record)).toMatchObject({
      threshold: 6,
      elected: [],
      alternates: [1, 2],
      tied: [],
      seatsAtStake: 0,
      unfilledSeats: 0,
      unfilledAlternates: 0,
      outcome: 'complete',
      candidates: [{ status: 'alternate' }, { status: 'alternate' }, { status: 'not_elected' }],
    });
  });

  it("the alternates' own ballot: a tie at the cut-off designates none of the tied", () => {
    const record = recordOf({ convened: 10, excluded: 2, kind: 'delegates', seats: 0, alternates: 1, candidates: 3, ballots: strikeBallotsGiving([5, 5, 0], 10, 1) });
    Object.assign(record.election, { alternatesMethod: 'separate', fills: 'alternates' });
    expect(counted(record)).toMatchObject({ elected: [], alternates: [], tied: [1, 2], seatsAtStake: 1, outcome: 'tie' });
  });

  it('one ballot: a voter keeps up to seats + alternates; officials then alternates by votes', () => {
    const record = recordOf({ convened: 10, kind: 'delegates', seats: 3, alternates: 2, candidates: 6, ballots: strikeBallotsGiving([9, 8, 7, 6, 6, 2], 10, 5) });
    record.election.alternatesMethod = 'one_ballot';
    expect(counted(record)).toMatchObject({ elected: [1, 2, 3], alternates: [4, 5], outcome: 'complete' });
    const withoutMethod = recordOf({ convened: 10, kind: 'delegates', seats: 3, alternates: 2, candidates: 6, ballots: record.ballots });
    expect(counted(withoutMethod)).toEqual(counted(record));
  });
});

describe('checkRoundFigures: the figures a round takes before its ballots', () => {
  it.each([
    { issued: 14, collected: 14, present: 14, code: null },
    { issued: null, collected: null, present: 14, code: null },
    { issued: 15, collected: 14, present: null, code: null },
    { issued: 13, collected: 14, present: 14, code: 'collected_over_issued' },
    { issued: 15, collected: 14, present: 14, code: 'issued_over_present' },
  ])('issued $issued, collected $collected, present $present → $code', ({ code, ...figures }) => {
    expect(checkRoundFigures(figures)?.code ?? null).toBe(code);
  });
});
