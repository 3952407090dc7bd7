import type {
  AlternatesMethod,
  Ballot,
  Body,
  BodyKind,
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
import type { BallotRow, BodyRow, CandidateRow, CongressRow, ElectionRow, MemberRow, PileEntryRow, PileResolutionRow, PileRow, RoundRow } from './schema.js';

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
  bodyId: r.body_id ?? '',
  alternatesMethod: r.alternates_method as AlternatesMethod | null,
});

/** The congress body's figures are the congress's own. */
export const toBody = (r: BodyRow, congress: Congress): Body =>
  r.kind === 'congress'
    ? { id: r.id, kind: 'congress', name: congress.name, convened: congress.convened, excluded: congress.excluded, excludedReason: congress.excludedReason, fromElectionId: null, position: r.position }
    : {
        id: r.id,
        kind: r.kind as BodyKind,
        name: r.name,
        convened: r.convened ?? 0,
        excluded: r.excluded ?? 0,
        excludedReason: r.excluded_reason,
        fromElectionId: r.from_election_id,
        position: r.position,
      };

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
  present: r.present,
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

/**
 * What a round's ballot keeps, as the record and the count see it: the method only where there are
 * alternates; `fills` only on the alternates' own ballot (seats 0). An alternates round of an earlier
 * version (seats k, alternates 0) stays the plain ballot it was, so its record does not change.
 */
export function ballotSeats(round: Round, method: AlternatesMethod | null): { seats: number; alternates: number; alternatesMethod?: AlternatesMethod; fills?: 'alternates' } {
  return {
    seats: round.seats,
    alternates: round.alternates,
    ...(method !== null && round.alternates > 0 ? { alternatesMethod: method } : {}),
    ...(round.fills === 'alternates' && round.seats === 0 ? { fills: 'alternates' as const } : {}),
  };
}
