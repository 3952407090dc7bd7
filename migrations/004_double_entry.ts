import { sql, type Kysely } from 'kysely';

/**
 * Double entry (issue 7): the entry mode of each round, the piles ballots are counted in, the two
 * independent entries of every pile, the head's rulings on their differences, and single entry's
 * optional second full count. Entries and
 * rulings are never changed or removed: a correction voids an entry (once, logged) and a new
 * ruling supersedes an old one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`CREATE TABLE round_entry_mode (
      round_id TEXT PRIMARY KEY REFERENCES round(id) ON DELETE CASCADE,
      mode TEXT NOT NULL CHECK (mode IN ('single', 'double')),
      set_by TEXT NOT NULL,
      set_at TEXT NOT NULL
    ) STRICT`,
    // Rounds that existed before double entry were entered one by one: they stay single entry.
    sql`INSERT INTO round_entry_mode (round_id, mode, set_by, set_at) SELECT id, 'single', 'migration 004', created_at FROM round`,
    sql`CREATE TABLE pile (
      id TEXT PRIMARY KEY,
      round_id TEXT NOT NULL REFERENCES round(id) ON DELETE CASCADE,
      number INTEGER NOT NULL CHECK (number >= 1),
      declared INTEGER NOT NULL CHECK (declared >= 1),
      created_by TEXT NOT NULL REFERENCES member(id),
      created_at TEXT NOT NULL,
      UNIQUE (round_id, number)
    ) STRICT`,
    sql`CREATE TABLE pile_entry (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      pile_id TEXT NOT NULL REFERENCES pile(id),
      pass INTEGER NOT NULL CHECK (pass IN (1, 2)),
      position INTEGER NOT NULL CHECK (position >= 1),
      content TEXT NOT NULL,
      entered_by TEXT NOT NULL REFERENCES member(id),
      entered_at TEXT NOT NULL,
      void_reason TEXT,
      voided_by TEXT REFERENCES member(id),
      voided_at TEXT
    ) STRICT`,
    sql`CREATE UNIQUE INDEX pile_entry_position ON pile_entry (pile_id, pass, position) WHERE voided_at IS NULL`,
    sql`CREATE TRIGGER pile_entry_no_delete BEFORE DELETE ON pile_entry BEGIN SELECT RAISE(ABORT, 'entries are never deleted'); END`,
    sql`CREATE TRIGGER pile_entry_content_fixed BEFORE UPDATE OF id, pile_id, pass, position, content, entered_by, entered_at ON pile_entry
        BEGIN SELECT RAISE(ABORT, 'an entry is never changed: void it and enter it again'); END`,
    sql`CREATE TRIGGER pile_entry_void_once BEFORE UPDATE OF void_reason, voided_by, voided_at ON pile_entry WHEN OLD.voided_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a voided entry stays voided'); END`,
    sql`CREATE TABLE pile_resolution (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      pile_id TEXT NOT NULL REFERENCES pile(id),
      position INTEGER NOT NULL CHECK (position >= 1),
      first TEXT,
      second TEXT,
      content TEXT NOT NULL,
      reason TEXT NOT NULL,
      resolved_by TEXT NOT NULL REFERENCES member(id),
      resolved_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE TRIGGER pile_resolution_no_update BEFORE UPDATE ON pile_resolution BEGIN SELECT RAISE(ABORT, 'a ruling is never changed: rule again'); END`,
    sql`CREATE TRIGGER pile_resolution_no_delete BEFORE DELETE ON pile_resolution BEGIN SELECT RAISE(ABORT, 'a ruling is never deleted'); END`,
    // Single entry's optional check: a second full count of the round, typed by someone else.
    sql`CREATE TABLE second_count_ballot (
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
    sql`CREATE TRIGGER second_count_no_delete BEFORE DELETE ON second_count_ballot BEGIN SELECT RAISE(ABORT, 'ballots are never deleted'); END`,
    sql`CREATE TRIGGER second_count_content_fixed BEFORE UPDATE OF id, round_id, content, entered_by, entered_at ON second_count_ballot
        BEGIN SELECT RAISE(ABORT, 'a ballot is never changed: void it and enter it again'); END`,
    sql`CREATE TRIGGER second_count_void_once BEFORE UPDATE OF void_reason, voided_by, voided_at ON second_count_ballot WHEN OLD.voided_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a voided ballot stays voided'); END`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('double entry is not taken down: entries and rulings are kept');
}
