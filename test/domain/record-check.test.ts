import { describe, expect, it } from 'vitest';
import { countRecord, type ElectionRecord } from '../../src/domain/index.js';
import { recordOf } from './record-builder.js';

const conference = { kind: 'committee_conference' as const, name: 'Hội nghị lần thứ nhất Ban Chấp hành khóa XVII', convened: 15, excluded: 0, present: 15 };

const good = (): ElectionRecord =>
  recordOf({ convened: 10, excluded: 1, seats: 2, candidates: 3, ballots: [{ struck: [1] }, { struck: [2] }], ballotsIssued: 3 });

describe('a record is checked before its ballots are counted', () => {
  it('the good record counts', () => {
    expect(countRecord(good())).toMatchObject({ ok: true, value: { base: 9, threshold: 5 } });
  });

  it.each([
    { name: 'convened 0', change: (r: ElectionRecord) => (r.congress.convened = 0), field: 'congress.convened', code: 'out_of_range' },
    { name: 'excluded negative', change: (r: ElectionRecord) => (r.congress.excluded = -1), field: 'congress.excluded', code: 'out_of_range' },
    { name: 'excluded = convened (base 0)', change: (r: ElectionRecord) => (r.congress.excluded = 10), field: 'congress.excluded', code: 'base_below_one' },
    { name: 'excluded > convened', change: (r: ElectionRecord) => (r.congress.excluded = 11), field: 'congress.excluded', code: 'base_below_one' },
    { name: 'seats 0 without fills: alternates', change: (r: ElectionRecord) => (r.election.seats = 0), field: 'election.seats', code: 'out_of_range' },
    { name: 'seats 1.5', change: (r: ElectionRecord) => (r.election.seats = 1.5), field: 'election.seats', code: 'out_of_range' },
    { name: 'alternates negative', change: (r: ElectionRecord) => (r.election.alternates = -1), field: 'election.alternates', code: 'out_of_range' },
    { name: 'round 0', change: (r: ElectionRecord) => (r.election.round = 0), field: 'election.round', code: 'out_of_range' },
    { name: 'no candidates', change: (r: ElectionRecord) => (r.candidates = []), field: 'candidates', code: 'empty_list' },
    { name: 'a duplicate number', change: (r: ElectionRecord) => (r.candidates[2].no = 1), field: 'candidates[2].no', code: 'duplicate_number' },
    { name: 'a number past the list', change: (r: ElectionRecord) => (r.candidates[1].no = 4), field: 'candidates[1].no', code: 'out_of_range' },
    { name: 'an empty name', change: (r: ElectionRecord) => (r.candidates[0].name = '  '), field: 'candidates[0].name', code: 'empty_name' },
    { name: 'fewer candidates than places', change: (r: ElectionRecord) => (r.election.alternates = 2), field: 'candidates', code: 'too_few_candidates' },
    { name: 'ballotsIssued negative', change: (r: ElectionRecord) => (r.ballotsIssued = -1), field: 'ballotsIssued', code: 'out_of_range' },
    { name: 'ballots.length ≠ ballotsCollected', change: (r: ElectionRecord) => (r.ballotsCollected = 3), field: 'ballots', code: 'not_reconciled' },
    { name: 'collected > issued', change: (r: ElectionRecord) => (r.ballotsIssued = 1), field: 'ballotsCollected', code: 'not_reconciled' },
    { name: 'a body with base 0', change: (r: ElectionRecord) => (r.body = { ...conference, excluded: 15 }), field: 'body.excluded', code: 'base_below_one' },
    { name: 'a body with convened 0', change: (r: ElectionRecord) => (r.body = { ...conference, convened: 0 }), field: 'body.convened', code: 'out_of_range' },
    { name: 'a body without a name', change: (r: ElectionRecord) => (r.body = { ...conference, name: ' ' }), field: 'body.name', code: 'empty_name' },
    { name: 'a body of an unknown kind', change: (r: ElectionRecord) => (r.body = { ...conference, kind: 'club' as never }), field: 'body.kind', code: 'unknown_kind' },
    { name: 'more present than convened', change: (r: ElectionRecord) => (r.body = { ...conference, present: 16 }), field: 'body.present', code: 'out_of_range' },
    { name: 'more ballots issued than present', change: (r: ElectionRecord) => (r.body = { ...conference, present: 2 }), field: 'ballotsIssued', code: 'issued_over_present' },
    { name: 'alternatesMethod without alternates', change: (r: ElectionRecord) => (r.election.alternatesMethod = 'separate'), field: 'election.alternatesMethod', code: 'no_alternates' },
    { name: 'an unknown alternatesMethod', change: (r: ElectionRecord) => Object.assign(r.election, { alternates: 1, alternatesMethod: 'lottery' }), field: 'election.alternatesMethod', code: 'unknown_method' },
    { name: 'seats 0 on an officials ballot', change: (r: ElectionRecord) => Object.assign(r.election, { seats: 0, alternates: 2 }), field: 'election.seats', code: 'out_of_range' },
    { name: "seats on the alternates' ballot", change: (r: ElectionRecord) => Object.assign(r.election, { seats: 1, alternates: 1, fills: 'alternates' }), field: 'election.seats', code: 'out_of_range' },
    { name: "no alternates on the alternates' ballot", change: (r: ElectionRecord) => Object.assign(r.election, { seats: 0, alternates: 0, fills: 'alternates' }), field: 'election.alternates', code: 'out_of_range' },
    { name: 'an unknown fills', change: (r: ElectionRecord) => Object.assign(r.election, { fills: 'everyone' }), field: 'election.fills', code: 'unknown_fills' },
  ])('$name → $field $code', ({ change, field, code }) => {
    const record = good();
    change(record);
    expect(countRecord(record)).toEqual({ ok: false, error: expect.objectContaining({ field, code }) });
  });

  it('every problem carries its message in English and Vietnamese', () => {
    const record = good();
    record.congress.excluded = 10;
    expect(countRecord(record)).toEqual({
      ok: false,
      error: {
        field: 'congress.excluded',
        code: 'base_below_one',
        en: 'excluded (10) must be less than convened (10): the base must be ≥ 1',
        vi: 'số được trừ (10) phải nhỏ hơn số triệu tập (10)',
      },
    });
  });
});
