import SQLite from 'better-sqlite3';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { DB } from './connection.js';
import { auditHead } from './audit.js';
import { isDiskFull } from './disk-full.js';
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
      // The signing key stays on the server: a copy carries none, even sealed (its pages overwritten).
      copy.pragma('secure_delete = ON');
      copy.prepare('DELETE FROM signing_key').run();
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

export interface BackupFailure {
  at: string;
  diskFull: boolean;
  message: string;
}

const describeFailure = (e: unknown): Omit<BackupFailure, 'at'> => ({ diskFull: isDiskFull(e), message: (e as Error).message ?? String(e) });

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
  /** The last backup that failed, until one succeeds: the committee's pages show it. */
  lastFailure: BackupFailure | null = null;

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
      this.lastFailure = null;
      return file;
    });
  }

  async backupIfChanged(): Promise<BackupFile | null> {
    const head = await auditHead(this.options.db);
    if (head.seq === this.lastSeq) return null;
    const file = await this.backupNow('auto');
    this.rotate(file);
    return file;
  }

  /**
   * Runs the server's backups until the returned stop(): a copy every `everyMs` when something
   * changed, and one as soon as a round is seen certified (the round bus tells of every state move).
   * First it clears the part files a crash left, and makes the copy of any certified round that has
   * none (a crash right after a certification, before its copy was named).
   */
  async start(subscribe: (listener: (roundId: string, change: 'ballots' | 'round') => void) => () => void, everyMs: number, onError: (e: unknown) => void): Promise<() => void> {
    const failed = (e: unknown) => {
      this.lastFailure = { at: this.options.now().toISOString(), ...describeFailure(e) };
      onError(e);
    };
    mkdirSync(this.dir, { recursive: true });
    for (const f of readdirSync(this.dir)) if (f.endsWith('.part')) rmSync(join(this.dir, f), { force: true });
    const made = readdirSync(this.dir);
    const rows = await this.options.db.selectFrom('round').select('id').where('state', '=', 'certified').execute();
    for (const r of rows) {
      const name = await this.certifiedName(r.id);
      if (!made.some((f) => f.endsWith(`-${name}.sqlite`))) await this.backupNow(name).catch(failed);
      this.certified.add(r.id);
    }
    const timer = setInterval(() => this.backupIfChanged().catch(failed), everyMs);
    const unsubscribe = subscribe((roundId, change) => {
      // A ballot never certifies a round: only a move of the round itself is looked at.
      if (change === 'round') this.backupIfCertified(roundId).catch(failed);
    });
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }

  /** The reason part of a certified round's copy: certified-election<N>-round<M>. */
  private async certifiedName(roundId: string): Promise<string> {
    const round = await getRound(this.options.db, roundId);
    const election = round ? await getElection(this.options.db, round.electionId) : null;
    return `certified-election${election?.position ?? 0}-round${round?.number ?? 0}`;
  }

  /** The hook of certification: a copy the moment a round becomes certified. */
  async backupIfCertified(roundId: string): Promise<BackupFile | null> {
    if (this.certified.has(roundId)) return null;
    const round = await getRound(this.options.db, roundId);
    if (round?.state !== 'certified' || this.certified.has(roundId)) return null;
    this.certified.add(roundId);
    return this.backupNow(await this.certifiedName(roundId));
  }

  /**
   * Removes the periodic backups beyond `keep` that hold the least: ordered by what they contain
   * (the audit sequence they end at), not by the time in their names, which a clock set back or
   * forward would misorder. The copy just made (`newest`) is never removed; other backups never are.
   */
  rotate(newest: BackupFile): void {
    const stem = stemOf(this.options.dbPath).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
    const ours = new RegExp(`^${stem}-\\d{8}-\\d{6}-\\d{3}-auto\\.sqlite$`, 'u');
    const periodic = readdirSync(this.dir)
      .filter((f) => ours.test(f) && join(this.dir, f) !== newest.path)
      .map((f) => ({ name: f, auditSeq: auditSeqOf(join(this.dir, f)) }))
      .sort((a, b) => a.auditSeq - b.auditSeq || a.name.localeCompare(b.name));
    for (const f of periodic.slice(0, Math.max(0, periodic.length + 1 - this.options.keep))) rmSync(join(this.dir, f.name));
  }
}

/** The audit sequence a backup ends at; -1 for a file that cannot be read (it goes first). */
function auditSeqOf(path: string): number {
  try {
    const copy = new SQLite(path, { readonly: true, fileMustExist: true });
    try {
      return (copy.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM audit').get() as { seq: number }).seq;
    } finally {
      copy.close();
    }
  } catch {
    return -1;
  }
}
