import type { Certification } from '../../src/db/store/certification.js';
import type { DisplayTally } from '../../src/db/store/display.js';
import type { EntrySummary, PileLine, PileStatus } from '../../src/db/store/pile-status.js';
import type { SecondCount } from '../../src/db/store/second-count.js';
import type { ElectionOutcome } from '../../src/db/store/records.js';
import type { BallotSeats, Body, Congress, Election, ListCheck, Member, MemberRole, Round, RoundCandidate } from '../../src/domain/index.js';

/** The API's answers, as the pages read them (types only: nothing of the server is loaded). */
export type { Body, Congress, DisplayTally, Election, ElectionOutcome, Member, MemberRole, Round, RoundCandidate };
export type ElectionWithRounds = Election & { rounds: Round[] };
/** GET /api/rounds/:id: the round, its list, its body and what its ballot keeps. */
export type RoundDetail = Round & { candidates: RoundCandidate[]; listCheck: ListCheck; body: Body; ballot: BallotSeats };
export interface SessionInfo {
  member: Member;
  csrfToken: string;
}
/** GET /api/rounds/:id/certification: who certified, when, the decision and the codes on the minutes. */
export type CertificationInfo = Omit<Certification, 'text' | 'file'> & {
  shortCode: string;
  certifiedBy: { name: string; role: MemberRole };
  keyShortCode: string;
};

/** GET /api/rounds/:id/entry: the mode, the piles and reconciliation (double entry), why the count cannot close. */
export type EntryOverview = EntrySummary & { secondCount: SecondCount | null; blocker: { code: string; vi: string; en: string } | null };
export type DoubleEntryOverview = Extract<EntryOverview, { mode: 'double' }>;
export type { PileLine, PileStatus };
