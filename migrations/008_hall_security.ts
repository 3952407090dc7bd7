import { sql, type Kysely } from 'kysely';

/**
 * Issue 14. Wrong PINs count per member and per client address (`pin_lock`): a stranger's guesses
 * lock that stranger's address out, never the member on their own laptop. The lock-out columns of
 * `member` go (a lock held there when this runs is lifted: it may be a stranger's). A PIN set by
 * the setup account must be changed by its owner at first sign-in (`member.pin_must_change`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    sql`CREATE TABLE pin_lock (
      member_id TEXT NOT NULL REFERENCES member(id) ON DELETE CASCADE,
      address TEXT NOT NULL,
      failed_attempts INTEGER NOT NULL DEFAULT 0,
      locked_until TEXT,
      lockouts INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (member_id, address)
    ) WITHOUT ROWID`,
    sql`ALTER TABLE member DROP COLUMN failed_attempts`,
    sql`ALTER TABLE member DROP COLUMN locked_until`,
    sql`ALTER TABLE member DROP COLUMN lockouts`,
    sql`ALTER TABLE member ADD COLUMN pin_must_change INTEGER NOT NULL DEFAULT 0`,
  ]) {
    await statement.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('accounts are not taken down');
}
