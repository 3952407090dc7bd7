import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type SqliteDatabase } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations } from '../../migrations/index.js';
import type { Database } from './schema.js';

export type DB = Kysely<Database>;

export interface OpenedDatabase {
  db: DB;
  sqlite: SQLite.Database;
  close(): Promise<void>;
}

/** A database file that is not ours, or is damaged: refused, never guessed at or overwritten. */
export class DatabaseRefused extends Error {}

const STATEMENT_CACHE = 500;

/**
 * The connection as Kysely sees it, preparing each distinct SQL text once: Kysely asks for a new
 * statement on every query, and preparing is a large share of the cost of entering a ballot.
 * Kysely runs one query at a time on this single connection, so a statement is never in use twice.
 */
function reusingStatements(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE) statements.clear();
        statement = sqlite.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

/**
 * Opens (or creates) the congress database: integrity check, pragmas for durability (WAL with
 * synchronous=FULL: an acknowledged ballot is on disk), foreign keys, then the migrations.
 */
export async function openDatabase(path: string): Promise<OpenedDatabase> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(path);
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new DatabaseRefused(`integrity check failed: ${String(check)}`);
  } catch (e) {
    throw new DatabaseRefused(`${path}: not a usable Kiểm Phiếu database (${(e as Error).message}) / không phải cơ sở dữ liệu Kiểm Phiếu dùng được`);
  }
  const foreign = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%'")
    .all() as { name: string }[];
  const ours = foreign.some((t) => t.name === 'congress');
  if (foreign.length > 0 && !ours) {
    sqlite.close();
    throw new DatabaseRefused(`${path}: holds tables of another program (${foreign.map((t) => t.name).join(', ')}); refusing to touch it / tệp thuộc chương trình khác`);
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(sqlite) }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw new DatabaseRefused(`${path}: migration failed (${(error as Error).message})`);
  }
  return { db, sqlite, close: () => db.destroy() };
}
