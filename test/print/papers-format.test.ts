import { describe, expect, it } from 'vitest';
import { ballotSizeFor, instructionLine } from '../../src/print/ballot-paper.js';
import { clockTime, dateInWords, dateTime, timeOfDay } from '../../src/print/clock.js';
import { footerCss, placeAndDate } from '../../src/print/document.js';
import { formatCount, formatPercent } from '../../src/print/vietnamese-number.js';

describe('numbers in Vietnamese style', () => {
  it.each([
    [0, '0'],
    [166, '166'],
    [1234, '1.234'],
    [1_000_000, '1.000.000'],
    [-1500, '-1.500'],
  ])('counts: %i is "%s"', (n, text) => expect(formatCount(n)).toBe(text));

  it.each([
    ['72.29', '72,29%'],
    ['100.00', '100,00%'],
    ['0.61', '0,61%'],
  ])('percentages: %s is "%s"', (p, text) => expect(formatPercent(p)).toBe(text));
});

describe('one clock: the congress time zone', () => {
  // 23:30 UTC on 11 June is already 12 June in Vietnam (UTC+7, no daylight saving).
  const late = '2025-06-11T23:30:05.000Z';
  it('reads times in Vietnam by default, whatever the server zone', () => {
    expect(dateInWords(late)).toBe('ngày 12 tháng 6 năm 2025');
    expect(timeOfDay(late)).toBe('6 giờ 30 phút');
    expect(dateTime(late)).toBe('12/06/2025 06:30');
    expect(clockTime(late)).toBe('06:30:05');
  });
  it('reads them in another zone when the congress sets one', () => {
    expect(dateInWords(late, 'Europe/Berlin')).toBe('ngày 12 tháng 6 năm 2025');
    expect(timeOfDay(late, 'Europe/Berlin')).toBe('1 giờ 30 phút');
    expect(timeOfDay(late, 'UTC')).toBe('23 giờ 30 phút');
  });
  it('reads an unknown zone of a hand-made file as Vietnam, never throws', () => {
    expect(timeOfDay(late, 'Mars/Olympus')).toBe('6 giờ 30 phút');
  });
});

describe('the header and footer', () => {
  it.each([
    ['Hội trường UBND phường Chi Lăng', 'Chi Lăng, ngày 12 tháng 6 năm 2025'],
    ['Nhà văn hóa xã Tân Lập, huyện Đan Phượng', 'Đan Phượng, ngày 12 tháng 6 năm 2025'],
    ['Hà Nội', 'Hà Nội, ngày 12 tháng 6 năm 2025'],
    ['', 'Ngày 12 tháng 6 năm 2025'],
  ])('names the locality of "%s"', (place, line) => expect(placeAndDate(place, 'ngày 12 tháng 6 năm 2025')).toBe(line));

  it('keeps the footer text a CSS string', () => {
    expect(footerCss({ election: 'Bầu "X"\\', code: 'Mã 1234' })).toContain('@bottom-left { content: "Bầu \\"X\\"\\\\"; }');
    expect(footerCss({ election: 'a\nb', code: 'c' })).toContain('content: "a b"');
  });
});

describe('ballot papers', () => {
  it.each<[number, 'strike' | 'agree_disagree', string]>([
    [1, 'agree_disagree', 'a6'],
    [5, 'agree_disagree', 'a6'],
    [9, 'agree_disagree', 'a5'],
    [10, 'agree_disagree', 'a4'],
    [6, 'strike', 'a6'],
    [17, 'strike', 'a5'],
    [18, 'strike', 'a5'],
    [31, 'strike', 'a4'],
  ])('%i names (%s) fit on %s', (names, style, size) => expect(ballotSizeFor(names, style)).toBe(size));

  it('says how to mark the ballot for its style', () => {
    expect(instructionLine(17, 15)).toContain('Chỉ được để lại nhiều nhất 15 họ tên.');
    expect(instructionLine(1, 1)).toBe('Đánh dấu X vào một trong hai ô: “Đồng ý” hoặc “Không đồng ý”.');
    expect(instructionLine(2, 2)).toContain('Với mỗi đồng chí');
  });
});
