import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A restore replaces three files (the database, its WAL and its shared-memory index) and no file
 * system renames three files at once. So the restore first writes down what it is about to do (the
 * journal, beside the database), then moves the old files aside and the new one in; whoever opens
 * the database next (a server, another restore) finds the journal and finishes those moves. Before
 * the journal is written nothing has moved; once it is written the restore will be completed: a
 * crash at any step leaves either the old database with its WAL, or the restored one.
 */
export const restoreJournalOf = (dbPath: string): string => `${dbPath}.restore-journal`;

/** The restored copy, written in full beside the database before anything moves. */
export const incomingOf = (dbPath: string): string => `${dbPath}.restoring`;

interface RestoreJournal {
  /** Where the replaced database goes (its WAL and index beside it); null when there was none. */
  keptAside: string | null;
}

/** The database's files, WAL first: the main file moves last, so its name stays taken until the end. */
const SUFFIXES = ['-wal', '-shm', ''] as const;

/** Makes a rename or a removal in a folder durable (the folder's own entry list is synced). */
export function syncFolder(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes the journal whole (a part file, synced, then renamed): it is either there in full or not at all. */
export function beginRestore(dbPath: string, journal: RestoreJournal): void {
  const path = restoreJournalOf(dbPath);
  writeFileSync(`${path}.part`, JSON.stringify(journal));
  syncFile(`${path}.part`);
  renameSync(`${path}.part`, path);
  syncFolder(dirname(dbPath));
}

/**
 * Completes a restore whose journal is there, or clears what a restore left before writing it (a
 * partly written copy). Call while holding the database's lock (server-lock.ts). Returns where the
 * replaced database was kept when a restore was finished here, else undefined.
 */
export function finishRestore(dbPath: string): { keptAside: string | null } | undefined {
  const path = restoreJournalOf(dbPath);
  const incoming = incomingOf(dbPath);
  rmSync(`${path}.part`, { force: true });
  if (!existsSync(path)) {
    rmSync(incoming, { force: true });
    return undefined;
  }
  const journal = JSON.parse(readFileSync(path, 'utf8')) as RestoreJournal;
  if (existsSync(incoming)) {
    if (journal.keptAside) {
      for (const suffix of SUFFIXES) {
        if (existsSync(dbPath + suffix) && !existsSync(journal.keptAside + suffix)) renameSync(dbPath + suffix, journal.keptAside + suffix);
      }
      syncFolder(dirname(journal.keptAside));
    }
    renameSync(incoming, dbPath);
    syncFolder(dirname(dbPath));
  }
  rmSync(path);
  syncFolder(dirname(dbPath));
  return { keptAside: journal.keptAside };
}
