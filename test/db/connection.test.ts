import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { createCongress, getCongress, updateCongress } from '../../src/db/store/index.js';
import { TEST_PIN_COST } from '../support/api.js';

describe('the database connection', () => {
  it('opens a file in WAL with synchronous=FULL and foreign keys, so an acknowledged change is on disk', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kp-db-')), 'k.sqlite');
    const database = await openDatabase(path);
    try {
      expect(database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(database.sqlite.pragma('synchronous', { simple: true })).toBe(2);
      expect(database.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      await database.close();
    }
  });

  it('reads fresh rows through statements it prepares once', async () => {
    const database = await openDatabase(':memory:');
    const ctx = { db: database.db, now: () => new Date(Date.UTC(2025, 5, 12)), newId: (() => { let n = 0; return () => `id${++n}`; })(), pinCost: TEST_PIN_COST };
    const facts = { name: 'Đại hội', organisation: '', kind: 'delegates' as const, convened: 100, excluded: 0, excludedReason: '', place: '', startsOn: null, endsOn: null };
    const created = await createCongress(ctx, { ...facts, secretary: { name: 'Thư ký', pin: '1111' } });
    if (!created.ok) throw new Error(created.error.en);
    const actor = { id: created.value.secretaryId, name: 'Thư ký', role: 'setup' };
    for (const place of ['Hội trường A', 'Hội trường B', 'Hội trường C']) {
      await updateCongress(ctx, actor, { place });
      expect((await getCongress(database.db))?.place).toBe(place);
    }
    await database.close();
  });
});
