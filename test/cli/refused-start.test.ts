import SQLite from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { seedDemo } from '../../src/demo.js';
import { runCli, startServerProcess, stopServerProcess } from '../support/process.js';

const dir = mkdtempSync(join(tmpdir(), 'kiemphieu-refused-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The demo congress as a database file (seeded in memory, then copied). */
async function demoFile(path: string): Promise<void> {
  const memory = await openDatabase(':memory:');
  let n = 0;
  await seedDemo({ db: memory.db, now: () => new Date(Date.UTC(2026, 10, 27, 8, n)), newId: () => `id${++n}` });
  await memory.sqlite.backup(path);
  await memory.close();
}

/**
 * The WAL of another congress database (a new one, set up apart), as a crashed server leaves it:
 * committed changes still in the log (no checkpoint), copied while that database is open.
 */
async function foreignWal(out: string): Promise<void> {
  const other = join(dir, `other-${Math.random().toString(36).slice(2)}.sqlite`);
  await (await openDatabase(other)).close();
  const sqlite = new SQLite(other);
  sqlite.pragma('wal_autocheckpoint = 0');
  sqlite.exec('CREATE TABLE filler (x TEXT); CREATE INDEX filler_x ON filler (x)');
  const insert = sqlite.prepare('INSERT INTO filler VALUES (?)');
  for (let i = 0; i < 300; i++) insert.run(`${i}`.padEnd(200, 'x'));
  copyFileSync(`${other}-wal`, out);
  sqlite.close();
}

describe('a start refused for a stray WAL writes nothing', () => {
  it('leaves the database and the WAL byte for byte as they were, says to move the WAL away, and starts once it is moved', { timeout: 120_000 }, async () => {
    const template = join(dir, 'template.sqlite');
    await demoFile(template);
    const db = join(dir, 'copied-in.sqlite');
    copyFileSync(template, db);
    await foreignWal(`${db}-wal`);
    const before = { db: sha(db), wal: sha(`${db}-wal`), bytes: statSync(db).size };

    const refused = await runCli(['serve', '--db', db, '--port', '0']);
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.stderr).toContain(`${db}-wal`);
    expect(refused.stderr).toMatch(/does not belong to this database.*Nothing was changed\. Move .*-wal .* into another folder/s);
    expect(refused.stderr).toMatch(/không thuộc cơ sở dữ liệu này.*Hãy chuyển/s);
    expect({ db: sha(db), wal: sha(`${db}-wal`), bytes: statSync(db).size }).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.startsWith('copied-in')).sort()).toEqual(['copied-in.sqlite', 'copied-in.sqlite-wal', 'copied-in.sqlite.lock']);

    // The other commands that open the database refuse it the same way, and write nothing either.
    const backup = await runCli(['backup', '--db', db, '--out', join(dir, 'b.sqlite')]);
    expect(backup.code, backup.stderr).toBe(3);
    expect(backup.stderr).toMatch(/does not belong to this database/);
    expect({ db: sha(db), wal: sha(`${db}-wal`), bytes: statSync(db).size }).toEqual(before);

    // As the message says: the WAL moved into another folder, the database starts.
    renameSync(`${db}-wal`, join(dir, 'kept-wal'));
    const server = await startServerProcess(db);
    expect(await stopServerProcess(server)).toBe(0);
  });

  it('refuses to start a new congress where a database was moved away and its WAL stayed', { timeout: 60_000 }, async () => {
    const moved = join(dir, 'moved.sqlite');
    await foreignWal(`${moved}-wal`);
    const walBefore = sha(`${moved}-wal`);
    const refused = await runCli(['serve', '--db', moved, '--port', '0']);
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.stderr).toMatch(/there is no database file, but its write-ahead log .* is there/);
    expect(refused.stderr).toMatch(/không có tệp cơ sở dữ liệu nhưng còn tệp nhật ký ghi/);
    expect(existsSync(moved)).toBe(false);
    expect(sha(`${moved}-wal`)).toBe(walBefore);
  });
});
