import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as core from '../../migrations/001_core.js';
import { openDatabase } from '../../src/db/connection.js';
import { entryModeOf, requireRound } from '../../src/db/store/index.js';

describe('migration 004 (double entry) on a database from the field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kp-004-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the rounds that existed before it in single entry, even multi-seat ones', async () => {
    const file = join(dir, 'field.sqlite');
    const old = new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(file) }) });
    await new Migrator({ db: old, provider: { getMigrations: async () => ({ '001_core': core }) } }).migrateToLatest();
    await old.insertInto('election').values({ id: 'e1', kind: 'executive_committee', title: 'BCH', seats: 15, alternates: 0, position: 1, created_at: '2025-06-12T08:00:00Z' }).execute();
    await old.insertInto('round').values({ id: 'r1', election_id: 'e1', number: 1, reason: 'first', fills: 'officials', seats: 15, alternates: 0, state: 'counting', decision: '', created_at: '2025-06-12T08:00:00Z' }).execute();
    await old.destroy();

    const opened = await openDatabase(file);
    try {
      expect(await entryModeOf(opened.db, await requireRound(opened.db, 'r1'))).toBe('single');
    } finally {
      await opened.close();
    }
  });
});
