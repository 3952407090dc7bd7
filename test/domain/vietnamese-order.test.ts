import { describe, expect, it } from 'vitest';
import { compareVietnameseNames, sortVietnameseNames } from '../../src/domain/index.js';

const sorted = (names: string[]) => sortVietnameseNames(names, (n) => n);
const reversed = (names: string[]) => [...names].reverse();

describe('compareVietnameseNames: "theo vần A, B, C"', () => {
  it.each([
    {
      name: 'Vietnamese alphabet, not code points: Đ after D and before E, Ư after U and before V',
      order: ['An', 'Ánh', 'Bình', 'Chi', 'Dũng', 'Đức', 'Em', 'Uyên', 'Ưng', 'Vân', 'Yến'],
    },
    { name: 'a ă â', order: ['An', 'Ăn', 'Ân', 'Bá'] },
    { name: 'e ê', order: ['Em', 'Ênh', 'Gấm'] },
    { name: 'o ô ơ', order: ['On', 'Ôn', 'Ơn', 'Phúc'] },
    { name: 'tones only after the letters: Hà < Hạ < Hải', order: ['Hà', 'Hạ', 'Hải'] },
    { name: 'tone order: level, huyền, hỏi, ngã, sắc, nặng', order: ['Ha', 'Hà', 'Hả', 'Hã', 'Há', 'Hạ'] },
    { name: 'given name first', order: ['Trần Văn An', 'Lê Thị Bình', 'Nguyễn Văn Chi'] },
    { name: 'then the middle name, before the family name', order: ['Trần Thị An', 'Lê Văn An', 'Bùi Xuân An'] },
    { name: 'the family name decides last', order: ['Dương Văn An', 'Đỗ Văn An', 'Hoàng Văn An', 'Lê Văn An', 'Nguyễn Văn An'] },
  ])('$name', ({ order }) => {
    expect(sorted(reversed(order))).toEqual(order);
    for (let i = 1; i < order.length; i++) {
      expect(compareVietnameseNames(order[i - 1], order[i])).toBeLessThan(0);
      expect(compareVietnameseNames(order[i], order[i - 1])).toBeGreaterThan(0);
    }
  });

  it.each([
    { first: 'Vũ An', later: 'Lê Bá An', why: 'no middle name comes before any middle name' },
    { first: 'Trần Bá An', later: 'Lê Văn An', why: 'the middle name decides before the family name' },
    { first: 'Lê Văn An', later: 'Trần Văn An', why: 'the family name decides last' },
  ])('$first before $later: $why', ({ first, later }) => {
    expect(compareVietnameseNames(first, later)).toBeLessThan(0);
    expect(compareVietnameseNames(later, first)).toBeGreaterThan(0);
  });

  it.each([
    { a: 'Nguyễn Văn An', b: 'nguyễn văn an' },
    { a: 'Nguyễn Văn An', b: 'Nguyễn Văn An'.normalize('NFD') },
    { a: 'Nguyễn  Văn An ', b: 'Nguyễn Văn An' },
  ])('$a and $b are the same name', ({ a, b }) => {
    expect(compareVietnameseNames(a, b)).toBe(0);
  });
});

describe('sortVietnameseNames', () => {
  it('sorts a candidate list by name, keeping equal names in their order, without touching the input', () => {
    const list = [
      { no: 1, name: 'Trần Thị Hạ' },
      { no: 2, name: 'Lê Văn Đức' },
      { no: 3, name: 'Nguyễn Thị Hà' },
      { no: 4, name: 'Lê Văn Dũng' },
      { no: 5, name: 'Phạm Minh Hải' },
      { no: 6, name: 'Nguyễn Thị Hà' },
      { no: 7, name: 'Bùi Ánh' },
    ];
    const copy = structuredClone(list);
    expect(sortVietnameseNames(list, (c) => c.name).map((c) => c.no)).toEqual([7, 4, 2, 3, 6, 1, 5]);
    expect(list).toEqual(copy);
  });
});
