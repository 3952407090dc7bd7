import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration, type SqliteDatabase } from 'kysely';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations as ourMigrations } from '../../migrations/index.js';
import type { Database } from './schema.js';
import { countChanges } from './changes.js';
import { enableGroupCommit, groupCommit } from './group-commit.js';
import { prepared } from './prepared.js';

export type DB = Kysely<Database>;

export interface OpenedDatabase {
  db: DB;
  sqlite: SQLite.Database;
  close(): Promise<void>;
}

/** A database file that is not ours, or is damaged: refused, never guessed at or overwritten. */
export class DatabaseRefused extends Error {}

/**
 * The connection as Kysely sees it, preparing each distinct SQL text once: Kysely asks for a new
 * statement on every query, and preparing is a large share of the cost of a small query.
 */
function reusingStatements(sqlite: SQLite.Database): SqliteDatabase {
  return { close: () => sqlite.close(), prepare: (text: string) => prepared(sqlite, text) };
}

const refusedAs = (path: string, en: string, vi: string) => new DatabaseRefused(`${path}: ${en} / ${vi}`);

/**
 * Checks that an open SQLite file is a Kiểm Phiếu congress database this version can use: intact
 * (`quick_check` at start-up, the full `integrity_check` for a file about to be restored), made by
 * this program (its migration table lists 001_core and it holds the congress table), and not made
 * by a newer version (no migration this version does not know). `fresh: true` lets an empty file
 * through, to become a new congress. Throws DatabaseRefused naming the file and the reason.
 */
export function checkCongressFile(sqlite: SQLite.Database, path: string, opts: { full?: boolean; fresh?: boolean; migrations?: Record<string, Migration> } = {}): void {
  let check: unknown;
  try {
    check = sqlite.pragma(opts.full ? 'integrity_check' : 'quick_check', { simple: true });
  } catch (e) {
    throw refusedAs(path, `not a usable SQLite database (${(e as Error).message})`, 'tệp không phải cơ sở dữ liệu dùng được (hỏng hoặc không phải SQLite)');
  }
  if (check !== 'ok') throw refusedAs(path, `the integrity check failed (${String(check)})`, 'kiểm tra toàn vẹn không đạt: tệp bị hỏng');
  const tables = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name));
  if (tables.size === 0) {
    if (opts.fresh) return;
    throw refusedAs(path, 'the database is empty: it holds no congress', 'cơ sở dữ liệu trống, không có đại hội nào');
  }
  const applied = tables.has('kysely_migration') ? (sqlite.prepare('SELECT name FROM kysely_migration').all() as { name: string }[]).map((m) => m.name) : [];
  if (!applied.includes('001_core') || !tables.has('congress')) {
    const names = [...tables].filter((t) => !t.startsWith('kysely_')).slice(0, 5).join(', ');
    throw refusedAs(path, `holds the tables of another program (${names}); refusing to touch it`, 'tệp thuộc chương trình khác, không đụng đến');
  }
  const known = opts.migrations ?? ourMigrations;
  const unknown = applied.filter((name) => !(name in known));
  if (unknown.length > 0) {
    throw refusedAs(path, `was made by a newer version of Kiểm Phiếu (migration ${unknown.join(', ')}); use that version`, 'tệp được tạo bởi phiên bản Kiểm Phiếu mới hơn');
  }
}

/**
 * Opens (or, unless `mustExist`, creates) the congress database: integrity check, pragmas for
 * durability (WAL with synchronous=FULL: an acknowledged ballot is on disk), foreign keys, then the
 * migrations, all in one transaction so a crash or a failure mid-way leaves the file as it was.
 */
export async function openDatabase(path: string, opts: { mustExist?: boolean; migrations?: Record<string, Migration> } = {}): Promise<OpenedDatabase> {
  const inMemory = path === ':memory:';
  if (!inMemory) {
    if (!existsSync(path)) {
      if (opts.mustExist) throw refusedAs(path, 'no database at this path', 'không có cơ sở dữ liệu ở đường dẫn này');
      mkdirSync(dirname(path), { recursive: true });
    } else if (statSync(path).isFile() && statSync(path).size === 0) {
      // An existing empty file may be a database that lost its contents: never start afresh on it.
      throw refusedAs(path, 'the file is empty (0 bytes); to start a new congress, choose a new file', 'tệp rỗng (0 byte); muốn tạo đại hội mới hãy chọn tệp khác');
    }
  }
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(path, { fileMustExist: !inMemory && existsSync(path) });
  } catch (e) {
    throw refusedAs(path, `cannot open the file (${(e as Error).message})`, 'không mở được tệp');
  }
  try {
    checkCongressFile(sqlite, path, { fresh: true, migrations: opts.migrations });
  } catch (e) {
    sqlite.close();
    throw e;
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(sqlite) }) });
  const list = opts.migrations ?? ourMigrations;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => list } });
  // Kysely runs SQLite migrations outside a transaction; SQLite's DDL is transactional, so wrap them.
  // Foreign keys are off while they run (a migration that rebuilds a table drops it, and a drop with
  // them on would cascade into the rows that point at it) and every one is checked before the commit.
  sqlite.pragma('foreign_keys = OFF');
  sqlite.exec('BEGIN IMMEDIATE');
  let { error } = await migrator.migrateToLatest();
  const broken = error ? [] : (sqlite.pragma('foreign_key_check') as { table: string; parent: string }[]);
  if (broken.length > 0) error = new Error(`a foreign key of ${broken[0].table} points at no ${broken[0].parent}`);
  if (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    await db.destroy();
    throw refusedAs(path, `a migration failed, nothing was changed (${(error as Error).message})`, 'nâng cấp cơ sở dữ liệu không thành công, tệp giữ nguyên');
  }
  sqlite.exec('COMMIT');
  sqlite.pragma('foreign_keys = ON');
  countChanges(sqlite);
  enableGroupCommit(db, sqlite);
  return {
    db,
    sqlite,
    close: async () => {
      await db.destroy();
      groupCommit(db).wal?.close();
    },
  };
}
