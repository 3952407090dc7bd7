import { sql, type Kysely } from 'kysely';

/**
 * Lock-outs in a row: each one after the first lasts twice as long, until the member signs in with
 * the right PIN. A guesser gets a few dozen tries a day instead of hundreds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE member ADD COLUMN lockouts INTEGER NOT NULL DEFAULT 0`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('accounts are not taken down');
}
