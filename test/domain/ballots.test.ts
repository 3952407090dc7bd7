import { describe, expect, it } from 'vitest';
import { ballotStyleOf, classifyBallot, countRecord, createBallotCounter, type Ballot } from '../../src/domain/index.js';
import { recordOf } from './record-builder.js';

describe('the ballot style follows the list', () => {
  it.each([
    { candidates: 17, places: 15, style: 'strike' },
    { candidates: 2, places: 1, style: 'strike' },
    { candidates: 1, places: 1, style: 'agree_disagree' },
    { candidates: 28, places: 28, style: 'agree_disagree' },
    { candidates: 14, places: 15, style: null },
  ])('$candidates candidates for $places places → $style', ({ candidates, places, style }) => {
    expect(ballotStyleOf(candidates, places)).toBe(style);
  });

  it('places are seats plus alternates: 5 candidates for 3 seats and 2 alternates take agree/disagree marks', () => {
    const marks = recordOf({ seats: 3, alternates: 2, candidates: 5, convened: 3, ballots: [{ marks: { '1': 'agree' } }] });
    expect(countRecord(marks)).toMatchObject({ ok: true, value: { ballots: { valid: 1 } } });
    const strike = recordOf({ seats: 3, alternates: 2, candidates: 5, convened: 3, ballots: [{ struck: [1] }] });
    expect(countRecord(strike)).toMatchObject({ ok: false, error: { field: 'ballots[0]', code: 'wrong_style' } });
  });

  it.each([
    { seats: 5, alternates: 0, candidates: 4 },
    { seats: 3, alternates: 2, candidates: 4 },
  ])('fewer candidates ($candidates) than places ($seats + $alternates) is refused', ({ seats, alternates, candidates }) => {
    const record = recordOf({ seats, alternates, candidates, ballots: [] });
    expect(countRecord(record)).toEqual({
      ok: false,
      error: expect.objectContaining({ field: 'candidates', code: 'too_few_candidates' }),
    });
  });
});

describe('strike ballots: 4 candidates for 2 seats', () => {
  const ballots: Ballot[] = [
    { struck: [1, 2] }, // keeps 3, 4: valid
    { struck: [4, 2, 1] }, // keeps 3: valid, fewer names than places
    { struck: [1] }, // keeps 3 names for 2 places: too many
    { struck: [] }, // nothing struck, keeps all 4: too many
    { struck: [1, 2, 3, 4] }, // every name struck: nobody chosen
    { invalid: 'not_issued' },
    { invalid: 'added_name' },
    { invalid: 'marked' },
    { invalid: 'other' },
  ];

  it('classifies every ballot and counts votes from valid ballots only', () => {
    const result = countRecord(recordOf({ seats: 2, candidates: 4, ballots, convened: 3 }));
    expect(result).toMatchObject({
      ok: true,
      value: {
        ballots: {
          issued: 9,
          collected: 9,
          valid: 2,
          invalid: 7,
          invalidByReason: { too_many: 2, all_struck: 1, not_issued: 1, added_name: 1, marked: 1, other: 1 },
        },
      },
    });
    expect(result.ok && result.value.candidates.map((c) => c.votes)).toEqual([0, 0, 2, 1]);
  });

  it.each([
    { ballot: { struck: [1, 2] }, verdict: { valid: true } },
    { ballot: { struck: [2, 3, 4] }, verdict: { valid: true } },
    { ballot: { struck: [1] }, verdict: { valid: false, reason: 'too_many' } },
    { ballot: { struck: [] }, verdict: { valid: false, reason: 'too_many' } },
    { ballot: { struck: [3, 1, 4, 2] }, verdict: { valid: false, reason: 'all_struck' } },
    { ballot: { invalid: 'not_issued' }, verdict: { valid: false, reason: 'not_issued' } },
    { ballot: { invalid: 'added_name' }, verdict: { valid: false, reason: 'added_name' } },
    { ballot: { invalid: 'marked' }, verdict: { valid: false, reason: 'marked' } },
    { ballot: { invalid: 'other' }, verdict: { valid: false, reason: 'other' } },
  ] as { ballot: Ballot; verdict: unknown }[])('classifyBallot $ballot → $verdict', ({ ballot, verdict }) => {
    const list = { candidates: recordOf({ seats: 2, candidates: 4, ballots: [] }).candidates, seats: 2, alternates: 0 };
    expect(classifyBallot(ballot, list)).toEqual({ ok: true, value: verdict });
  });

  it('with alternates a voter may keep seats + alternates names', () => {
    const list = { candidates: recordOf({ seats: 2, candidates: 5, ballots: [] }).candidates, seats: 2, alternates: 1 };
    expect(classifyBallot({ struck: [1, 2] }, list)).toEqual({ ok: true, value: { valid: true } });
    expect(classifyBallot({ struck: [1] }, list)).toEqual({ ok: true, value: { valid: false, reason: 'too_many' } });
  });
});

