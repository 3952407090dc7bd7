import { sql, type Kysely } from 'kysely';

/**
 * The congress's paperwork (issue 17): the one clock every paper and screen reads times in, the
 * congress's time zone (an IANA name; Vietnam by default, UTC+7 all year).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE congress ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Asia/Ho_Chi_Minh'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the time zone setting is not taken down');
}
