import { existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { DiskFailed } from '../../src/db/failed-disk.js';
import { createCongress, getCongress, updateCongress } from '../../src/db/store/index.js';
import { TEST_PIN_COST } from '../support/api.js';

async function congressIn(path: string) {
  const database = await openDatabase(path);
  const ctx = { db: database.db, now: () => new Date(Date.UTC(2025, 5, 12)), newId: (() => { let n = 0; return () => `id${++n}`; })() };
  const facts = { name: 'Đại hội', organisation: '', kind: 'delegates' as const, convened: 100, excluded: 0, excludedReason: '', place: '', startsOn: null, endsOn: null };
  const made = await createCongress(ctx, { ...facts, secretary: { name: 'Thư ký', pin: '1111' } });
  if (!made.ok) throw new Error(made.error.en);
  return { database, ctx, created: { actor: { id: made.value.secretaryId, name: 'Thư ký', role: 'setup' } } };
}

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

  it('keeps changes made through a symlinked path in the real file, its WAL beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-db-'));
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real', 'k.sqlite'), join(dir, 'k.sqlite'));
    const { created, ctx, database } = await congressIn(join(dir, 'k.sqlite'));
    await updateCongress(ctx, created.actor, { place: 'Hội trường A' });
    expect(existsSync(join(dir, 'real', 'k.sqlite-wal'))).toBe(true);
    await database.close();
    const again = await openDatabase(join(dir, 'real', 'k.sqlite'), { mustExist: true });
    expect((await getCongress(again.db))?.place).toBe('Hội trường A');
    await again.close();
  });

  it('after a failed write or sync, writes and acknowledges nothing more until restarted', async () => {
    const { created, ctx, database } = await congressIn(':memory:');
    // SQLite reports a failed fsync as SQLITE_IOERR_FSYNC from COMMIT; here the same error comes out
    // of a statement of the change (a trigger calling a function that fails with that code).
    let diskFails = false;
    database.sqlite.function('kp_disk', () => {
      if (diskFails) throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_FSYNC' });
      return null;
    });
    database.sqlite.exec('CREATE TEMP TRIGGER kp_disk_check AFTER UPDATE ON main.congress BEGIN SELECT kp_disk(); END');
    await updateCongress(ctx, created.actor, { place: 'Hội trường A' });
    diskFails = true;
    await expect(updateCongress(ctx, created.actor, { place: 'Hội trường B' })).rejects.toBeInstanceOf(DiskFailed);
    diskFails = false;
    // The disk "works" again: nothing is acknowledged all the same, reads included.
    await expect(updateCongress(ctx, created.actor, { place: 'Hội trường C' })).rejects.toBeInstanceOf(DiskFailed);
    await expect(getCongress(database.db)).rejects.toThrow(/restart the server/u);
    expect(database.sqlite.inTransaction).toBe(false);
    expect(database.sqlite.prepare('SELECT place FROM congress').pluck().get()).toBe('Hội trường A');
    database.sqlite.close();
  });

  it('reads fresh rows after each change', async () => {
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
