import { ballotStyleOf, placesOf } from './ballot-style.js';
import { problem, type Problem } from './problems.js';
import { checkRoundFigures, reconcileCounts } from './reconciliation.js';
import { ALTERNATES_METHODS, BODY_KINDS, type BallotStyle, type BodyFacts, type ElectionFacts, type ElectionRecord } from './record.js';
import { baseProblem } from './threshold.js';

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
  const base = baseProblem(congress, 'congress.');
  if (base) return base;
  if (record.body !== undefined) {
    const bodyProblem = checkBody(record.body);
    if (bodyProblem) return bodyProblem;
  }
  const seatsProblem = checkSeats(election);
  if (seatsProblem) return seatsProblem;
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
  const figures = checkRoundFigures({ issued: record.ballotsIssued, collected: null, present: record.body?.present ?? null });
  if (figures) return figures;
  if (record.reconciled !== false) {
    const { problems } = reconcileCounts({ entered: record.ballots.length, collected: record.ballotsCollected, issued: record.ballotsIssued }, { as: 'record' });
    if (problems.length > 0) return problems[0];
  }
  return { style };
}

/** A voting body other than the congress (rules.md, "Who votes"): its own members are the base. */
function checkBody(body: BodyFacts): Problem | null {
  if (!(BODY_KINDS as readonly string[]).includes(body.kind)) {
    return problem('body.kind', 'unknown_kind', `loại hội nghị "${String(body.kind)}" không hợp lệ`, `body.kind must be one of ${BODY_KINDS.join(', ')}`);
  }
  if (typeof body.name !== 'string' || body.name.trim() === '') {
    return problem('body.name', 'empty_name', 'tên hội nghị trống', 'the body has no name');
  }
  if (!isCount(body.convened) || body.convened < 1) {
    return problem('body.convened', 'out_of_range', 'số thành viên được triệu tập phải là số nguyên ≥ 1', 'body.convened must be a whole number ≥ 1');
  }
  if (!isCount(body.excluded)) {
    return problem('body.excluded', 'out_of_range', 'số được trừ phải là số nguyên ≥ 0', 'body.excluded must be a whole number ≥ 0');
  }
  const base = baseProblem(body, 'body.');
  if (base) return base;
  if (body.present !== undefined && (!isCount(body.present) || body.present > body.convened)) {
    return problem('body.present', 'out_of_range', `số có mặt phải là số nguyên từ 0 đến ${body.convened}`, `body.present must be a whole number from 0 to ${body.convened}`);
  }
  return null;
}

/**
 * Seats and alternates: an officials' ballot has seats ≥ 1; the alternates' own ballot (`fills:
 * "alternates"`) has seats 0 and alternates ≥ 1; a method for the alternates needs alternates.
 */
function checkSeats(election: ElectionFacts): Problem | null {
  const forAlternates = election.fills === 'alternates';
  if (election.fills !== undefined && election.fills !== 'officials' && !forAlternates) {
    return problem('election.fills', 'unknown_fills', 'fills phải là "officials" hoặc "alternates"', 'fills must be "officials" or "alternates"');
  }
  if (!isCount(election.seats) || (forAlternates ? election.seats !== 0 : election.seats < 1)) {
    return forAlternates
      ? problem('election.seats', 'out_of_range', 'phiếu bầu dự khuyết có số lượng chính thức là 0', 'the alternates\' ballot has seats 0')
      : problem('election.seats', 'out_of_range', 'số lượng bầu phải là số nguyên ≥ 1 (0 chỉ với fills: "alternates")', 'seats must be a whole number ≥ 1 (0 only with fills: "alternates")');
  }
  if (!isCount(election.alternates) || (forAlternates && election.alternates < 1)) {
    return forAlternates
      ? problem('election.alternates', 'out_of_range', 'phiếu bầu dự khuyết phải có số dự khuyết ≥ 1', 'the alternates\' ballot needs alternates ≥ 1')
      : problem('election.alternates', 'out_of_range', 'số dự khuyết phải là số nguyên ≥ 0', 'alternates must be a whole number ≥ 0');
  }
  if (election.alternatesMethod !== undefined) {
    if (!(ALTERNATES_METHODS as readonly string[]).includes(election.alternatesMethod)) {
      return problem('election.alternatesMethod', 'unknown_method', `cách bầu dự khuyết "${String(election.alternatesMethod)}" không hợp lệ`, `alternatesMethod must be one of ${ALTERNATES_METHODS.join(', ')}`);
    }
    if (election.alternates === 0) {
      return problem('election.alternatesMethod', 'no_alternates', 'chỉ đặt cách bầu dự khuyết khi có dự khuyết', 'alternatesMethod is only for an election with alternates');
    }
  }
  return null;
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
