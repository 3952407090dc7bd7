import { sql, type Kysely } from 'kysely';

/**
 * One database is one congress: its counting committee, its elections and their rounds, candidate
 * lists, ballots, sessions and the append-only audit log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`CREATE TABLE congress (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      organisation TEXT NOT NULL DEFAULT '',
      kind TEXT NOT NULL CHECK (kind IN ('delegates', 'members')),
      convened INTEGER NOT NULL CHECK (convened >= 1),
      excluded INTEGER NOT NULL CHECK (excluded >= 0 AND excluded < convened),
      excluded_reason TEXT NOT NULL DEFAULT '',
      place TEXT NOT NULL DEFAULT '',
      starts_on TEXT,
      ends_on TEXT,
      created_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE TABLE member (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('setup', 'head', 'member')),
      position INTEGER NOT NULL,
      pin_hash TEXT,
      failed_attempts INTEGER NOT NULL DEFAULT 0,
      locked_until TEXT,
      created_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE TABLE session (
      token_hash TEXT PRIMARY KEY,
      member_id TEXT NOT NULL REFERENCES member(id) ON DELETE CASCADE,
      csrf_token TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE TABLE election (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      title TEXT NOT NULL,
      seats INTEGER NOT NULL CHECK (seats >= 1),
      alternates INTEGER NOT NULL CHECK (alternates >= 0),
      position INTEGER NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE TABLE round (
      id TEXT PRIMARY KEY,
      election_id TEXT NOT NULL REFERENCES election(id) ON DELETE CASCADE,
      number INTEGER NOT NULL CHECK (number >= 1),
      reason TEXT NOT NULL CHECK (reason IN ('first', 'tie', 'unfilled')),
      fills TEXT NOT NULL CHECK (fills IN ('officials', 'alternates')),
      seats INTEGER NOT NULL CHECK (seats >= 1),
      alternates INTEGER NOT NULL CHECK (alternates >= 0),
      state TEXT NOT NULL CHECK (state IN ('setup', 'counting', 'counted', 'certified')),
      ballots_issued INTEGER CHECK (ballots_issued >= 0),
      ballots_collected INTEGER CHECK (ballots_collected >= 0),
      decision TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      UNIQUE (election_id, number)
    ) STRICT`,
    sql`CREATE TABLE candidate (
      id TEXT PRIMARY KEY,
      round_id TEXT NOT NULL REFERENCES round(id) ON DELETE CASCADE,
      person_id TEXT NOT NULL,
      no INTEGER NOT NULL CHECK (no >= 1),
      name TEXT NOT NULL,
      UNIQUE (round_id, no),
      UNIQUE (round_id, person_id)
    ) STRICT`,
    sql`CREATE TABLE ballot (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      round_id TEXT NOT NULL REFERENCES round(id),
      content TEXT NOT NULL,
      entered_by TEXT NOT NULL REFERENCES member(id),
      entered_at TEXT NOT NULL,
      void_reason TEXT,
      voided_by TEXT REFERENCES member(id),
      voided_at TEXT
    ) STRICT`,
    sql`CREATE INDEX ballot_round ON ballot (round_id, seq)`,
    sql`CREATE TABLE audit (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      before TEXT,
      after TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT`,
    // The audit log is append-only: the database itself refuses to change or remove an entry.
    sql`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`,
    sql`CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`,
    // A ballot is never removed; a correction voids it (once) and is logged.
    sql`CREATE TRIGGER ballot_no_delete BEFORE DELETE ON ballot BEGIN SELECT RAISE(ABORT, 'ballots are never deleted'); END`,
    sql`CREATE TRIGGER ballot_content_fixed BEFORE UPDATE OF id, round_id, content, entered_by, entered_at ON ballot
        BEGIN SELECT RAISE(ABORT, 'a ballot is never changed: void it and enter it again'); END`,
    sql`CREATE TRIGGER ballot_void_once BEFORE UPDATE OF void_reason, voided_by, voided_at ON ballot WHEN OLD.voided_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a voided ballot stays voided'); END`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the core schema is not taken down');
}
