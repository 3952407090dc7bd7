import { isOneNameList } from './ballot-style.js';
import { problem, type Problem } from './problems.js';
import type { Ballot, BallotStyle, Candidate, InvalidReason, Mark } from './record.js';
import { COMMITTEE_REASONS, MARKS } from './record.js';

export type InvalidCounts = Record<InvalidReason, number>;

export interface BallotCounter {
  /**
   * Counts one ballot; a ballot that is not a ballot of this list is a problem and counts nothing.
   * The problem's field is a path inside the ballot ('' for the ballot itself, `struck[1]`, `marks`):
   * the caller knows where the ballot sits, and naming it only on a problem keeps the count lean.
   */
  add(ballot: Ballot): Problem | null;
  valid(): number;
  invalidByReason(): InvalidCounts;
  /** Votes per candidate, in list order. */
  votes(): number[];
}

const emptyInvalid = (): InvalidCounts => ({
  too_many: 0,
  all_struck: 0,
  not_one_box: 0,
  not_issued: 0,
  added_name: 0,
  marked: 0,
  other: 0,
});

/** Offsets of a candidate's two cells in the counter's array (see createBallotCounter). */
const STAMP = 0;
const TALLY = 1;

const committeeReasons: ReadonlySet<string> = new Set(COMMITTEE_REASONS);
const marks: ReadonlySet<string> = new Set(MARKS);

/**
 * Classifies and counts ballots of one list (rules.md, "Valid and invalid ballots"):
 * strike style: more names kept than places is `too_many`, none kept is `all_struck`;
 * agree/disagree style: valid unless ruled invalid; an agree is a vote, both/none is not; but on a list
 * of one name, a ballot without exactly one of the two boxes marked is `not_one_box` (rule 6).
 * One pass, no allocation per ballot: a stamp (the serial of the last ballot that struck a number)
 * catches a number struck twice. Tallies are indexed by candidate number (the list is numbered 1..N,
 * checked before counting).
 */
