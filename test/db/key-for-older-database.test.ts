import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { backupDatabase } from '../../src/db/backup.js';
import { openDatabase } from '../../src/db/connection.js';
import { addMember, certifyRound, getCertification, importRecord } from '../../src/db/store/index.js';
import { shortCode } from '../../src/results-file/format.js';
import { verifySignedResult } from '../../src/results-file/verify.js';
import { sample, TEST_PIN_COST } from '../support/api.js';
import { PASSPHRASE } from '../support/certify.js';

/** Every byte of the database's files (the file, and its WAL while open). */
const bytesOf = (path: string) => Buffer.concat(readdirSync(dirname(path)).filter((f) => f.startsWith('congress.sqlite')).map((f) => readFileSync(join(dirname(path), f))));

describe('a database whose signing key was kept in plain text (before migration 008)', () => {
  it('loses that key for good, makes a sealed key at the next certification, and keeps it out of backups', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kp-older-')), 'congress.sqlite');
    const older = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(path) }) });
    const before008 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '006'));
    expect((await new Migrator({ db: older, provider: { getMigrations: async () => before008 } }).migrateToLatest()).error).toBeUndefined();
    await older.destroy();
    const plain = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    const plainBody = plain.split('\n')[1];
    const raw = new SQLite(path);
    raw.prepare("INSERT INTO congress (id, name, kind, convened, excluded, created_at) VALUES ('c1', 'Đại hội đại biểu Đảng bộ phường mẫu, nhiệm kỳ 2025 - 2030', 'delegates', 166, 0, '2025-06-01T00:00:00Z')").run();
    raw.prepare("INSERT INTO member (id, name, role, position, created_at) VALUES ('s1', 'Thư ký', 'setup', 0, '2025-06-01T00:00:00Z')").run();
    raw.prepare("INSERT INTO congress_key (congress_id, public_jwk, private_pem, created_at) VALUES ('c1', '{}', ?, '2025-06-01T00:00:00Z')").run(plain);
    raw.close();
    expect(bytesOf(path).includes(plainBody)).toBe(true);

    const database = await openDatabase(path);
    database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(bytesOf(path).includes(plainBody)).toBe(false);
    let serial = 0;
    const ctx = { db: database.db, now: () => new Date(Date.UTC(2025, 5, 12, 8)), newId: () => `id${++serial}`, pinCost: TEST_PIN_COST };
    const setup = { id: 's1', name: 'Thư ký', role: 'setup' };
    const head = await addMember(ctx, setup, { name: 'Trưởng ban', role: 'head', pin: '2222', mustChangePin: false });
    if (!head.ok) throw new Error(head.error.en);
    const headActor = { id: head.value.id, name: 'Trưởng ban', role: 'head' };
    const imported = await importRecord(ctx, setup, sample('executive-committee').record);
    if (!imported.ok) throw new Error(imported.error.en);
    expect(await database.db.selectFrom('signing_key').selectAll().execute()).toEqual([]);

    const short = await certifyRound(ctx, headActor, imported.value.roundId, { decision: '', stop: false, passphrase: 'ngắn' });
    expect(!short.ok && short.error.code).toBe('passphrase_too_short');
    const certified = await certifyRound(ctx, headActor, imported.value.roundId, { decision: '', stop: false, passphrase: PASSPHRASE });
    expect(certified.ok).toBe(true);
    const keys = await database.db.selectFrom('signing_key').select(['congress_id', 'public_jwk', 'sealed']).execute();
    expect(keys.map((k) => k.congress_id)).toEqual(['c1']);
    expect(keys[0].sealed).not.toMatch(/PRIVATE KEY/u);
    const stored = (await getCertification(database.db, imported.value.roundId))!;
    expect(stored.file.publicKey).toEqual(JSON.parse(keys[0].public_jwk));
    expect((await verifySignedResult(stored.text, { code: shortCode(stored.sha256) })).kind).toBe('verified');

    // A second round: the passphrase is checked against the sealed key.
    const second = await importRecord(ctx, setup, { ...sample('secretary').record, election: { ...sample('secretary').record.election, title: 'Bầu Bí thư (lần hai)' } });
    if (!second.ok) throw new Error(second.error.en);
    const wrong = await certifyRound(ctx, headActor, second.value.roundId, { decision: '', stop: false, passphrase: 'không phải cụm mật khẩu' });
    expect(!wrong.ok && [wrong.error.code, wrong.error.field]).toEqual(['wrong_passphrase', 'passphrase']);

    // A backup holds no signing key, not even sealed.
    const copy = join(dirname(path), 'copy.sqlite');
    await backupDatabase(database.sqlite, copy);
    const inCopy = new SQLite(copy, { readonly: true });
    expect(inCopy.prepare('SELECT COUNT(*) AS n FROM signing_key').get()).toEqual({ n: 0 });
    inCopy.close();
    expect(readFileSync(copy).includes(keys[0].sealed.slice(-60))).toBe(false);
    await database.close();
  });
});
