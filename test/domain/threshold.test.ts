import { describe, expect, it } from 'vitest';
import { baseOf, isOverThreshold, overHalfWithoutSeat, percentOfBase, thresholdOf } from '../../src/domain/index.js';

describe('base = convened − excluded (Điều 30)', () => {
  it.each([
    { convened: 166, excluded: 0, base: 166 },
    { convened: 166, excluded: 2, base: 164 },
    { convened: 120, excluded: 7, base: 113 },
    { convened: 1, excluded: 0, base: 1 },
  ])('$convened convened, $excluded excluded → base $base', ({ convened, excluded, base }) => {
    expect(baseOf({ convened, excluded })).toBe(base);
  });
});

describe('threshold = floor(base / 2) + 1: more than half of the base', () => {
  it.each([
    { base: 1, threshold: 1 },
    { base: 2, threshold: 2 },
    { base: 3, threshold: 2 },
    { base: 4, threshold: 3 },
    { base: 113, threshold: 57 },
    { base: 164, threshold: 83 },
    { base: 165, threshold: 83 },
    { base: 166, threshold: 84 },
  ])('base $base → threshold $threshold', ({ base, threshold }) => {
    expect(thresholdOf(base)).toBe(threshold);
    expect(isOverThreshold(threshold, base)).toBe(true);
    expect(isOverThreshold(threshold - 1, base)).toBe(false);
  });

  it.each([
    { votes: 83, base: 166 },
    { votes: 1, base: 2 },
    { votes: 50, base: 100 },
  ])('exactly half ($votes of $base) is not enough', ({ votes, base }) => {
    expect(isOverThreshold(votes, base)).toBe(false);
    expect(votes).toBeLessThan(thresholdOf(base));
  });
});

describe('percentOfBase: votes / base × 100, two decimals, half up, from integers', () => {
  it.each([
    { votes: 1, base: 3, percent: '33.33' },
    { votes: 2, base: 3, percent: '66.67' },
    { votes: 1, base: 6, percent: '16.67' },
    { votes: 1, base: 8, percent: '12.50' },
    { votes: 5, base: 8, percent: '62.50' },
    { votes: 1, base: 1000, percent: '0.10' },
    // x.xx5 exactly: half up, never half even
    { votes: 1, base: 32, percent: '3.13' },
    { votes: 1, base: 160, percent: '0.63' },
    { votes: 1, base: 20000, percent: '0.01' },
    { votes: 1, base: 40000, percent: '0.00' },
    // where floating point rounds the wrong way: (23 / 160 * 100).toFixed(2) is "14.37",
    // Math.round(57 / 800 * 10000) is 712, (201 / 20000 * 100).toFixed(2) is "1.00"
    { votes: 23, base: 160, percent: '14.38' },
    { votes: 57, base: 800, percent: '7.13' },
    { votes: 201, base: 20000, percent: '1.01' },
    { votes: 83, base: 166, percent: '50.00' },
    { votes: 84, base: 166, percent: '50.60' },
    { votes: 57, base: 113, percent: '50.44' },
    { votes: 56, base: 113, percent: '49.56' },
    { votes: 0, base: 166, percent: '0.00' },
    { votes: 166, base: 166, percent: '100.00' },
    { votes: 9, base: 6, percent: '150.00' },
  ])('$votes of $base → "$percent"', ({ votes, base, percent }) => {
    expect(percentOfBase(votes, base)).toBe(percent);
  });
});

describe('overHalfWithoutSeat: over the threshold, yet every seat went to more votes', () => {
  it.each([
    { status: 'not_elected', votes: 84, base: 166, over: true },
    { status: 'not_elected', votes: 83, base: 166, over: false },
    { status: 'not_elected', votes: 8, base: 15, over: true },
    { status: 'elected', votes: 150, base: 166, over: false },
    { status: 'tied', votes: 90, base: 166, over: false },
  ])('$status with $votes of $base → $over', ({ status, votes, base, over }) => {
    expect(overHalfWithoutSeat({ status, votes }, base)).toBe(over);
  });
});
