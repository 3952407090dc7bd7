import type { SignedResultFile } from '../results-file/format.js';

/**
 * Who voted in a round, as the minutes state it: the congress, or a conference of a new committee
 * (rules.md, "Who votes"), with its convened, excluded (and why), base, and members present and
 * absent at the vote (null: not recorded, the minutes leave a line to fill by hand).
 */
export interface VotingBodyView {
  kind: 'congress' | 'conference';
  name: string;
  /** "đại biểu", "đảng viên" or "ủy viên": who the body's members are. */
  members: string;
  convened: number;
  excluded: number;
  excludedReason: string;
  base: number;
  present: number | null;
  absent: number | null;
}

export function votingBodyOf(file: SignedResultFile): VotingBodyView {
  const { record, result, certification } = file;
  const body = record.body;
  const conference = body !== undefined && body.kind !== 'congress';
  const convened = body?.convened ?? record.congress.convened;
  // A conference's attendance is its record's; the congress's own, the certification's.
  const present = body ? (body.present ?? null) : (certification.present ?? null);
  return {
    kind: conference ? 'conference' : 'congress',
    name: body?.name ?? record.congress.name,
    members: conference ? 'ủy viên' : record.congress.kind === 'delegates' ? 'đại biểu' : 'đảng viên',
    convened,
    excluded: body?.excluded ?? record.congress.excluded,
    excludedReason: body ? (body.excludedReason ?? '') : certification.congress.excludedReason,
    base: result.base,
    present,
    absent: present === null ? null : convened - present,
  };
}
