import { ballotStyleOf, placesOf } from './ballot-style.js';
import { problem, type Problem } from './problems.js';
import type { BallotStyle, ElectionRecord } from './record.js';
import { baseOf } from './threshold.js';

const isCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/**
 * Checks everything about a record except its ballots (those are checked as they are counted).
 * Returns the ballot style, or the first problem that makes the record uncountable.
 */
export function checkRecordFrame(record: ElectionRecord): { style: BallotStyle } | Problem {
  const { congress, election, candidates } = record;
  if (!isCount(congress.convened) || congress.convened < 1) {
    return problem('congress.convened', 'out_of_range', 'số đại biểu được triệu tập phải là số nguyên ≥ 1', 'convened must be a whole number ≥ 1');
  }
  if (!isCount(congress.excluded)) {
    return problem('congress.excluded', 'out_of_range', 'số được trừ phải là số nguyên ≥ 0', 'excluded must be a whole number ≥ 0');
  }
  if (baseOf(congress) < 1) {
    return problem('congress.excluded', 'base_below_one', `số được trừ (${congress.excluded}) phải nhỏ hơn số triệu tập (${congress.convened})`, `excluded (${congress.excluded}) must be less than convened (${congress.convened}): the base must be ≥ 1`);
  }
  if (!isCount(election.seats) || election.seats < 1) {
    return problem('election.seats', 'out_of_range', 'số lượng bầu phải là số nguyên ≥ 1', 'seats must be a whole number ≥ 1');
  }
  if (!isCount(election.alternates)) {
    return problem('election.alternates', 'out_of_range', 'số dự khuyết phải là số nguyên ≥ 0', 'alternates must be a whole number ≥ 0');
  }
  if (!isCount(election.round) || election.round < 1) {
    return problem('election.round', 'out_of_range', 'vòng bầu phải là số nguyên ≥ 1', 'round must be a whole number ≥ 1');
  }
  const listProblem = checkNumbering(candidates);
  if (listProblem) return listProblem;
  const places = placesOf(election);
  const style = ballotStyleOf(candidates.length, places);
  if (style === null) {
    return problem('candidates', 'too_few_candidates', `danh sách có ${candidates.length} người, ít hơn số cần bầu (${places})`, `the list has ${candidates.length} candidates, fewer than the ${places} places to fill`);
  }
  if (!isCount(record.ballotsIssued)) {
    return problem('ballotsIssued', 'out_of_range', 'số phiếu phát ra phải là số nguyên ≥ 0', 'ballotsIssued must be a whole number ≥ 0');
  }
  if (!isCount(record.ballotsCollected)) {
    return problem('ballotsCollected', 'out_of_range', 'số phiếu thu vào phải là số nguyên ≥ 0', 'ballotsCollected must be a whole number ≥ 0');
  }
  if (record.reconciled !== false) {
    if (record.ballots.length !== record.ballotsCollected) {
      return problem('ballots', 'not_reconciled', `có ${record.ballots.length} phiếu nhưng số phiếu thu vào là ${record.ballotsCollected}`, `${record.ballots.length} ballots listed but ballotsCollected is ${record.ballotsCollected}`);
    }
    if (record.ballotsCollected > record.ballotsIssued) {
      return problem('ballotsCollected', 'not_reconciled', `số phiếu thu vào (${record.ballotsCollected}) lớn hơn số phiếu phát ra (${record.ballotsIssued})`, `ballotsCollected (${record.ballotsCollected}) exceeds ballotsIssued (${record.ballotsIssued})`);
    }
  }
  return { style };
}

/** Candidate numbers are the printed numbers 1..N, each once; names are not empty. */
export function checkNumbering(candidates: { no: number; name: string }[]): Problem | null {
  if (candidates.length === 0) {
    return problem('candidates', 'empty_list', 'danh sách ứng cử viên trống', 'the candidate list is empty');
  }
  const seen = new Uint8Array(candidates.length + 1); // by number: 1 once seen
  for (let i = 0; i < candidates.length; i++) {
    const { no, name } = candidates[i];
    if (!Number.isSafeInteger(no) || no < 1 || no > candidates.length) {
      return problem(`candidates[${i}].no`, 'out_of_range', `số thứ tự ${no} phải từ 1 đến ${candidates.length}`, `number ${no} must be between 1 and ${candidates.length}`);
    }
    if (seen[no] === 1) {
      return problem(`candidates[${i}].no`, 'duplicate_number', `số thứ tự ${no} bị trùng`, `number ${no} appears twice`);
    }
    seen[no] = 1;
    if (name.trim() === '') {
      return problem(`candidates[${i}].name`, 'empty_name', 'họ tên trống', 'the name is empty');
    }
  }
  return null;
}
