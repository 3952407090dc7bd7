import { describe, expect, it } from 'vitest';
import { numberInWords } from '../../src/print/vietnamese-number.js';

describe('numberInWords', () => {
  it.each([
    [0, 'không'],
    [1, 'một'],
    [10, 'mười'],
    [11, 'mười một'],
    [14, 'mười bốn'],
    [15, 'mười lăm'],
    [21, 'hai mươi mốt'],
    [24, 'hai mươi tư'],
    [25, 'hai mươi lăm'],
    [50, 'năm mươi'],
    [83, 'tám mươi ba'],
    [84, 'tám mươi tư'],
    [100, 'một trăm'],
    [105, 'một trăm linh năm'],
    [110, 'một trăm mười'],
    [166, 'một trăm sáu mươi sáu'],
    [1000, 'một nghìn'],
    [1005, 'một nghìn không trăm linh năm'],
    [2021, 'hai nghìn không trăm hai mươi mốt'],
    [12_345, 'mười hai nghìn ba trăm bốn mươi lăm'],
    [1_000_001, 'một triệu không trăm linh một'],
  ])('reads %i as "%s"', (n, words) => {
    expect(numberInWords(n)).toBe(words);
  });
});
