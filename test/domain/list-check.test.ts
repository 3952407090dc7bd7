import { describe, expect, it } from 'vitest';
import { checkList, type ElectionKind } from '../../src/domain/index.js';

const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Đức', 'Giang', 'Hà', 'Hải', 'Khánh', 'Lan', 'Linh', 'Mai', 'Nam', 'Oanh', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Uyên', 'Vân', 'Xuân', 'Yến'];
const names = (count: number): string[] => Array.from({ length: count }, (_, i) => `Nguyễn Văn ${GIVEN[i % GIVEN.length]} ${Math.floor(i / GIVEN.length) || ''}`.trim());
const listOf = (kind: ElectionKind, seats: number, count: number, alternates = 0) => ({
  kind,
  seats,
  alternates,
  candidates: names(count).map((name, i) => ({ no: i + 1, name })),
});
const codes = (check: ReturnType<typeof checkList>) => ({
  errors: check.errors.map((p) => p.code),
  warnings: check.warnings.map((p) => p.code),
});

describe('checkList: the surplus rule for committees (Quy chế Điều 14)', () => {
  it.each([
    { kind: 'executive_committee', seats: 15, count: 19, warnings: [] }, // 4 over 15: 26.7 %
    { kind: 'executive_committee', seats: 10, count: 13, warnings: [] }, // exactly 30 %
    { kind: 'executive_committee', seats: 10, count: 14, warnings: ['surplus_over_30_percent'] },
    { kind: 'executive_committee', seats: 15, count: 20, warnings: ['surplus_over_30_percent'] }, // 33.3 %
    { kind: 'standing_committee', seats: 11, count: 15, warnings: ['surplus_over_30_percent'] },
    { kind: 'standing_committee', seats: 11, count: 14, warnings: [] },
    { kind: 'executive_committee', seats: 9, count: 9, warnings: ['no_surplus'] },
    { kind: 'standing_committee', seats: 5, count: 5, warnings: ['no_surplus'] },
    // committees of 3–5 members: at most 1 extra, even where 1 is over 30 % (1 over 3)
    { kind: 'standing_committee', seats: 3, count: 4, warnings: [] },
    { kind: 'standing_committee', seats: 3, count: 5, warnings: ['surplus_small_committee'] },
    { kind: 'executive_committee', seats: 5, count: 6, warnings: [] },
    { kind: 'executive_committee', seats: 5, count: 7, warnings: ['surplus_small_committee'] },
    { kind: 'executive_committee', seats: 6, count: 7, warnings: [] },
  ] as const)('$kind, $count candidates for $seats seats → $warnings', ({ kind, seats, count, warnings }) => {
    expect(codes(checkList(listOf(kind, seats, count)))).toEqual({ errors: [], warnings });
  });

  it('the warning names the article and the numbers', () => {
    expect(checkList(listOf('executive_committee', 15, 20)).warnings).toEqual([
      {
        field: 'candidates',
        code: 'surplus_over_30_percent',
        en: 'Quy chế bầu cử trong Đảng, Điều 14: the surplus may be at most 30% of seats (this list has 5 over 15)',
        vi: 'Quy chế bầu cử trong Đảng, Điều 14: số dư không quá 30% số lượng cần bầu (đang dư 5 trên 15)',
      },
    ]);
  });
});

describe('checkList: lists other than committees carry no surplus warning', () => {
  it.each([
    { kind: 'secretary', seats: 1, count: 1, alternates: 0 },
    { kind: 'deputy_secretary', seats: 2, count: 2, alternates: 0 },
    { kind: 'secretary', seats: 1, count: 2, alternates: 0 },
    { kind: 'inspection_committee', seats: 5, count: 8, alternates: 0 },
    { kind: 'inspection_chair', seats: 1, count: 1, alternates: 0 },
    { kind: 'delegates', seats: 26, count: 40, alternates: 2 },
    { kind: 'delegates', seats: 26, count: 28, alternates: 2 },
    { kind: 'other', seats: 3, count: 9, alternates: 0 },
  ] as const)('$kind, $count candidates for $seats + $alternates', ({ kind, seats, count, alternates }) => {
    expect(codes(checkList(listOf(kind, seats, count, alternates)))).toEqual({ errors: [], warnings: [] });
  });
});

describe('checkList: errors', () => {
  it.each([
    { name: 'fewer candidates than seats', list: listOf('executive_committee', 5, 4), errors: ['too_few_candidates'] },
    { name: 'fewer candidates than seats + alternates', list: listOf('delegates', 3, 4, 2), errors: ['too_few_candidates'] },
    { name: 'no seats', list: listOf('secretary', 0, 1), errors: ['out_of_range'] },
    { name: 'negative alternates', list: listOf('delegates', 2, 3, -1), errors: ['out_of_range'] },
    { name: 'an empty list', list: listOf('secretary', 1, 0), errors: ['empty_list', 'too_few_candidates'] },
  ])('$name → $errors, and no surplus warning', ({ list, errors }) => {
    expect(codes(checkList(list))).toEqual({ errors, warnings: [] });
  });

  it('a duplicate number', () => {
    const list = listOf('executive_committee', 2, 3);
    list.candidates[2].no = 2;
    expect(checkList(list).errors).toEqual([expect.objectContaining({ field: 'candidates[2].no', code: 'duplicate_number' })]);
  });
});

describe('checkList: the same name twice is a warning (check the list)', () => {
  it('matches names whatever their case, spacing or Unicode form, and names the pair', () => {
    const list = listOf('executive_committee', 3, 4);
    list.candidates[1].name = 'Lê Thị Hà';
    list.candidates[3].name = '  lê  thị hà '.normalize('NFD');
    expect(checkList(list)).toEqual({
      errors: [],
      warnings: [
        {
          field: 'candidates',
          code: 'same_name',
          en: 'The same name twice: numbers 2 and 4 (Lê Thị Hà). Check the list',
          vi: 'Trùng họ tên: số 2 và số 4 (Lê Thị Hà). Kiểm tra lại danh sách',
        },
      ],
    });
  });

  it('a list pasted twice: one warning naming each pair (issue 16)', () => {
    const list = listOf('delegates', 3, 6);
    ['An', 'Bình', 'Cúc'].forEach((n, i) => {
      list.candidates[i].name = `Lê Văn ${n}`;
      list.candidates[i + 3].name = `Lê Văn ${n}`;
    });
    const { warnings } = checkList(list);
    expect(warnings.map((w) => w.vi)).toEqual(['Trùng họ tên: số 1 và số 4 (Lê Văn An); số 2 và số 5 (Lê Văn Bình); số 3 và số 6 (Lê Văn Cúc). Kiểm tra lại danh sách']);
  });

  it('one name with the tone placed two ways (Hoà, Hòa) is the same name', () => {
    const list = listOf('delegates', 3, 4);
    list.candidates[0].name = 'Nguyễn Thị Hoà';
    list.candidates[2].name = 'Nguyễn Thị Hòa';
    expect(checkList(list).warnings.map((w) => w.code)).toEqual(['same_name']);
  });

  it('different tones are different names, but look alike: a warning to check (issue 14)', () => {
    const list = listOf('executive_committee', 3, 4);
    list.candidates[1].name = 'Lê Thị Hà';
    list.candidates[3].name = 'Lê Thị Hạ';
    expect(checkList(list).warnings.map((w) => [w.field, w.code])).toEqual([['candidates[3].name', 'look_alike']]);
  });
});
