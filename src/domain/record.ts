/** The election record and result of ../shared/spec/election-record.md, as plain types. */

export const RECORD_FORMAT = 'kiemphieu/election-record@1';
export const RESULT_FORMAT = 'kiemphieu/election-result@1';

export const CONGRESS_KINDS = ['delegates', 'members'] as const;
export type CongressKind = (typeof CONGRESS_KINDS)[number];

export const ELECTION_KINDS = [
  'executive_committee',
  'standing_committee',
  'secretary',
  'deputy_secretary',
  'inspection_committee',
  'inspection_chair',
  'delegates',
  'other',
] as const;
export type ElectionKind = (typeof ELECTION_KINDS)[number];

/** Reasons the counting committee rules on when it reads the paper (rules 1, 4, 5). */
export const COMMITTEE_REASONS = ['not_issued', 'added_name', 'marked', 'other'] as const;
export type CommitteeReason = (typeof COMMITTEE_REASONS)[number];

/**
 * Reasons that follow from the marks themselves (rules 2, 3, 6): decided by the software.
 * `not_one_box`: a list of one name with both boxes marked, or neither (244-QĐ/TW Điều 17).
 */
export const MARK_REASONS = ['too_many', 'all_struck', 'not_one_box'] as const;
export type MarkReason = (typeof MARK_REASONS)[number];

export type InvalidReason = CommitteeReason | MarkReason;

export const MARKS = ['agree', 'disagree', 'none', 'both'] as const;
export type Mark = (typeof MARKS)[number];

export type StrikeBallot = { struck: number[] };
export type MarksBallot = { marks: Record<string, Mark> };
export type RuledInvalidBallot = { invalid: CommitteeReason };
export type Ballot = StrikeBallot | MarksBallot | RuledInvalidBallot;

export type BallotStyle = 'strike' | 'agree_disagree';

export interface Candidate {
  no: number;
  name: string;
}

/** Who holds an election (rules.md, "Who votes"): the congress, or a first conference of a new committee. */
export const BODY_KINDS = ['congress', 'committee_conference', 'inspection_conference'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

/** The voting body of an election that is not the congress's own: its base is its own members. */
export interface BodyFacts {
  kind: BodyKind;
  name: string;
  convened: number;
  excluded: number;
  excludedReason?: string;
  /** Members present at the time of the vote; ballots issued cannot exceed it. Not the base. */
  present?: number;
}

/**
 * Delegation alternates (Điều 18): `separate` elects the officials on one ballot and the alternates on
 * their own; `one_ballot` keeps officials and alternates on one ballot, officials first by votes.
 */
export const ALTERNATES_METHODS = ['separate', 'one_ballot'] as const;
export type AlternatesMethod = (typeof ALTERNATES_METHODS)[number];

export interface CongressFacts {
  name: string;
  kind: CongressKind;
  convened: number;
  excluded: number;
}

export interface ElectionFacts {
  title: string;
  kind: ElectionKind;
  seats: number;
  alternates: number;
  round: number;
  /** Only with alternates > 0; absent means `one_ballot` (format @1 as first published). */
  alternatesMethod?: AlternatesMethod;
  /** `alternates`: the alternates' own ballot (seats 0, alternates k). Absent: the official seats. */
  fills?: 'officials' | 'alternates';
}

export interface ElectionRecord {
  format: typeof RECORD_FORMAT;
  congress: CongressFacts;
  /** Absent: the congress itself holds the election. */
  body?: BodyFacts;
  election: ElectionFacts;
  candidates: Candidate[];
  ballotsIssued: number;
  ballotsCollected: number;
  ballots: Ballot[];
  /** false: the counts do not reconcile and the committee counts anyway; the result says so. */
  reconciled?: boolean;
}

export type CandidateStatus = 'elected' | 'alternate' | 'tied' | 'not_elected';
export type Outcome = 'complete' | 'tie' | 'unfilled' | 'alternates_unfilled';

export interface CandidateResult {
  no: number;
  name: string;
  votes: number;
  percentOfBase: string;
  status: CandidateStatus;
  /** 1 = most votes; equal votes share a rank (1, 2, 2, 4). */
  rank: number;
}

export interface BallotCounts {
  issued: number;
  collected: number;
  valid: number;
  invalid: number;
  invalidByReason: Partial<Record<InvalidReason, number>>;
}

/** Who is elected, who is an alternate, who is tied and what stays unfilled: candidate numbers. */
export interface SeatAllocation {
  elected: number[];
  alternates: number[];
  tied: number[];
  seatsAtStake: number;
  unfilledSeats: number;
  unfilledAlternates: number;
  outcome: Outcome;
}

export interface ElectionResult extends SeatAllocation {
  format: typeof RESULT_FORMAT;
  /** Present when the record names a voting body: the base below is that body's. */
  body?: { kind: BodyKind; name: string; base: number };
  base: number;
  threshold: number;
  ballots: BallotCounts;
  candidates: CandidateResult[];
  /** Present (false) only when the record said the counts do not reconcile. */
  reconciled?: false;
}
