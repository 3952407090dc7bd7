import { sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * Voting bodies (issue 13, rules.md "Who votes"): the congress itself and the first conferences of
 * its new committees, each election held by one of them; the members present at each round's vote;
 * the alternates' own ballot (a round of seats 0); the delegation's alternates method; technical
 * staff (role `staff`, Điều 8).
 *
 * The round and member tables get wider CHECK constraints, which SQLite changes only by rebuilding
 * the table: copied aside, dropped, created anew, copied back, its triggers made again. The
 * connection runs the migrations with foreign keys off (a drop would otherwise cascade into
 * candidates and sessions) and checks every foreign key before it commits (connection.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const run = async (statements: RawBuilder<unknown>[]) => {
    for (const statement of statements) await statement.execute(db);
  };
  await run([
    sql`CREATE TABLE body (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('congress', 'committee_conference', 'inspection_conference')),
      name TEXT NOT NULL,
      convened INTEGER CHECK (convened >= 1),
      excluded INTEGER CHECK (excluded >= 0 AND excluded < convened),
      excluded_reason TEXT NOT NULL DEFAULT '',
      from_election_id TEXT REFERENCES election(id),
      position INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      -- The congress body's figures are the congress's own (the congress table): never a second copy.
      CHECK ((kind = 'congress') = (convened IS NULL)),
      CHECK ((convened IS NULL) = (excluded IS NULL))
    ) STRICT`,
    sql`CREATE UNIQUE INDEX body_one_congress ON body (kind) WHERE kind = 'congress'`,
    sql`INSERT INTO body (id, kind, name, position, created_at) SELECT 'congress-body', 'congress', '', 0, created_at FROM congress`,
    sql`ALTER TABLE election ADD COLUMN body_id TEXT REFERENCES body(id)`,
    sql`ALTER TABLE election ADD COLUMN alternates_method TEXT CHECK (alternates_method IN ('separate', 'one_ballot'))`,
    // Elections of earlier versions were all the congress's; their delegations kept up to seats + alternates names.
    sql`UPDATE election SET body_id = (SELECT id FROM body WHERE kind = 'congress')`,
  ]);

  await rebuild(db, 'member', {
    create: sql`CREATE TABLE member (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('setup', 'head', 'member', 'staff')),
      position INTEGER NOT NULL,
      pin_hash TEXT,
      failed_attempts INTEGER NOT NULL DEFAULT 0,
      locked_until TEXT,
      created_at TEXT NOT NULL,
      lockouts INTEGER NOT NULL DEFAULT 0
    ) STRICT`,
    columns: 'id, name, role, position, pin_hash, failed_attempts, locked_until, created_at, lockouts',
    after: [],
  });

  await rebuild(db, 'round', {
    create: sql`CREATE TABLE round (
      id TEXT PRIMARY KEY,
      election_id TEXT NOT NULL REFERENCES election(id) ON DELETE CASCADE,
      number INTEGER NOT NULL CHECK (number >= 1),
      reason TEXT NOT NULL CHECK (reason IN ('first', 'tie', 'unfilled', 'alternates_ballot')),
      fills TEXT NOT NULL CHECK (fills IN ('officials', 'alternates')),
      seats INTEGER NOT NULL CHECK (seats >= 1 OR (seats = 0 AND fills = 'alternates' AND alternates >= 1)),
      alternates INTEGER NOT NULL CHECK (alternates >= 0),
      state TEXT NOT NULL CHECK (state IN ('setup', 'counting', 'counted', 'certified')),
      ballots_issued INTEGER CHECK (ballots_issued >= 0),
      ballots_collected INTEGER CHECK (ballots_collected >= 0),
      decision TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      present INTEGER CHECK (present >= 0),
      UNIQUE (election_id, number)
    ) STRICT`,
    columns: 'id, election_id, number, reason, fills, seats, alternates, state, ballots_issued, ballots_collected, decision, created_at',
    // Migration 003's guards of a certified round, as they were.
    after: [
      sql`CREATE TRIGGER round_born_uncertified BEFORE INSERT ON round WHEN NEW.state = 'certified'
        BEGIN SELECT RAISE(ABORT, 'a round is certified only through its certification'); END`,
      sql`CREATE TRIGGER round_certified_with_file BEFORE UPDATE OF state ON round
        WHEN NEW.state = 'certified' AND NOT EXISTS (SELECT 1 FROM certification WHERE round_id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'a round is certified only through its certification'); END`,
      sql`CREATE TRIGGER round_certified_fixed BEFORE UPDATE ON round WHEN OLD.state = 'certified'
        BEGIN SELECT RAISE(ABORT, 'the round is certified: nothing of it can change'); END`,
      sql`CREATE TRIGGER round_certified_kept BEFORE DELETE ON round WHEN OLD.state = 'certified'
        BEGIN SELECT RAISE(ABORT, 'the round is certified: nothing of it can change'); END`,
    ],
  });

  await nameOneBoxRounds(db);

  const bodyCertified = (bodyId: string) =>
    `EXISTS (SELECT 1 FROM election e JOIN round r ON r.election_id = e.id WHERE e.body_id = ${bodyId} AND r.state = 'certified')`;
  await run([
    // A certified record carries its body's figures and its election's method: they cannot change.
    sql.raw(`CREATE TRIGGER body_certified_fixed BEFORE UPDATE OF kind, name, convened, excluded, excluded_reason ON body WHEN ${bodyCertified('OLD.id')}
        BEGIN SELECT RAISE(ABORT, 'an election of this body is certified: its figures cannot change'); END`),
    sql.raw(`CREATE TRIGGER body_certified_kept BEFORE DELETE ON body WHEN ${bodyCertified('OLD.id')}
        BEGIN SELECT RAISE(ABORT, 'an election of this body is certified: it cannot be removed'); END`),
    sql`CREATE TRIGGER election_body_certified BEFORE UPDATE OF body_id, alternates_method ON election
        WHEN EXISTS (SELECT 1 FROM round WHERE election_id = OLD.id AND state = 'certified')
        BEGIN SELECT RAISE(ABORT, 'the election has a certified round: its facts cannot change'); END`,
  ]);
}

/**
 * A ballot on a list of one name with both boxes marked, or neither, was counted valid (no vote)
 * before; it is now invalid (`not_one_box`, rules.md "The ballot"). The rounds whose ballot counts
 * change are named, once, in the migration's output; a certified round keeps its signed file.
 */
async function nameOneBoxRounds(db: Kysely<unknown>): Promise<void> {
  const notOneBox = (content: string) =>
    `json_type(${content}, '$.marks') = 'object' AND coalesce(json_extract(${content}, '$.marks."1"'), 'none') NOT IN ('agree', 'disagree')`;
  const { rows } = await sql<{ title: string; number: number; state: string; ballots: number }>`
    SELECT e.title, r.number, r.state,
      (SELECT count(*) FROM ballot b WHERE b.round_id = r.id AND b.voided_at IS NULL AND ${sql.raw(notOneBox('b.content'))})
      + (SELECT count(*) FROM pile_entry p JOIN pile ON pile.id = p.pile_id WHERE pile.round_id = r.id AND p.pass = 1 AND p.voided_at IS NULL AND ${sql.raw(notOneBox('p.content'))}) AS ballots
    FROM round r JOIN election e ON e.id = r.election_id
    WHERE r.seats + r.alternates = 1 AND (SELECT count(*) FROM candidate c WHERE c.round_id = r.id) = 1
    ORDER BY e.position, r.number`.execute(db);
  for (const r of rows.filter((row) => row.ballots > 0)) {
    const kept = r.state === 'certified' ? '; vòng đã xác nhận giữ nguyên tệp kết quả đã ký / the certified round keeps its signed file' : '';
    console.log(
      `006: "${r.title}", vòng ${r.number}: ${r.ballots} phiếu đánh dấu cả hai ô hoặc không ô nào nay không hợp lệ (not_one_box) / round ${r.number}: ${r.ballots} ballots with both boxes or neither are now invalid${kept}`,
    );
  }
}

/** SQLite's way to change a table's constraints: copy aside, drop, create anew, copy back, triggers again. */
async function rebuild(db: Kysely<unknown>, table: string, spec: { create: RawBuilder<unknown>; columns: string; after: RawBuilder<unknown>[] }): Promise<void> {
  const aside = `${table}_before_006`;
  await sql.raw(`CREATE TABLE ${aside} AS SELECT * FROM ${table}`).execute(db);
  await sql.raw(`DROP TABLE ${table}`).execute(db);
  await spec.create.execute(db);
  await sql.raw(`INSERT INTO ${table} (${spec.columns}) SELECT ${spec.columns} FROM ${aside}`).execute(db);
  await sql.raw(`DROP TABLE ${aside}`).execute(db);
  for (const statement of spec.after) await statement.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('voting bodies are not taken down');
}
