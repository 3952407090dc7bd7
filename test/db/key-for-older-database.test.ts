import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as core from '../../migrations/001_core.js';
import { openDatabase } from '../../src/db/connection.js';
import { addMember, certifyRound, getCertification, importRecord } from '../../src/db/store/index.js';
import { verifySignedResult } from '../../src/results-file/verify.js';
import { sample, TEST_PIN_COST } from '../support/api.js';

describe('a database made before certification existed', () => {
  it('gets its congress key at its first certification, and the file verifies', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kp-older-')), 'congress.sqlite');
    const older = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(path) }) });
    expect((await new Migrator({ db: older, provider: { getMigrations: async () => ({ '001_core': core }) } }).migrateToLatest()).error).toBeUndefined();
    await older.destroy();
    const raw = new SQLite(path);
    raw.prepare("INSERT INTO congress (id, name, kind, convened, excluded, created_at) VALUES ('c1', 'Đại hội đại biểu Đảng bộ phường mẫu, nhiệm kỳ 2025 - 2030', 'delegates', 166, 0, '2025-06-01T00:00:00Z')").run();
    raw.prepare("INSERT INTO member (id, name, role, position, created_at) VALUES ('s1', 'Thư ký', 'setup', 0, '2025-06-01T00:00:00Z')").run();
    raw.close();

    const database = await openDatabase(path);
    let serial = 0;
    const ctx = { db: database.db, now: () => new Date(Date.UTC(2025, 5, 12, 8)), newId: () => `id${++serial}`, pinCost: TEST_PIN_COST };
    const setup = { id: 's1', name: 'Thư ký', role: 'setup' };
    const head = await addMember(ctx, setup, { name: 'Trưởng ban', role: 'head', pin: '2222' });
    if (!head.ok) throw new Error(head.error.en);
    const imported = await importRecord(ctx, setup, sample('executive-committee').record);
    if (!imported.ok) throw new Error(imported.error.en);
    expect(await database.db.selectFrom('congress_key').selectAll().execute()).toEqual([]);
    const certified = await certifyRound(ctx, { id: head.value.id, name: 'Trưởng ban', role: 'head' }, imported.value.roundId, { decision: '', stop: false });
    expect(certified.ok).toBe(true);
    const keys = await database.db.selectFrom('congress_key').select(['congress_id', 'public_jwk']).execute();
    expect(keys.map((k) => k.congress_id)).toEqual(['c1']);
    const stored = (await getCertification(database.db, imported.value.roundId))!;
    expect(stored.file.publicKey).toEqual(JSON.parse(keys[0].public_jwk));
    expect((await verifySignedResult(stored.text)).kind).toBe('verified');
    await database.close();
  });
});
