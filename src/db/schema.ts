import type { Generated, Selectable } from 'kysely';

/** Row types, snake_case as stored; mapped to domain types in one place (rows.ts). */
export interface CongressTable {
  id: string;
  name: string;
  organisation: string;
  kind: string;
  convened: number;
  excluded: number;
  excluded_reason: string;
  place: string;
  starts_on: string | null;
  ends_on: string | null;
  created_at: string;
}

export interface MemberTable {
  id: string;
  name: string;
  role: string;
  position: number;
  pin_hash: string | null;
  failed_attempts: Generated<number>;
  locked_until: string | null;
  /** Lock-outs since the last right PIN (migration 005). */
  lockouts: Generated<number>;
  created_at: string;
}

export interface SessionTable {
  token_hash: string;
  member_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ElectionTable {
  id: string;
  kind: string;
  title: string;
  seats: number;
  alternates: number;
  position: number;
  created_at: string;
  /** 1: the public display shows progress only until the round is counted (migration 002). */
  display_progress_only: Generated<number>;
  /** The voting body that holds the election (migration 006); set for every election. */
  body_id: string | null;
  /** 'separate' | 'one_ballot', only with alternates (migration 006); null: one ballot. */
  alternates_method: string | null;
}

/** A voting body (migration 006); the congress's own row takes its figures from the congress table. */
export interface BodyTable {
  id: string;
  kind: string;
  name: string;
  convened: number | null;
  excluded: number | null;
  excluded_reason: string;
  from_election_id: string | null;
  position: number;
  created_at: string;
}

export interface RoundTable {
  id: string;
  election_id: string;
  number: number;
  reason: string;
  fills: string;
  seats: number;
  alternates: number;
  state: string;
  ballots_issued: number | null;
  ballots_collected: number | null;
  decision: string;
  created_at: string;
  /** The body's members present at the time of the vote (migration 006). */
  present: number | null;
}

export interface CandidateTable {
  id: string;
  round_id: string;
  person_id: string;
  no: number;
  name: string;
}

export interface BallotTable {
  seq: Generated<number>;
  id: string;
  round_id: string;
  content: string;
  entered_by: string;
  entered_at: string;
  void_reason: string | null;
  voided_by: string | null;
  voided_at: string | null;
}

export interface AuditTable {
  seq: Generated<number>;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

export interface RoundEntryModeTable {
  round_id: string;
  mode: string;
  set_by: string;
  set_at: string;
}

export interface PileTable {
  id: string;
  round_id: string;
  number: number;
  declared: number;
  created_by: string;
  created_at: string;
}

export interface PileEntryTable {
  seq: Generated<number>;
  id: string;
  pile_id: string;
  pass: number;
  position: number;
  content: string;
  entered_by: string;
  entered_at: string;
  void_reason: string | null;
  voided_by: string | null;
  voided_at: string | null;
}

export interface PileResolutionTable {
  seq: Generated<number>;
  id: string;
  pile_id: string;
  position: number;
  first: string | null;
  second: string | null;
  content: string;
  reason: string;
  resolved_by: string;
  resolved_at: string;
}

/** Same shape as a ballot: the second full count of a single-entry round. */
export type SecondCountBallotTable = BallotTable;

export interface CongressKeyTable {
  congress_id: string;
  /** The public key as a JWK (RFC 8037: kty OKP, crv Ed25519). */
  public_jwk: string;
  /** The private key, PKCS#8 PEM. */
  private_pem: string;
  created_at: string;
}

export interface CertificationTable {
  round_id: string;
  certified_by: string;
  certified_at: string;
  decision: string;
  stopped: number;
  /** The signed results file, exactly as served (its RFC 8785 canonical form). */
  file: string;
  sha256: string;
}

export interface Database {
  congress: CongressTable;
  member: MemberTable;
  session: SessionTable;
  election: ElectionTable;
  body: BodyTable;
  round: RoundTable;
  candidate: CandidateTable;
  ballot: BallotTable;
  audit: AuditTable;
  round_entry_mode: RoundEntryModeTable;
  pile: PileTable;
  pile_entry: PileEntryTable;
  pile_resolution: PileResolutionTable;
  second_count_ballot: SecondCountBallotTable;
  congress_key: CongressKeyTable;
  certification: CertificationTable;
}

export type CongressRow = Selectable<CongressTable>;
export type MemberRow = Selectable<MemberTable>;
export type ElectionRow = Selectable<ElectionTable>;
export type BodyRow = Selectable<BodyTable>;
export type RoundRow = Selectable<RoundTable>;
export type CandidateRow = Selectable<CandidateTable>;
export type BallotRow = Selectable<BallotTable>;
export type AuditRow = Selectable<AuditTable>;
export type PileRow = Selectable<PileTable>;
export type PileEntryRow = Selectable<PileEntryTable>;
export type PileResolutionRow = Selectable<PileResolutionTable>;
export type CertificationRow = Selectable<CertificationTable>;
