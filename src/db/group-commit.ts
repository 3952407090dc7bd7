import type SQLite from 'better-sqlite3';
import type { DB } from './connection.js';
import { prepared } from './prepared.js';
import { RefusalError, type Refusal } from './refusal.js';
import { WalSync } from './wal-sync.js';
import { err, ok, type Result } from '../domain/index.js';

/** Work on the raw connection, run synchronously inside a transaction (its own savepoint). */
export type SyncWork<T> = (sqlite: SQLite.Database) => T;

interface Waiting {
  work: SyncWork<unknown>;
  settle: (outcome: { value: Result<unknown, Refusal> } | { error: unknown }) => void;
}

const MAX_WAIT_MS = 2;

/**
 * Group commit: changes that arrive while the event loop is busy (with other requests) are written
 * in one transaction, and each caller hears back only after that transaction is on disk. Each change
 * runs in its own savepoint, so a refusal or a fault in one rolls back that one alone. With one clerk
 * a batch is one change: nothing waits for company.
 *
 * The disk sync runs off the event loop (WalSync), so the next batch is read, checked and committed
 * while the disk syncs this one; the batches committed during a sync share the next.
 *
 * The work never lands inside a transaction that Kysely has open (see whenNoTransaction).
 */
export class GroupCommit {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private firstAt = 0;
  /** Changes announced (their requests are being read and checked) and not yet queued or given up. */
  private coming = 0;
  /** How many transactions were committed and how many changes they held (read by the tests). */
  readonly stats = { commits: 0, changes: 0 };
  /** One transaction for the batch, a savepoint for each change in it (made once: making them costs). */
  private readonly inBatch: (batch: Waiting[]) => ({ value: Result<unknown, Refusal> } | { error: unknown })[];
  private readonly inSavepoint: (work: SyncWork<unknown>) => unknown;

  /**
   * @param wal the database's WAL, synced before anyone hears back; null for a database in memory,
   * which has nothing to make durable.
   */
  constructor(
    private readonly db: DB,
    readonly sqlite: SQLite.Database,
    readonly wal: WalSync | null,
  ) {
    this.inBatch = sqlite.transaction((batch: Waiting[]) => batch.map((w) => this.attempt(w.work)));
    this.inSavepoint = sqlite.transaction((work: SyncWork<unknown>) => work(sqlite));
  }

  /**
   * Tells the queue that a change is on its way (its request has arrived and is being checked), so
   * that a commit about to be made waits for it; call the returned function once it is queued or
   * given up. What is announced and never queued delays a commit by MAX_WAIT_MS at most.
   */
  announce(): () => void {
    this.coming++;
    let done = false;
    return () => {
      if (!done) this.coming--;
      done = true;
    };
  }

  run<T>(work: SyncWork<T>): Promise<Result<T, Refusal>> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ work, settle: (o) => ('error' in o ? reject(o.error) : resolve(o.value as Result<T, Refusal>)) });
      if (!this.scheduled) {
        this.scheduled = true;
        this.firstAt = performance.now();
        this.flushSoon();
      }
    });
  }

  /**
   * Commits once nothing more is on its way: no change announced and not yet queued, and nothing new
   * queued in the last turn of the event loop. A ballot from another clerk that is still being read
   * and checked joins this commit instead of waiting for the next one. A lone clerk waits for no one;
   * nobody waits more than MAX_WAIT_MS for company.
   */
  private flushSoon(): void {
    const queued = this.waiting.length;
    setImmediate(() => {
      const more = this.waiting.length > queued || this.coming > 0;
      if (more && performance.now() - this.firstAt < MAX_WAIT_MS) this.flushSoon();
      else void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.waiting;
    this.waiting = [];
    try {
      const outcomes = await whenNoTransaction(this.db, this.sqlite, () => this.committed(batch));
      this.stats.commits++;
      this.stats.changes += batch.length;
      await this.wal?.synced();
      batch.forEach((w, i) => w.settle(outcomes[i]));
    } catch (error) {
      // The commit or the sync failed (disk full, I/O error): nothing in the batch was acknowledged.
      for (const w of batch) w.settle({ error });
    }
  }

  /**
   * The batch's transaction. On a file, committed without waiting for the disk (synchronous = NORMAL,
   * which still keeps checkpoints safe); flush then syncs the WAL before answering. Every other
   * transaction on the connection keeps synchronous = FULL.
   */
  private committed(batch: Waiting[]): ReturnType<GroupCommit['inBatch']> {
    if (!this.wal) return this.inBatch(batch);
    prepared(this.sqlite, 'PRAGMA synchronous = NORMAL').run();
    try {
      return this.inBatch(batch);
    } finally {
      prepared(this.sqlite, 'PRAGMA synchronous = FULL').run();
    }
  }

  private attempt(work: SyncWork<unknown>): { value: Result<unknown, Refusal> } | { error: unknown } {
    try {
      return { value: ok(this.inSavepoint(work)) };
    } catch (e) {
      return e instanceof RefusalError ? { value: err(e.refusal) } : { error: e };
    }
  }
}

const queues = new WeakMap<DB, GroupCommit>();

/** Registers the raw connection under its Kysely instance (done once, by openDatabase). */
export function enableGroupCommit(db: DB, sqlite: SQLite.Database): void {
  queues.set(db, new GroupCommit(db, sqlite, sqlite.memory ? null : new WalSync(`${sqlite.name}-wal`)));
}

export function groupCommit(db: DB): GroupCommit {
  const queue = queues.get(db);
  if (!queue) throw new Error('this database was not opened by openDatabase: no raw connection');
  return queue;
}

/**
 * A read on the raw connection, for the reads every request makes (the session): plain prepared
 * statements, never inside a transaction Kysely has open, so it never sees one half done.
 */
export function readNow<T>(db: DB, read: (sqlite: SQLite.Database) => T): Promise<T> {
  const { sqlite } = groupCommit(db);
  return whenNoTransaction(db, sqlite, () => read(sqlite));
}

/**
 * Runs synchronous work on the raw connection outside any transaction Kysely has open. Kysely's
 * transactions await between their statements, so one may be open (BEGIN issued, COMMIT not yet)
 * while other work gets its turn; then the work waits for Kysely's connection, which the transaction
 * holds until it ends. Otherwise it runs at once: synchronous work cannot be interleaved with anything.
 */
async function whenNoTransaction<T>(db: DB, sqlite: SQLite.Database, work: () => T): Promise<T> {
  if (!sqlite.inTransaction) return work();
  return db.connection().execute(async () => work());
}
