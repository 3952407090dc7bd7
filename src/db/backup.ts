import SQLite from 'better-sqlite3';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { DB } from './connection.js';
import { auditHead } from './audit.js';
import { getElection, getRound } from './store/base.js';

/** backups/ beside the database file: data/kiemphieu.sqlite → data/backups/. */
export const backupDirOf = (dbPath: string): string => join(dirname(dbPath), 'backups');

/** The database file's name without its extension: the prefix of its backups. */
export const stemOf = (dbPath: string): string => basename(dbPath, extname(dbPath));

/** 2026-11-27T17:41:28.123Z → 20261127-174128-123: sorts by time, safe in every file system. */
export const stampOf = (at: Date): string => at.toISOString().replace(/[-:]/gu, '').replace('T', '-').replace('.', '-').replace('Z', '');

export interface BackupFile {
  path: string;
  bytes: number;
  auditSeq: number;
}

/**
 * Copies a live database with SQLite's online backup (consistent even while ballots are being
 * entered), checks the copy's integrity and only then gives it its name: a file under that name is
 * always whole. The copy is one self-contained file (rollback journal, no WAL beside it).
 */
export async function backupDatabase(sqlite: SQLite.Database, out: string): Promise<BackupFile> {
  mkdirSync(dirname(out), { recursive: true });
  const part = `${out}.part`;
  try {
    // Every page in one step: a copy made in small steps starts over whenever another process (the
    // server, for `kiemphieu backup`) commits between two steps, and under steady entry never ends.
    await sqlite.backup(part, { progress: () => 0x7fffffff });
    const copy = new SQLite(part, { fileMustExist: true });
    let auditSeq: number;
    try {
      // A backup is one self-contained file: no WAL beside it.
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the backup copy failed its integrity check (${String(check)})`);
      auditSeq = (copy.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM audit').get() as { seq: number }).seq;
    } finally {
      copy.close();
    }
    renameSync(part, out);
    return { path: out, bytes: statSync(out).size, auditSeq };
  } catch (e) {
    rmSync(part, { force: true });
    throw e;
  }
}

export interface BackupOptions {
  /** The database file; backups go to backups/ beside it. */
  dbPath: string;
  sqlite: SQLite.Database;
  db: DB;
  now: () => Date;
  /** How many periodic backups to keep; backups after certification, by hand or before a restore are all kept. */
  keep: number;
}

/**
 * The server's backups: `backupNow(reason)` at once (after a certification, for an archive), and
 * `backupIfChanged()` on a timer, which copies only when the audit log moved since the last copy
 * (every change is logged, so an unchanged head means nothing to save) and keeps the newest `keep`.
 */
export class Backups {
  private lastSeq: number | null = null;
  private running: Promise<unknown> = Promise.resolve();
  /** Rounds already certified (and so already copied): a certification is copied once. */
  private certified = new Set<string>();

  constructor(readonly options: BackupOptions) {}

  get dir(): string {
    return backupDirOf(this.options.dbPath);
  }

  /** A copy named data/backups/<db>-<time>-<reason>.sqlite; one copy at a time. */
  backupNow(reason: string): Promise<BackupFile> {
    const { dbPath, sqlite, now } = this.options;
    const out = join(this.dir, `${stemOf(dbPath)}-${stampOf(now())}-${reason}.sqlite`);
    const done = this.running.then(() => backupDatabase(sqlite, out));
    this.running = done.catch(() => undefined);
    return done.then((file) => {
      this.lastSeq = file.auditSeq;
      return file;
    });
  }

  async backupIfChanged(): Promise<BackupFile | null> {
    const head = await auditHead(this.options.db);
    if (head.seq === this.lastSeq) return null;
    const file = await this.backupNow('auto');
    this.rotate();
    return file;
  }

  /**
   * Runs the server's backups until the returned stop(): a copy every `everyMs` when something
   * changed, and one as soon as a round is seen certified (the round bus tells of every state move).
   */
  async start(subscribe: (listener: (roundId: string, change: 'ballots' | 'round') => void) => () => void, everyMs: number, onError: (e: unknown) => void): Promise<() => void> {
    const rows = await this.options.db.selectFrom('round').select('id').where('state', '=', 'certified').execute();
    for (const r of rows) this.certified.add(r.id);
    const timer = setInterval(() => this.backupIfChanged().catch(onError), everyMs);
    const unsubscribe = subscribe((roundId, change) => {
      // A ballot never certifies a round: only a move of the round itself is looked at.
      if (change === 'round') this.backupIfCertified(roundId).catch(onError);
    });
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }

  /** The hook of certification: a copy the moment a round becomes certified. */
  async backupIfCertified(roundId: string): Promise<BackupFile | null> {
    if (this.certified.has(roundId)) return null;
    const round = await getRound(this.options.db, roundId);
    if (round?.state !== 'certified' || this.certified.has(roundId)) return null;
    this.certified.add(roundId);
    const election = await getElection(this.options.db, round.electionId);
    return this.backupNow(`certified-election${election?.position ?? 0}-round${round.number}`);
  }

  /** Removes the oldest periodic backups beyond `keep`; other backups are never removed. */
  rotate(): void {
    const stem = stemOf(this.options.dbPath).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
    const ours = new RegExp(`^${stem}-\\d{8}-\\d{6}-\\d{3}-auto\\.sqlite$`, 'u');
    const periodic = readdirSync(this.dir)
      .filter((f) => ours.test(f))
      .sort();
    for (const f of periodic.slice(0, Math.max(0, periodic.length - this.options.keep))) rmSync(join(this.dir, f));
  }
}
