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

/** Reasons that follow from the marks themselves (rules 2, 3): decided by the software. */
export const MARK_REASONS = ['too_many', 'all_struck'] as const;
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
}

export interface ElectionRecord {
  format: typeof RECORD_FORMAT;
  congress: CongressFacts;
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
  base: number;
  threshold: number;
  ballots: BallotCounts;
  candidates: CandidateResult[];
  /** Present (false) only when the record said the counts do not reconcile. */
  reconciled?: false;
}
