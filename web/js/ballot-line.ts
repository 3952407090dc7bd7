import {
  ballotStyleOf,
  classifyBallot,
  placesOf,
  type Ballot,
  type BallotSeats,
  type BallotStyle,
  type BallotVerdict,
  type Candidate,
  type CommitteeReason,
  type Mark,
  type Problem,
} from '../../src/domain/index.js';

/**
 * What the clerk types for one ballot, read into a ballot. Strike style: the numbers of the struck
 * names, separated by spaces (`3 12`), or `*` for every name struck. Agree/disagree style: a number
 * followed by its mark (`2-`), a mark alone for every name not given (`+` = all agree).
 * A committee ruling (one key each) replaces the marks. The verdict is the domain's own.
 */

export const RULING_KEYS: Readonly<Record<string, CommitteeReason>> = { p: 'not_issued', t: 'added_name', d: 'marked', k: 'other' };
export const MARK_KEYS: Readonly<Record<string, Mark>> = { '+': 'agree', '-': 'disagree', '*': 'both', '.': 'none' };
export const ALL_STRUCK = '*';

export interface BallotList extends BallotSeats {
  candidates: Candidate[];
}

export interface LineReading {
  /** null while the line cannot be saved (see problem). */
  ballot: Ballot | null;
  verdict: BallotVerdict | null;
  problem: Problem | null;
  /** Strike style: the names struck as typed so far (the last number too, while it is typed). */
  struck: ReadonlySet<number>;
  /** Agree/disagree style: the mark of each name. */
  marks: ReadonlyMap<number, Mark>;
  /** Nothing typed: saved only after a second Enter, so a stray Enter is not a ballot. */
  empty: boolean;
}

export function styleOf(list: BallotList): BallotStyle | null {
  return ballotStyleOf(list.candidates.length, placesOf(list));
}

/** Characters the line accepts in each style; anything else is a command key or refused. */
export function acceptsChar(style: BallotStyle, ch: string): boolean {
  return /^[0-9 ]$/u.test(ch) || (style === 'strike' ? ch === ALL_STRUCK : ch in MARK_KEYS);
}

/**
 * After a digit: is the number complete, with no longer candidate number starting with it? Then
 * the line moves on by itself (a space is added), so `3` needs no space on a list of 17.
 */
export function numberComplete(digits: string, highest: number): boolean {
  const n = Number(digits);
  return digits !== '' && n >= 1 && n * 10 > highest;
}

const incomplete = (vi: string, en: string): Problem => ({ field: 'ballot', code: 'incomplete', vi, en });

type Shown = Pick<LineReading, 'struck' | 'marks' | 'empty'>;

function judged(ballot: Ballot, list: BallotList, shown: Shown): LineReading {
  const verdict = classifyBallot(ballot, list);
  return verdict.ok ? { ...shown, ballot, verdict: verdict.value, problem: null } : { ...shown, ballot: null, verdict: null, problem: verdict.error };
}

const unsaveable = (problem: Problem, shown: Shown): LineReading => ({ ...shown, ballot: null, verdict: null, problem });

export function readRuling(reason: CommitteeReason, list: BallotList): LineReading {
  return judged({ invalid: reason }, list, { struck: new Set(), marks: new Map(), empty: false });
}

export function readLine(text: string, list: BallotList): LineReading {
  const style = styleOf(list);
  const empty = text.trim() === '';
  if (style === null) return unsaveable(incomplete('danh sách ít hơn số cần bầu', 'the list has fewer candidates than places'), { struck: new Set(), marks: new Map(), empty });
  return style === 'strike' ? readStrikes(text, list, empty) : readMarks(text, list, empty);
}

function readStrikes(text: string, list: BallotList, empty: boolean): LineReading {
  const tokens = text.trim().split(/\s+/u).filter((t) => t !== '');
  if (tokens.includes(ALL_STRUCK)) {
    const all = list.candidates.map((c) => c.no);
    const shown = { struck: new Set(all), marks: new Map(), empty };
    if (tokens.length > 1) return unsaveable(incomplete('"*" (gạch hết) không đi cùng số khác', '"*" (all struck) goes alone'), shown);
    return judged({ struck: all }, list, shown);
  }
  const numbers = tokens.map(Number);
  return judged({ struck: numbers }, list, { struck: new Set(numbers), marks: new Map(), empty });
}

function readMarks(text: string, list: BallotList, empty: boolean): LineReading {
  const given = new Map<number, Mark>();
  let rest: Mark | null = null;
  const compact = text.replace(/\s+/gu, '');
  const pattern = /(\d*)([+\-*.])/gy;
  let at = 0;
  for (let m = pattern.exec(compact); m; m = pattern.exec(compact)) {
    at = pattern.lastIndex;
    const mark = MARK_KEYS[m[2]];
    if (m[1] === '') rest = mark;
    else given.set(Number(m[1]), mark);
  }
  const marks = new Map(given);
  if (rest) for (const c of list.candidates) if (!marks.has(c.no)) marks.set(c.no, rest);
  const shown = { struck: new Set<number>(), marks, empty };
  if (at < compact.length) {
    const left = compact.slice(at);
    return unsaveable(incomplete(`số ${left} chưa có dấu: + đồng ý, - không đồng ý`, `number ${left} has no mark yet: + agree, - disagree`), shown);
  }
  return judged({ marks: Object.fromEntries([...marks].map(([no, mark]) => [String(no), mark])) }, list, shown);
}
