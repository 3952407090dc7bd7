import { sql, type Kysely } from 'kysely';

/**
 * Certification: the congress's signing key, one certification per round (with its signed results
 * file), and the database's own refusal to change anything of a certified round.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const certified = (roundId: string) => `(SELECT state FROM round WHERE id = ${roundId}) = 'certified'`;
  const statements = [
    // The Ed25519 key pair that signs the results files; made once, never replaced.
    sql`CREATE TABLE congress_key (
      congress_id TEXT PRIMARY KEY REFERENCES congress(id),
      public_jwk TEXT NOT NULL,
      private_pem TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE TABLE certification (
      round_id TEXT PRIMARY KEY REFERENCES round(id),
      certified_by TEXT NOT NULL,
      certified_at TEXT NOT NULL,
      decision TEXT NOT NULL,
      stopped INTEGER NOT NULL CHECK (stopped IN (0, 1)),
      file TEXT NOT NULL,
      sha256 TEXT NOT NULL
    ) STRICT`,
    sql`CREATE TRIGGER congress_key_fixed BEFORE UPDATE ON congress_key BEGIN SELECT RAISE(ABORT, 'the congress key is never replaced'); END`,
    sql`CREATE TRIGGER congress_key_kept BEFORE DELETE ON congress_key BEGIN SELECT RAISE(ABORT, 'the congress key is never removed'); END`,
    sql`CREATE TRIGGER certification_fixed BEFORE UPDATE ON certification BEGIN SELECT RAISE(ABORT, 'a certification is never changed'); END`,
    sql`CREATE TRIGGER certification_kept BEFORE DELETE ON certification BEGIN SELECT RAISE(ABORT, 'a certification is never removed'); END`,
    // A round becomes certified only with its certification, and nothing of it changes afterwards.
    sql`CREATE TRIGGER round_born_uncertified BEFORE INSERT ON round WHEN NEW.state = 'certified'
        BEGIN SELECT RAISE(ABORT, 'a round is certified only through its certification'); END`,
    sql`CREATE TRIGGER round_certified_with_file BEFORE UPDATE OF state ON round
        WHEN NEW.state = 'certified' AND NOT EXISTS (SELECT 1 FROM certification WHERE round_id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'a round is certified only through its certification'); END`,
    sql`CREATE TRIGGER round_certified_fixed BEFORE UPDATE ON round WHEN OLD.state = 'certified'
        BEGIN SELECT RAISE(ABORT, 'the round is certified: nothing of it can change'); END`,
    sql`CREATE TRIGGER round_certified_kept BEFORE DELETE ON round WHEN OLD.state = 'certified'
        BEGIN SELECT RAISE(ABORT, 'the round is certified: nothing of it can change'); END`,
    sql.raw(`CREATE TRIGGER ballot_certified_insert BEFORE INSERT ON ballot WHEN ${certified('NEW.round_id')}
        BEGIN SELECT RAISE(ABORT, 'the round is certified: nothing of it can change'); END`),
    sql.raw(`CREATE TRIGGER ballot_certified_update BEFORE UPDATE ON ballot WHEN ${certified('OLD.round_id')} OR ${certified('NEW.round_id')}
        BEGIN SELECT RAISE(ABORT, 'the round is certified: nothing of it can change'); END`),
    sql.raw(`CREATE TRIGGER candidate_certified_insert BEFORE INSERT ON candidate WHEN ${certified('NEW.round_id')}
        BEGIN SELECT RAISE(ABORT, 'the round is certified: nothing of it can change'); END`),
    sql.raw(`CREATE TRIGGER candidate_certified_update BEFORE UPDATE ON candidate WHEN ${certified('OLD.round_id')} OR ${certified('NEW.round_id')}
        BEGIN SELECT RAISE(ABORT, 'the round is certified: nothing of it can change'); END`),
    sql.raw(`CREATE TRIGGER candidate_certified_delete BEFORE DELETE ON candidate WHEN ${certified('OLD.round_id')}
        BEGIN SELECT RAISE(ABORT, 'the round is certified: nothing of it can change'); END`),
    // The election's facts and the congress's base are part of every certified record.
    sql`CREATE TRIGGER election_certified_fixed BEFORE UPDATE OF kind, title, seats, alternates ON election
        WHEN EXISTS (SELECT 1 FROM round WHERE election_id = OLD.id AND state = 'certified')
        BEGIN SELECT RAISE(ABORT, 'the election has a certified round: its facts cannot change'); END`,
    sql`CREATE TRIGGER election_certified_kept BEFORE DELETE ON election
        WHEN EXISTS (SELECT 1 FROM round WHERE election_id = OLD.id AND state = 'certified')
        BEGIN SELECT RAISE(ABORT, 'the election has a certified round: it cannot be removed'); END`,
    sql`CREATE TRIGGER congress_base_certified BEFORE UPDATE OF kind, convened, excluded ON congress
        WHEN EXISTS (SELECT 1 FROM round WHERE state = 'certified')
        BEGIN SELECT RAISE(ABORT, 'a round is certified: the base of the count cannot change'); END`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('certifications are not taken down');
}
