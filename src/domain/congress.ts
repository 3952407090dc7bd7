import type { AlternatesMethod, Ballot, BodyKind, Candidate, CongressKind, ElectionKind } from './record.js';
import type { RoundFills } from './rounds.js';

/** The counting room's things, as the store returns them (camelCase, no row details). */

export interface Congress {
  id: string;
  name: string;
  /** The Party organisation that holds the congress, for the minutes' header (e.g. "ĐẢNG BỘ QUẬN BA ĐÌNH"). */
  organisation: string;
  kind: CongressKind;
  convened: number;
  excluded: number;
  excludedReason: string;
  place: string;
  startsOn: string | null;
  endsOn: string | null;
}

/**
 * setup: the congress's technical secretary; head and member: the counting committee (Ban kiểm phiếu);
 * staff: technical staff who type ballots and nothing else, never committee members (Điều 8).
 */
export const MEMBER_ROLES = ['setup', 'head', 'member', 'staff'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export interface Member {
  id: string;
  name: string;
  role: MemberRole;
  position: number;
  hasPin: boolean;
}

/**
 * A voting body (rules.md, "Who votes"): the congress itself (its figures are the congress's), or a
 * first conference of a new committee, whose members are its base.
 */
export interface Body {
  id: string;
  kind: BodyKind;
  name: string;
  convened: number;
  excluded: number;
  excludedReason: string;
  /** The election whose elected members this conference's members were taken from. */
  fromElectionId: string | null;
  position: number;
}

export interface Election {
  id: string;
  kind: ElectionKind;
  title: string;
  seats: number;
  alternates: number;
  position: number;
  /** The body that holds the election. */
  bodyId: string;
  /** Only with alternates: separate ballots, or one ballot (null: one ballot, as earlier versions counted). */
  alternatesMethod: AlternatesMethod | null;
}

export const ROUND_STATES = ['setup', 'counting', 'counted', 'certified'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

export interface Round {
  id: string;
  electionId: string;
  number: number;
  reason: 'first' | 'tie' | 'unfilled' | 'alternates_ballot';
  fills: RoundFills;
  seats: number;
  alternates: number;
  state: RoundState;
  ballotsIssued: number | null;
  ballotsCollected: number | null;
  /** The congress's decision that opened this round, as recorded. */
  decision: string;
  /** The body's members present at the time of the vote (null: not entered). */
  present: number | null;
}

export interface RoundCandidate extends Candidate {
  id: string;
  /** The same person across the rounds of an election. */
  personId: string;
}

export interface StoredBallot {
  id: string;
  seq: number;
  roundId: string;
  ballot: Ballot;
  enteredBy: string;
  enteredAt: string;
  void: { reason: string; by: string; at: string } | null;
}

/**
 * The lifecycle of a round: setup → counting → counted → certified. Counting may be reopened from
 * counted (a logged correction); nothing leaves certified. Each move names who may make it: setup
 * opens the count (or takes a round with no ballots back to fix its list); only the head of the
 * counting committee closes, reopens and certifies it.
 */
const MOVERS: Record<RoundState, Partial<Record<RoundState, readonly MemberRole[]>>> = {
  setup: { counting: ['setup', 'head'] },
  counting: { counted: ['head'], setup: ['setup', 'head'] },
  counted: { counting: ['head'], certified: ['head'] },
  certified: {},
};

export function canTransition(from: RoundState, to: RoundState): boolean {
  return MOVERS[from][to] !== undefined;
}

export function mayMove(role: MemberRole, from: RoundState, to: RoundState): boolean {
  return MOVERS[from][to]?.includes(role) ?? false;
}
