import { sql, type Kysely } from 'kysely';

/**
 * Issue 14. Wrong PINs count per member and per client address (`pin_lock`): a stranger's guesses
 * lock that stranger's address out, never the member on their own laptop. The lock-out columns of
 * `member` go (a lock held there when this runs is lifted: it may be a stranger's). A PIN set by
 * the setup account must be changed by its owner at first sign-in (`member.pin_must_change`).
 *
 * The signing key's private half is no longer kept in plain text (`signing_key.sealed`, under the
 * head's passphrase). A plain key found here was in every backup and archive made so far: it is
 * erased (secure_delete overwrites its pages), not sealed; the next certification makes a new key.
 * Files signed before keep verifying: each carries its public key, and the minutes its file code.
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
    ) STRICT`,
    sql`ALTER TABLE member DROP COLUMN failed_attempts`,
    sql`ALTER TABLE member DROP COLUMN locked_until`,
    sql`ALTER TABLE member DROP COLUMN lockouts`,
    sql`ALTER TABLE member ADD COLUMN pin_must_change INTEGER NOT NULL DEFAULT 0`,
    sql`CREATE TABLE signing_key (
      congress_id TEXT PRIMARY KEY REFERENCES congress(id),
      public_jwk TEXT NOT NULL,
      sealed TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE TRIGGER signing_key_fixed BEFORE UPDATE ON signing_key BEGIN SELECT RAISE(ABORT, 'the signing key is never replaced'); END`,
    sql`PRAGMA secure_delete = ON`,
    sql`DROP TRIGGER congress_key_fixed`,
    sql`DROP TRIGGER congress_key_kept`,
    sql`DROP TABLE congress_key`,
  ]) {
    await statement.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('accounts are not taken down');
}
