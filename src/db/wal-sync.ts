import { closeSync, fdatasync, fstatSync, openSync } from 'node:fs';

/**
 * Makes what was committed to a database's write-ahead log durable, off the event loop.
 *
 * With `synchronous = FULL` SQLite syncs the WAL inside COMMIT, and better-sqlite3 runs COMMIT on the
 * event loop: every request waits while the disk syncs. The group commit instead commits its batch
 * under `synchronous = NORMAL` (SQLite then still syncs the WAL before each checkpoint and the
 * database after it, but not at each commit) and syncs the WAL here, on Node's threadpool, before
 * anyone in the batch hears back: the same promise as FULL (an acknowledged ballot is on disk),
 * while the event loop reads and checks the next batch. On Linux a sync through any descriptor of
 * a file writes out all of that file's data.
 *
 * One sync at a time: a commit made while one runs waits for the next, which starts after it ends
 * and covers every commit made meanwhile.
 *
 * A failed sync is final. After a failed fsync, Linux may have dropped the pages it could not write
 * and a later sync can report success without them (PostgreSQL stops for the same reason); so from
 * then on nothing is acknowledged until the server is restarted, and SQLite reads again what is
 * really on disk.
 */
export class WalSync {
  private running = false;
  private waiting: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private fd: number | null = null;
  private failed: Error | null = null;
  /** How many syncs were made (read by the tests). */
  syncs = 0;

  constructor(
    readonly walPath: string,
    private readonly sync: (fd: number, done: (e: Error | null) => void) => void = fdatasync,
  ) {}

  /** Resolves once everything committed before the call is on disk. */
  synced(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.running) this.start();
    });
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private start(): void {
    const covered = this.waiting;
    this.waiting = [];
    this.running = true;
    let fd: number;
    try {
      fd = this.descriptor();
    } catch (e) {
      this.finish(covered, e as Error);
      return;
    }
    this.sync(fd, (e) => {
      this.syncs++;
      this.finish(covered, e);
    });
  }

  private finish(covered: { resolve: () => void; reject: (e: Error) => void }[], error: Error | null): void {
    this.running = false;
    if (error && !this.failed) {
      this.failed = new Error(`the disk failed to keep what was written (${error.message}); nothing more is acknowledged: restart the server / đĩa không ghi được dữ liệu; hãy khởi động lại máy chủ`, { cause: error });
    }
    error = this.failed;
    for (const w of covered) {
      if (error) w.reject(error);
      else w.resolve();
    }
    if (this.waiting.length > 0) this.start();
  }

  /**
   * The WAL, opened once. SQLite keeps the file while the database is open (a checkpoint that
   * truncates it keeps the same file); should it be removed all the same, the next sync opens the new one.
   */
  private descriptor(): number {
    if (this.fd !== null && fstatSync(this.fd).nlink > 0) return this.fd;
    this.close();
    this.fd = openSync(this.walPath, 'r');
    return this.fd;
  }
}
