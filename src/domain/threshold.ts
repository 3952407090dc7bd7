import { problem, type Problem } from './problems.js';

/**
 * The majority rule (Quy chế bầu cử trong Đảng, Điều 30): elected only with more than half of the
 * convened base. Decided in integers; percentages are for display and never compared.
 */

export function baseOf(congress: { convened: number; excluded: number }): number {
  return congress.convened - congress.excluded;
}

/**
 * The base must be at least 1 (a count with no one to be more than half of elects nobody): the one
 * check for the congress, a voting body and a record. `prefix` names where the figures are
 * ('congress.', 'body.', or '' for a request).
 */
export function baseProblem(facts: { convened: number; excluded: number }, prefix = ''): Problem | null {
  if (baseOf(facts) >= 1) return null;
  const named = prefix === 'congress.' ? '' : prefix;
  return problem(`${prefix}excluded`, 'base_below_one', `số được trừ (${facts.excluded}) phải nhỏ hơn số triệu tập (${facts.convened})`, `${named}excluded (${facts.excluded}) must be less than ${named}convened (${facts.convened}): the base must be ≥ 1`);
}

/**
 * The base of an election (rules.md, "Who votes"): its voting body's convened − excluded when a body
 * other than the congress holds it (a 15-member committee electing its standing committee: base 15),
 * else the congress's.
 */
export function baseOfRecord(record: {
  congress: { convened: number; excluded: number };
  body?: { convened: number; excluded: number };
}): number {
  return baseOf(record.body ?? record.congress);
}

/** The fewest votes that are more than half of the base: 2 × votes > base. */
export function thresholdOf(base: number): number {
  return Math.floor(base / 2) + 1;
}

export function isOverThreshold(votes: number, base: number): boolean {
  return 2 * votes > base;
}

/** votes / base × 100, two decimals, half up, as a string; integer arithmetic, no float rounding. */
export function percentOfBase(votes: number, base: number): string {
  const hundredths = Math.floor((votes * 20000 + base) / (2 * base));
  const whole = Math.floor(hundredths / 100);
  const fraction = hundredths % 100;
  return `${whole}.${fraction < 10 ? '0' : ''}${fraction}`;
}

/**
 * Over the threshold yet not elected: every seat went to more votes (or the last ones to a tie). The
 * minutes and the projector say why ("quá một nửa nhưng không trúng cử do đã đủ số lượng").
 */
export function overHalfWithoutSeat(candidate: { status: string; votes: number }, base: number): boolean {
  return candidate.status === 'not_elected' && isOverThreshold(candidate.votes, base);
}
