import { describe, expect, it, vi } from 'vitest';
import { hashPin, pinMatches, pinThreadRunning } from '../../src/db/pin.js';

describe('PIN hashes', () => {
  it('verifies the right PIN only, with a salt of its own each time, in NFC', async () => {
    const stored = await hashPin('2468');
    expect(stored).toMatch(/^scrypt\$16384\$1\$8\$/u);
    expect(await hashPin('2468')).not.toBe(stored);
    expect(await pinMatches('2468', stored)).toBe(true);
    expect(await pinMatches('2469', stored)).toBe(false);
    expect(await pinMatches('2468', 'bcrypt$whatever')).toBe(false);
  });

  it('ends its thread after a few idle seconds, and starts another for the next PIN', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const stored = await hashPin('1357');
      expect(pinThreadRunning()).toBe(true);
      vi.advanceTimersByTime(4_000);
      expect(pinThreadRunning()).toBe(true);
      vi.advanceTimersByTime(1_500);
      expect(pinThreadRunning()).toBe(false);
      expect(await pinMatches('1357', stored)).toBe(true);
      expect(pinThreadRunning()).toBe(true);
      expect(await pinMatches('7531', stored)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