describe('agree/disagree ballots: 2 candidates for 2 seats', () => {
  const ballots: Ballot[] = [
    { marks: { '1': 'agree', '2': 'agree' } },
    { marks: { '1': 'disagree', '2': 'agree' } },
    { marks: { '1': 'both', '2': 'none' } }, // both boxes, no box: no vote, still valid
    { marks: { '1': 'agree' } }, // 2 missing: counts as none
    { marks: {} }, // no agree at all: still valid
    { marks: { '1': 'disagree', '2': 'disagree' } },
    { marks: { '1': 'none', '2': 'agree' } },
    { invalid: 'marked' },
  ];

  it('an agree is a vote; both, none, missing and disagree are not; every issued ballot is valid', () => {
    const result = countRecord(recordOf({ kind: 'deputy_secretary', seats: 2, candidates: 2, ballots, convened: 5 }));
    expect(result).toMatchObject({
      ok: true,
      value: { threshold: 3, ballots: { valid: 7, invalid: 1, invalidByReason: { marked: 1 } } },
    });
    expect(result.ok && result.value.candidates.map((c) => [c.votes, c.status])).toEqual([
      [2, 'not_elected'],
      [3, 'elected'],
    ]);
  });

  it.each([
    { ballot: { marks: { '1': 'agree', '2': 'agree' } } },
    { ballot: { marks: { '1': 'both', '2': 'both' } } },
    { ballot: { marks: { '2': 'none' } } },
    { ballot: { marks: {} } },
  ] as { ballot: Ballot }[])('classifyBallot $ballot → valid', ({ ballot }) => {
    const list = { candidates: recordOf({ seats: 2, candidates: 2, ballots: [] }).candidates, seats: 2, alternates: 0 };
    expect(classifyBallot(ballot, list)).toEqual({ ok: true, value: { valid: true } });
  });
});

describe('a ballot that is not a ballot of its list makes the record uncountable', () => {
  const strikeList = { seats: 2, candidates: 4 };
  const agreeList = { seats: 2, candidates: 2 };
  it.each([
    { name: 'marks on a strike list', list: strikeList, ballot: { marks: { '1': 'agree' } }, field: 'ballots[1]', code: 'wrong_style' },
    { name: 'struck on an agree list', list: agreeList, ballot: { struck: [1] }, field: 'ballots[1]', code: 'wrong_style' },
    { name: 'a number not on the list', list: strikeList, ballot: { struck: [1, 5] }, field: 'ballots[1].struck[1]', code: 'unknown_candidate' },
    { name: 'number 0', list: strikeList, ballot: { struck: [0] }, field: 'ballots[1].struck[0]', code: 'unknown_candidate' },
    { name: 'a fraction', list: strikeList, ballot: { struck: [1.5] }, field: 'ballots[1].struck[0]', code: 'unknown_candidate' },
    { name: 'a number struck twice', list: strikeList, ballot: { struck: [1, 3, 1] }, field: 'ballots[1].struck[2]', code: 'struck_twice' },
    { name: 'an unknown key in marks', list: agreeList, ballot: { marks: { '1': 'agree', '3': 'agree' } }, field: 'ballots[1].marks', code: 'unknown_candidate' },
    { name: 'an unknown mark', list: agreeList, ballot: { marks: { '1': 'yes' } }, field: 'ballots[1].marks.1', code: 'unknown_mark' },
    { name: 'both struck and marks', list: strikeList, ballot: { struck: [1, 2], marks: {} }, field: 'ballots[1]', code: 'not_a_ballot' },
    { name: 'neither struck, marks nor invalid', list: strikeList, ballot: {}, field: 'ballots[1]', code: 'not_a_ballot' },
    { name: 'too_many ruled by the committee (the marks decide it)', list: strikeList, ballot: { invalid: 'too_many' }, field: 'ballots[1].invalid', code: 'unknown_reason' },
  ])('$name → $field $code', ({ list, ballot, field, code }) => {
    const valid: Ballot = list === strikeList ? { struck: [1, 2] } : { marks: { '1': 'agree' } };
    const record = recordOf({ ...list, ballots: [valid, ballot as Ballot, valid] });
    expect(countRecord(record)).toEqual({ ok: false, error: expect.objectContaining({ field, code }) });
  });

  it('classifyBallot names the field inside the ballot', () => {
    const list = { candidates: recordOf({ seats: 2, candidates: 4, ballots: [] }).candidates, seats: 2, alternates: 0 };
    expect(classifyBallot({ struck: [2, 9] }, list)).toMatchObject({ ok: false, error: { field: 'ballot.struck[1]', code: 'unknown_candidate' } });
    expect(classifyBallot({ marks: { '1': 'agree' } }, list)).toMatchObject({ ok: false, error: { field: 'ballot', code: 'wrong_style' } });
    const tooFew = { ...list, seats: 5 };
    expect(classifyBallot({ struck: [] }, tooFew)).toMatchObject({ ok: false, error: { field: 'candidates', code: 'too_few_candidates' } });
  });

  it('the refused ballot counts nothing: a counter keeps counting as if it had not been offered', () => {
    const candidates = recordOf({ seats: 2, candidates: 4, ballots: [] }).candidates;
    const counter = createBallotCounter(candidates, 'strike', 2);
    expect(counter.add({ struck: [1, 2] })).toBeNull();
    expect(counter.add({ struck: [3, 4, 3] })).toMatchObject({ field: 'struck[2]', code: 'struck_twice' });
    expect(counter.add({ struck: [3, 9] })).toMatchObject({ field: 'struck[1]', code: 'unknown_candidate' });
    expect(counter.add({ struck: [1] })).toBeNull(); // too many kept: invalid, counts for no one
    expect(counter.add({ struck: [1, 4] })).toBeNull();
    expect(counter.votes()).toEqual([0, 1, 2, 1]);
    expect({ valid: counter.valid(), invalid: counter.invalidByReason() }).toEqual({
      valid: 2,
      invalid: { too_many: 1, all_struck: 0, not_one_box: 0, not_issued: 0, added_name: 0, marked: 0, other: 0 },
    });
  });
});
