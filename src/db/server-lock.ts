import SQLite from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Who holds a congress database: a server, or a restore in progress. */
export interface LockHolder {
  purpose: string;
  pid: number;
  since: string;
}

/** Another process (a server, a restore) is using the database: stop it first. */
export class DatabaseInUse extends Error {
  constructor(
    readonly path: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder ? `${holder.purpose}, process ${holder.pid}, since ${holder.since}` : 'another process';
    super(`${path} is in use (${who}); stop it first (Ctrl+C in its window) / cơ sở dữ liệu đang được sử dụng (${who}); hãy dừng chương trình đó trước`);
  }
}

export interface HeldLock {
  release(): void;
}

/** The lock file beside the database. */
export const lockPathOf = (dbPath: string): string => `${dbPath}.lock`;

const isBusy = (e: unknown): boolean => (e as { code?: string }).code?.startsWith('SQLITE_BUSY') ?? false;

/**
 * Claims the database for this process. The lock is a small SQLite file beside the database whose
 * write lock the holder keeps while it runs: the operating system drops it when the process ends,
 * however it ends (even SIGKILL or a power cut), so a lock is never left stale and no process id
 * is ever guessed at. Readers (backup, archive) do not need it; a server and a restore do.
 */
export function claimDatabase(dbPath: string, purpose: string): HeldLock {
  mkdirSync(dirname(dbPath), { recursive: true });
  const lock = new SQLite(lockPathOf(dbPath), { timeout: 0 });
  const read = (): LockHolder | null => {
    try {
      return (lock.prepare('SELECT purpose, pid, since FROM holder WHERE id = 1').get() as LockHolder | undefined) ?? null;
    } catch {
      return null;
    }
  };
  try {
    lock.exec('BEGIN IMMEDIATE');
    lock.exec('CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), purpose TEXT NOT NULL, pid INTEGER NOT NULL, since TEXT NOT NULL)');
    lock.prepare('INSERT OR REPLACE INTO holder (id, purpose, pid, since) VALUES (1, ?, ?, ?)').run(purpose, process.pid, new Date().toISOString());
    // Committed so others can read who holds it, then held again at once for as long as we run.
    lock.exec('COMMIT');
    lock.exec('BEGIN IMMEDIATE');
  } catch (e) {
    if (!isBusy(e)) {
      lock.close();
      throw e;
    }
    const holder = read();
    lock.close();
    throw new DatabaseInUse(dbPath, holder);
  }
  return {
    release: () => {
      if (lock.open) {
        lock.exec('ROLLBACK');
        lock.close();
      }
    },
  };
}
