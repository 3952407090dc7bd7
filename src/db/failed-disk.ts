import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * The disk failed to write or sync what SQLite gave it: from then on this connection writes and
 * acknowledges nothing until the server is restarted. After a failed fsync Linux may drop the pages
 * it could not write and report the next sync as a success (PostgreSQL stops for the same reason),
 * so a ballot acknowledged after the failure might not be on disk. A restart makes SQLite read again
 * what is really on disk.
 */
export class DiskFailed extends Error {
  readonly vi = 'đĩa không ghi được dữ liệu: không phiếu nào được nhận thêm; hãy khởi động lại máy chủ';
  constructor(cause: unknown) {
    super(`the disk failed to keep what was written (${(cause as Error).message}); nothing more is acknowledged: restart the server`, { cause });
  }
}

/** An input/output error from SQLite (SQLITE_IOERR and its extended codes: a failed write, fsync, ...). */
const isIoError = (e: unknown): boolean => typeof (e as { code?: unknown })?.code === 'string' && (e as { code: string }).code.startsWith('SQLITE_IOERR');

/**
 * The connection as Kysely sees it, every statement (BEGIN and COMMIT included) through one check: a
 * failed write or sync is final for every path that writes through Kysely, which is every path.
 */
export function failingFinally(sqlite: SQLite.Database): SqliteDatabase {
  let failed: DiskFailed | null = null;
  const guarded = <T>(work: () => T): T => {
    if (failed) throw failed;
    try {
      return work();
    } catch (e) {
      if (isIoError(e)) failed = new DiskFailed(e);
      throw failed ?? e;
    }
  };
  return {
    close: () => sqlite.close(),
    prepare: (text: string): SqliteStatement => {
      // A rollback always runs: the transaction the failure interrupted must not keep the write lock.
      if (/^rollback$/iu.test(text)) return sqlite.prepare(text);
      const statement = guarded(() => sqlite.prepare(text));
      return {
        reader: statement.reader,
        all: (parameters) => guarded(() => statement.all(parameters)),
        run: (parameters) => guarded(() => statement.run(parameters)),
        iterate: (parameters) => guarded(() => statement.iterate(parameters)),
      };
    },
  };
}
