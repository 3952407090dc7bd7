import { describe, expect, it } from 'vitest';
import { checkList, checkPersonName, lookAlikeKey } from '../../src/domain/index.js';

const nfd = (s: string) => s.normalize('NFD');

describe('checkPersonName: one written form for one name', () => {
  it.each([
    // the open rhymes oa, oe, uy: the tone goes on the main (second) vowel, however it was typed
    ['Nguyễn Thị Hòa', 'Nguyễn Thị Hoà'],
    ['Nguyễn Thị Hoà', 'Nguyễn Thị Hoà'],
    [nfd('Lê Thị Hòa'), 'Lê Thị Hoà'],
    ['Trần Văn Thủy', 'Trần Văn Thuỷ'],
    ['Phạm Thị Khỏe', 'Phạm Thị Khoẻ'],
    ['HÒA', 'HOÀ'],
    ['Đoàn Thị Lòa', 'Đoàn Thị Loà'],
    // rhymes with one placement only stay as they are
    ['Hoàng Văn Tuấn', 'Hoàng Văn Tuấn'],
    ['Huỳnh Thị Thuyết', 'Huỳnh Thị Thuyết'],
    ['Nguyễn Quý Hoài', 'Nguyễn Quý Hoài'],
    ['Trương Thị Mùa', 'Trương Thị Mùa'],
    ['Đặng Quỳnh Giao', 'Đặng Quỳnh Giao'],
    ['Bùi Thị Thoả', 'Bùi Thị Thoả'],
    ['Người Giữa', 'Người Giữa'],
    // a tone typed on the wrong letter of a rhyme that has one placement is put right
    ['Hòang Văn An', 'Hoàng Văn An'],
    // ethnic minority names, hyphens, a birth year to tell namesakes apart
    ["H'Hen Niê", "H'Hen Niê"],
    ['Ksor Phước', 'Ksor Phước'],
    ['Nguyễn Văn An (1970)', 'Nguyễn Văn An (1970)'],
    ['  Lê   Văn  Tám ', 'Lê Văn Tám'],
  ])('%j → %j', (typed, kept) => {
    expect(checkPersonName(typed)).toEqual({ ok: true, name: kept });
  });

  it.each([
    ['Nguyễn Văn \u0410n', 'U+0410'], // Cyrillic А
    ['Nguyễn Văn Αn', 'U+0391'], // Greek Alpha
    ['Ｎguyễn Văn An', 'U+FF2E'], // fullwidth N
    ['Nguyễn\u034F Văn An', 'U+034F'], // combining grapheme joiner
    ['Nguyễn Văn An\uFE0F', 'U+FE0F'], // variation selector
    ['Nguyễn \u3164Văn An', 'U+3164'], // Hangul filler
    ['阮文安', 'U+962E'],
  ])('refuses %j, naming %s in Vietnamese and English', (typed, code) => {
    const checked = checkPersonName(typed);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problem.code).toBe('foreign_letter');
    expect(checked.problem.en).toContain(code);
    expect(checked.problem.vi).toContain(code);
    expect(checked.problem.vi).toMatch(/^họ tên có ký tự/u);
  });

  it('keys look-alikes by their letters alone', () => {
    expect(lookAlikeKey('Nguyễn Văn Ân')).toBe(lookAlikeKey('Nguyen Van An'));
    expect(lookAlikeKey('Đỗ Thị Lan')).toBe('do thi lan');
  });
});

describe('checkList: same names and look-alikes', () => {
  const list = (...names: string[]) => ({ kind: 'other' as const, seats: 1, alternates: 0, candidates: names.map((name, i) => ({ no: i + 1, name })) });
  it.each([
    [['Lê Thị Hòa', 'Lê Thị Hoà'], ['same_name']],
    [['Nguyễn Văn Ân', 'Nguyễn Văn An'], ['look_alike']],
    [['Nguyễn Văn An', 'Trần Văn An'], []],
  ])('%j warns %j', (names, codes) => {
    expect(checkList(list(...names)).warnings.map((w) => w.code)).toEqual(codes);
  });
});
