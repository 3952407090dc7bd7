import type {
  Ballot,
  CongressKind,
  ElectionKind,
  MemberRole,
  RoundFills,
  RoundState,
  Congress,
  Election,
  Member,
  Round,
  RoundCandidate,
  StoredBallot,
  Pass,
  Pile,
  PileEntry,
  PileRuling,
} from '../domain/index.js';
import type { BallotRow, CandidateRow, CongressRow, ElectionRow, MemberRow, PileEntryRow, PileResolutionRow, PileRow, RoundRow } from './schema.js';

/** Rows to domain types, in one place. */

export const toCongress = (r: CongressRow): Congress => ({
  id: r.id,
  name: r.name,
  organisation: r.organisation,
  kind: r.kind as CongressKind,
  convened: r.convened,
  excluded: r.excluded,
  excludedReason: r.excluded_reason,
  place: r.place,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  timeZone: r.time_zone,
});

export const toMember = (r: MemberRow): Member => ({
  id: r.id,
  name: r.name,
  role: r.role as MemberRole,
  position: r.position,
  hasPin: r.pin_hash !== null,
});

export const toElection = (r: ElectionRow): Election => ({
  id: r.id,
  kind: r.kind as ElectionKind,
  title: r.title,
  seats: r.seats,
  alternates: r.alternates,
  position: r.position,
});

export const toRound = (r: RoundRow): Round => ({
  id: r.id,
  electionId: r.election_id,
  number: r.number,
  reason: r.reason as Round['reason'],
  fills: r.fills as RoundFills,
  seats: r.seats,
  alternates: r.alternates,
  state: r.state as RoundState,
  ballotsIssued: r.ballots_issued,
  ballotsCollected: r.ballots_collected,
  decision: r.decision,
});

export const toCandidate = (r: CandidateRow): RoundCandidate => ({ id: r.id, personId: r.person_id, no: r.no, name: r.name });

export const toStoredBallot = (r: BallotRow): StoredBallot => ({
  id: r.id,
  seq: r.seq,
  roundId: r.round_id,
  ballot: JSON.parse(r.content) as Ballot,
  enteredBy: r.entered_by,
  enteredAt: r.entered_at,
  void: r.voided_at ? { reason: r.void_reason ?? '', by: r.voided_by ?? '', at: r.voided_at } : null,
});

export const toPile = (r: PileRow): Pile => ({ id: r.id, roundId: r.round_id, number: r.number, declared: r.declared });

export const toPileEntry = (r: PileEntryRow): PileEntry => ({
  id: r.id,
  seq: r.seq,
  pileId: r.pile_id,
  pass: r.pass as Pass,
  position: r.position,
  ballot: JSON.parse(r.content) as Ballot,
  enteredBy: r.entered_by,
  enteredAt: r.entered_at,
  void: r.voided_at ? { reason: r.void_reason ?? '', by: r.voided_by ?? '', at: r.voided_at } : null,
});

const ballotOrNull = (content: string | null): Ballot | null => (content === null ? null : (JSON.parse(content) as Ballot));

export const toPileRuling = (r: PileResolutionRow): PileRuling => ({
  id: r.id,
  pileId: r.pile_id,
  position: r.position,
  first: ballotOrNull(r.first),
  second: ballotOrNull(r.second),
  ballot: JSON.parse(r.content) as Ballot,
  reason: r.reason,
  resolvedBy: r.resolved_by,
  resolvedAt: r.resolved_at,
});