export function createBallotCounter(candidates: Candidate[], style: BallotStyle, places: number): BallotCounter {
  const n = candidates.length;
  const oneName = style === 'agree_disagree' && isOneNameList(n, places);
  // Marks are keyed by the candidate number as a string; only a list without surplus takes marks.
  const numberOfKey = new Map(style === 'agree_disagree' ? candidates.map((c) => [String(c.no), c.no]) : []);
  // Two cells per candidate number, side by side: [STAMP] the serial of the last ballot that struck it;
  // [TALLY] strike style: struck on valid ballots, agree style: agrees. One array rather than a stamp
  // array and a tally array: V8 compiles a loop over one typed array to less work per struck name
  // (measured on the national bench record: about a third less time than with two).
  const cells = new Int32Array(2 * (n + 1));
  const tallyOf = (no: number): number => cells[2 * no + TALLY];
  const invalid = emptyInvalid();
  let valid = 0;
  let serial = 0;

  const wrongStyle = (): Problem =>
    style === 'strike'
      ? problem('', 'wrong_style', 'danh sách có số dư: phiếu phải ghi các tên bị gạch (struck)', 'a list with surplus takes struck names ("struck"), not marks')
      : problem('', 'wrong_style', 'danh sách không có số dư: phiếu phải ghi đồng ý/không đồng ý (marks)', 'a list without surplus takes agree/disagree marks ("marks"), not struck names');

  const unknown = (field: string, value: unknown): Problem =>
    problem(field, 'unknown_candidate', `không có ứng cử viên số ${String(value)} trong danh sách (1–${n})`, `candidate ${String(value)} is not on the list (1–${n})`);

  function addStrike(struck: number[]): Problem | null {
    const refused = countStrikes(cells, struck, ++serial, n);
    if (refused >= 0) {
      const no = struck[refused];
      if (!isOnList(no, n)) return unknown(`struck[${refused}]`, no);
      return problem(`struck[${refused}]`, 'struck_twice', `số ${no} bị ghi hai lần`, `number ${no} is struck twice`);
    }
    const kept = n - struck.length;
    if (kept >= 1 && kept <= places) {
      valid++;
      return null;
    }
    // Not a valid ballot: it counts for no one.
    takeBack(cells, struck, struck.length);
    if (kept === 0) invalid.all_struck++;
    else invalid.too_many++;
    return null;
  }

  function addMarks(ballotMarks: Record<string, Mark>): Problem | null {
    for (const key in ballotMarks) {
      if (!numberOfKey.has(key)) return unknown('marks', key);
      const mark = ballotMarks[key];
      if (!marks.has(mark)) {
        return problem(`marks.${key}`, 'unknown_mark', `dấu "${String(mark)}" không hợp lệ (agree, disagree, none, both)`, `mark "${String(mark)}" is not one of agree, disagree, none, both`);
      }
    }
    if (oneName) {
      const mark = ballotMarks[String(candidates[0].no)];
      if (mark !== 'agree' && mark !== 'disagree') {
        invalid.not_one_box++;
        return null;
      }
    }
    valid++;
    for (const key in ballotMarks) if (ballotMarks[key] === 'agree') cells[2 * numberOfKey.get(key)! + TALLY]++;
    return null;
  }

  function add(ballot: Ballot): Problem | null {
    if (ballot === null || typeof ballot !== 'object') {
      return problem('', 'not_a_ballot', 'không phải là một phiếu', 'not a ballot');
    }
    const { struck, marks: ballotMarks, invalid: reason } = ballot as Partial<{ struck: number[]; marks: Record<string, Mark>; invalid: string }>;
    const kinds = (struck !== undefined ? 1 : 0) + (ballotMarks !== undefined ? 1 : 0) + (reason !== undefined ? 1 : 0);
    if (kinds !== 1) {
      return problem('', 'not_a_ballot', 'phiếu phải có đúng một trong: struck, marks, invalid', 'a ballot has exactly one of struck, marks, invalid');
    }
    if (reason !== undefined) {
      if (!committeeReasons.has(reason)) {
        return problem('invalid', 'unknown_reason', `lý do "${String(reason)}" không hợp lệ`, `reason "${String(reason)}" is not one of ${COMMITTEE_REASONS.join(', ')}`);
      }
      invalid[reason as keyof InvalidCounts]++;
      return null;
    }
    if (struck !== undefined) {
      if (style !== 'strike') return wrongStyle();
      if (!Array.isArray(struck)) return problem('struck', 'not_a_list', 'phải là danh sách số', 'must be a list of numbers');
      return addStrike(struck);
    }
    if (style !== 'agree_disagree') return wrongStyle();
    if (ballotMarks === null || typeof ballotMarks !== 'object' || Array.isArray(ballotMarks)) {
      return problem('marks', 'not_marks', 'phải là bảng đánh dấu theo số', 'must be an object of marks by number');
    }
    return addMarks(ballotMarks);
  }

  return {
    add,
    valid: () => valid,
    invalidByReason: () => ({ ...invalid }),
    votes: () => candidates.map((c) => (style === 'strike' ? valid - tallyOf(c.no) : tallyOf(c.no))),
  };
}

const isOnList = (no: number, n: number): boolean => no >= 1 && no <= n && Number.isInteger(no);

/**
 * Counts one ballot's strikes into `cells` as they are checked, stamping each with the ballot's
 * serial. Returns -1, or the index of the first strike that is not a number on the list (1..n) or is
 * struck twice on this ballot; then the strikes before it are taken back and nothing counts.
 * A plain function of its arguments rather than a closure over the counter: this loop runs once per
 * struck name, and V8 compiles it tighter so (measured: a few per cent).
 */
function countStrikes(cells: Int32Array, struck: number[], serial: number, n: number): number {
  for (let j = 0; j < struck.length; j++) {
    const no = struck[j];
    const at = 2 * no;
    if (!isOnList(no, n) || cells[at + STAMP] === serial) {
      takeBack(cells, struck, j);
      return j;
    }
    cells[at + STAMP] = serial;
    cells[at + TALLY]++;
  }
  return -1;
}

/** Takes back the first `count` strikes of a ballot. */
function takeBack(cells: Int32Array, struck: number[], count: number): void {
  for (let k = 0; k < count; k++) cells[2 * struck[k] + TALLY]--;
}
