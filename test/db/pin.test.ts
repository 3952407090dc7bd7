import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { hashPin, PIN_COST, pinMatches, pinThreadRunning } from '../../src/db/pin.js';
import { addMember, createCongress } from '../../src/db/store/congress.js';

describe('PIN hashes', () => {
  it('verifies the right PIN only, with a salt of its own each time, in NFC', async () => {
    const stored = await hashPin('2468');
    expect(stored).toMatch(/^scrypt\$16384\$1\$8\$/u);
    expect(await hashPin('2468')).not.toBe(stored);
    expect(await pinMatches('2468', stored)).toBe(true);
    expect(await pinMatches('2469', stored)).toBe(false);
    expect(await pinMatches('2468', 'bcrypt$whatever')).toBe(false);
  });

  it('hashes at the cost it is given, names that cost in the hash, and verifies it', async () => {
    const cheap = await hashPin('2468', { N: 16, r: 1, p: 1 });
    expect(cheap).toMatch(/^scrypt\$16\$1\$1\$/u);
    expect(await pinMatches('2468', cheap)).toBe(true);
    expect(await pinMatches('2469', cheap)).toBe(false);
  });

  it('stores the real cost for every member unless the store is given another (as the tests give a cheap one)', async () => {
    const hashes = async (pinCost?: { N: number; r: number; p: number }) => {
      const database = await openDatabase(':memory:');
      let serial = 0;
      const ctx = { db: database.db, now: () => new Date(Date.UTC(2025, 5, 12)), newId: () => `id${++serial}`, pinCost };
      const created = await createCongress(ctx, { name: 'Đại hội thử', kind: 'delegates', convened: 100, excluded: 0, secretary: { name: 'Thư ký', pin: '1111' } } as Parameters<typeof createCongress>[1]);
      if (!created.ok) throw new Error(JSON.stringify(created.error));
      const actor = { id: 'id1', name: 'Thư ký', role: 'setup' };
      const member = await addMember(ctx, actor, { name: 'Trưởng ban', role: 'head', pin: '2222' });
      if (!member.ok) throw new Error(JSON.stringify(member.error));
      const rows = await database.db.selectFrom('member').select('pin_hash').execute();
      await database.close();
      return rows.map((r) => r.pin_hash!.split('$').slice(0, 4).join('$'));
    };
    const real = `scrypt$${PIN_COST.N}$${PIN_COST.r}$${PIN_COST.p}`;
    expect(await hashes()).toEqual([real, real]);
    expect(await hashes({ N: 32, r: 1, p: 2 })).toEqual(['scrypt$32$1$2', 'scrypt$32$1$2']);
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
