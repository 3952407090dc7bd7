import { describe, expect, it } from 'vitest';
import { AttemptBuckets, PER_ADDRESS, PER_MEMBER_AND_ADDRESS, PinAttempts } from '../../src/http/throttle.js';

describe('PIN attempt buckets (a clock that moves only when told)', () => {
  it('allows the capacity at once, then one per refill period, and says how long to wait', () => {
    let now = 0;
    const buckets = new AttemptBuckets({ capacity: 3, refillMs: 10_000 }, () => new Date(now));
    expect([0, 1, 2].map(() => buckets.take('a'))).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(10);
    expect(buckets.take('b')).toBe(0);
    now += 4_000;
    expect(buckets.take('a')).toBe(6);
    now += 6_000;
    expect([buckets.take('a'), buckets.take('a')]).toEqual([0, 10]);
    buckets.clear('a');
    expect(buckets.take('a')).toBe(0);
  });

  it('forgets refilled buckets when it holds too many keys', () => {
    let now = 0;
    const buckets = new AttemptBuckets({ capacity: 1, refillMs: 1_000, maxKeys: 2 }, () => new Date(now));
    expect([buckets.take('a'), buckets.take('b')]).toEqual([0, 0]);
    now += 1_000;
    expect(buckets.take('c')).toBe(0); // a and b had refilled: forgotten, not blocking anyone
    expect(buckets.take('c')).toBe(1);
  });

  it(`holds ${PER_ADDRESS.capacity} per address (one per ${PER_ADDRESS.refillMs / 1000} s) and ${PER_MEMBER_AND_ADDRESS.capacity} per member from one address (one per ${PER_MEMBER_AND_ADDRESS.refillMs / 1000} s)`, () => {
    let now = 0;
    const attempts = new PinAttempts(() => new Date(now));
    const waits = Array.from({ length: 6 }, () => attempts.take('10.0.0.1', 'head'));
    expect(waits).toEqual([0, 0, 0, 0, 0, 60]);
    // Another laptop is not held back by the first one's guesses at the same member.
    expect(attempts.take('10.0.0.2', 'head')).toBe(0);
    expect(Array.from({ length: 5 }, (_, i) => attempts.take('10.0.0.1', `m${i}`))).toEqual([0, 0, 0, 0, 30]);
    now += 60_000;
    attempts.succeeded('10.0.0.1', 'head');
    expect(Array.from({ length: 5 }, () => attempts.take('10.0.0.3', 'head'))).toEqual([0, 0, 0, 0, 0]);
  });

  it('gives a right PIN its attempt back: a shared laptop signs in the whole committee', () => {
    const attempts = new PinAttempts(() => new Date(0));
    for (let i = 0; i < 30; i++) {
      expect(attempts.take('10.0.0.9', `m${i}`)).toBe(0);
      attempts.succeeded('10.0.0.9', `m${i}`);
    }
  });
});
