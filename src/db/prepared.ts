import type SQLite from 'better-sqlite3';

const STATEMENT_CACHE = 500;
const caches = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

/**
 * The connection's prepared statement for this SQL text, prepared once: preparing costs more than
 * running a small statement. Used by Kysely's queries and by the synchronous entry path alike.
 * Statements run one at a time on the single connection, so one is never in use twice.
 */
export function prepared(sqlite: SQLite.Database, text: string): SQLite.Statement {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) {
    if (cache.size >= STATEMENT_CACHE) cache.clear();
    statement = sqlite.prepare(text);
    cache.set(text, statement);
  }
  return statement;
}
