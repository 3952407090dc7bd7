import SQLite from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { backupDirOf, stampOf, stemOf } from './backup.js';
import { checkCongressFile, DatabaseRefused, openDatabase } from './connection.js';
import { claimDatabase } from './server-lock.js';
import { auditHead } from './audit.js';
import { beginRestore, finishRestore, incomingOf, syncFile } from './restore-journal.js';

export interface Restored {
  /** Where the database that was replaced now lies (null: there was none). */
  keptAside: string | null;
  auditEntries: number;
  auditHead: string;
}

/**
 * Puts a backup back in place of the congress database. The backup must pass SQLite's full
 * integrity check and be a Kiểm Phiếu database this version can use; no server may be using the
 * database (the server lock is claimed for the whole restore). The database it replaces is never
 * destroyed: it moves, with its WAL, to backups/<db>-<time>-replaced.sqlite. A crash at any moment
 * leaves either the old database or the restored one (restore-journal.ts).
 */
export async function restoreDatabase(backupPath: string, dbPath: string, now: Date): Promise<Restored> {
  if (resolve(backupPath) === resolve(dbPath)) throw new DatabaseRefused(`${backupPath}: this is the database itself / đây chính là cơ sở dữ liệu đang dùng`);
  if (!existsSync(backupPath)) throw new DatabaseRefused(`${backupPath}: no such file / không có tệp này`);
  let source: SQLite.Database;
  try {
    source = new SQLite(backupPath, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new DatabaseRefused(`${backupPath}: cannot open the file (${(e as Error).message}) / không mở được tệp`);
  }
  const lock = (() => {
    try {
      checkCongressFile(source, backupPath, { full: true });
      return claimDatabase(dbPath, 'restore');
    } catch (e) {
      source.close();
      throw e;
    }
  })();
  try {
    finishRestore(dbPath);
    const incoming = incomingOf(dbPath);
    await source.backup(incoming);
    source.close();
    syncFile(incoming);
    let keptAside: string | null = null;
    // A WAL left without its file goes aside too: it must never be read as the restored file's log.
    if (['', '-wal', '-shm'].some((suffix) => existsSync(dbPath + suffix))) {
      const dir = backupDirOf(dbPath);
      mkdirSync(dir, { recursive: true });
      keptAside = join(dir, `${stemOf(dbPath)}-${stampOf(now)}-replaced.sqlite`);
    }
    // From here the restore is all or nothing: the journal says what moves where (the WAL goes with
    // its file: it may hold the last committed changes), and a crash part-way is finished on next open.
    beginRestore(dbPath, { keptAside });
    finishRestore(dbPath);
    const restored = await openDatabase(dbPath, { mustExist: true });
    try {
      const head = await auditHead(restored.db);
      return { keptAside, auditEntries: head.seq, auditHead: head.hash };
    } finally {
      await restored.close();
    }
  } finally {
    if (source.open) source.close();
    lock.release();
  }
}
