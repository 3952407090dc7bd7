import { sql, type Kysely } from 'kysely';

/**
 * The projector display of an election may show progress only (ballots entered of collected) until
 * the count is finished, as many committees announce only the final result. Default: live standings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE election ADD COLUMN display_progress_only INTEGER NOT NULL DEFAULT 0 CHECK (display_progress_only IN (0, 1))`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the display setting is not taken down');
}
