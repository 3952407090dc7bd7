import type SQLite from 'better-sqlite3';

const counters = new WeakMap<SQLite.Database, Map<string, number>>();

/**
 * Tables written with every ballot, which no kept reading depends on: not counted (a trigger there
 * would call back into the process twice a ballot); versionOf refuses them.
 */
const NOT_COUNTED = new Set(['ballot', 'audit']);

/**
 * Counts, per table, every row this connection inserts, updates or deletes, whatever code does it
 * (Kysely, a prepared statement, a foreign key's cascade), so that a reading kept in memory can tell
 * whether it still holds. Temporary triggers, which live in this connection only and are never
 * written to the file, call back into the process on each change. Installed once the schema is
 * complete (after the migrations, outside any transaction: a rolled-back transaction would take them
 * away). The server is the database's only writer while it runs (server-lock.ts).
 */
export function countChanges(sqlite: SQLite.Database): void {
  const byTable = new Map<string, number>();
  sqlite.function('kp_changed', { deterministic: false }, (table: unknown) => {
    byTable.set(String(table), (byTable.get(String(table)) ?? 0) + 1);
    return null;
  });
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  for (const table of tables.filter((t) => !NOT_COUNTED.has(t))) {
    if (!/^\w+$/u.test(table)) throw new Error(`unexpected table name ${table}`);
    byTable.set(table, 0);
    for (const change of ['INSERT', 'UPDATE', 'DELETE']) {
      sqlite.exec(`CREATE TEMP TRIGGER kp_changed_${table}_${change} AFTER ${change} ON main.${table} BEGIN SELECT kp_changed('${table}'); END`);
    }
  }
  counters.set(sqlite, byTable);
}

/**
 * A number that moves whenever a row of one of `tables` changes: equal numbers, unchanged tables.
 * Throws for a connection countChanges was not given, or a table it does not know: a reading kept
 * on such a promise would never be renewed.
 */
export function versionOf(sqlite: SQLite.Database, tables: readonly string[]): number {
  const byTable = counters.get(sqlite);
  if (!byTable) throw new Error('changes are not counted on this connection (countChanges)');
  let sum = 0;
  for (const table of tables) {
    const n = byTable.get(table);
    if (n === undefined) throw new Error(`no counted table ${table}`);
    sum += n;
  }
  return sum;
}

/**
 * Readings kept in memory by key while none of `tables` changes: `kept(sqlite, key, read)` gives the
 * kept reading, or reads, keeps and gives it. A reading that finds nothing (undefined) is not kept
 * (made-up keys must not fill the memory); past `limit` readings, all are dropped and read again.
 */
export function keptWhileUnchanged<T>(tables: readonly string[], limit: number): (sqlite: SQLite.Database, key: string, read: () => T | undefined) => T | undefined {
  const byConnection = new WeakMap<SQLite.Database, { version: number; readings: Map<string, T> }>();
  return (sqlite, key, read) => {
    const version = versionOf(sqlite, tables);
    let kept = byConnection.get(sqlite);
    if (kept?.version !== version) byConnection.set(sqlite, (kept = { version, readings: new Map() }));
    const known = kept.readings.get(key);
    if (known !== undefined) return known;
    const reading = read();
    if (reading !== undefined) {
      if (kept.readings.size >= limit) kept.readings.clear();
      kept.readings.set(key, reading);
    }
    return reading;
  };
}
