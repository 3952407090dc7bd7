import { placesOf, type BallotSeats } from './ballot-style.js';
import { problem, type Problem } from './problems.js';
import { reconcileCounts } from './reconciliation.js';
import type { Ballot, Mark } from './record.js';

/**
 * Double entry, as serious counting rooms do it (after Kiesraad Abacus): the ballots are counted in
 * numbered piles; each pile is typed twice, independently, by two members; the two entries are
 * compared ballot by ballot (by position in the pile) and every difference is settled by the head
 * reading the paper. The software never guesses which entry is right.
 */

export const ENTRY_MODES = ['single', 'double'] as const;
export type EntryMode = (typeof ENTRY_MODES)[number];

export const PASSES = [1, 2] as const;
export type Pass = (typeof PASSES)[number];

/**
 * Double entry by default where a ballot keeps many names; single entry where it keeps one (a
 * secretary; the officials' ballot of one seat under the `separate` alternates method; one alternate
 * on its own ballot). The places are the ballot's own (placesOf), not the election's seats + alternates.
 */
export function defaultEntryMode(list: BallotSeats): EntryMode {
  return placesOf(list) > 1 ? 'double' : 'single';
}

/**
 * A round's entry mode: the one chosen for it; else, for a ballot that keeps one name (a secretary,
 * a one-seat re-vote), single entry, always (docs/entry.md, "Entry mode, per round"); else the one
 * the committee chose for the nearest earlier round of the same election (its choice holds for the
 * election); else double entry, the default where a ballot keeps many names.
 */
export function roundEntryMode(input: { round: BallotSeats; chosen: EntryMode | null; chosenBefore: readonly (EntryMode | null)[] }): EntryMode {
  if (input.chosen) return input.chosen;
  if (defaultEntryMode(input.round) === 'single') return 'single';
  return input.chosenBefore.find((mode) => mode !== null) ?? 'double';
}

const markOf = (marks: Record<string, Mark>, key: string): Mark => marks[key] ?? 'none';

/** Whether two entries say the same about the paper: struck names as a set, a missing mark as "none". */
export function sameBallot(a: Ballot | null, b: Ballot | null): boolean {
  if (a === null || b === null) return a === b;
  if ('invalid' in a || 'invalid' in b) return 'invalid' in a && 'invalid' in b && a.invalid === b.invalid;
  if ('struck' in a || 'struck' in b) {
    if (!('struck' in a && 'struck' in b)) return false;
    const left = new Set(a.struck);
    const right = new Set(b.struck);
    return left.size === right.size && [...left].every((no) => right.has(no));
  }
  const keys = new Set([...Object.keys(a.marks), ...Object.keys(b.marks)]);
  return [...keys].every((key) => markOf(a.marks, key) === markOf(b.marks, key));
}

/** One pass over a pile: the ballots typed, by position in the pile (1 = the first ballot). */
export type PassBallots = ReadonlyMap<number, Ballot>;

/** Where the two entries of a pile disagree; null: that pass has no ballot at this position. */
export interface Difference {
  position: number;
  first: Ballot | null;
  second: Ballot | null;
}

/** Every position where the passes disagree, in pile order. */
export function compareEntries(first: PassBallots, second: PassBallots): Difference[] {
  const positions = [...new Set([...first.keys(), ...second.keys()])].sort((a, b) => a - b);
  const differences: Difference[] = [];
  for (const position of positions) {
    const a = first.get(position) ?? null;
    const b = second.get(position) ?? null;
    if (!sameBallot(a, b)) differences.push({ position, first: a, second: b });
  }
  return differences;
}

/**
 * The head's ruling on one difference, made with the paper ballot in hand. It settles exactly the
 * difference it was made for: if either entry at that position changes afterwards, it no longer applies.
 */
export interface Resolution {
  position: number;
  first: Ballot | null;
  second: Ballot | null;
  ballot: Ballot;
}

/** What a pile still waits for before it counts. */
export type Waiting =
  | { for: 'pass'; pass: Pass; entered: number; declared: number }
  | { for: 'resolution'; unresolved: number };

export interface PileEntries<R extends Resolution> {
  number: number;
  declared: number;
  first: PassBallots;
  second: PassBallots;
  /** In the order made: a later ruling on the same difference replaces an earlier one. */
  resolutions: R[];
}

export interface PileSettlement<R extends Resolution> {
  number: number;
  declared: number;
  entered: { first: number; second: number };
  /** Listed once both passes are complete, each with the ruling that settles it, if any. */
  differences: (Difference & { resolution: R | null })[];
  waitingFor: Waiting[];
  /** The ballots that count, in pile order: only when both passes agree or every difference is ruled on. */
  ballots: Ballot[] | null;
}

/** A pass is complete when it holds exactly one ballot at every position 1..declared. */
function isComplete(pass: PassBallots, declared: number): boolean {
  if (pass.size !== declared) return false;
  for (let position = 1; position <= declared; position++) if (!pass.has(position)) return false;
  return true;
}

/** Where a pile stands: what it waits for, its differences and rulings, and the ballots that count. */
export function settlePile<R extends Resolution>(pile: PileEntries<R>): PileSettlement<R> {
  const { declared, first, second } = pile;
  const waitingFor: Waiting[] = [];
  if (!isComplete(first, declared)) waitingFor.push({ for: 'pass', pass: 1, entered: first.size, declared });
  if (!isComplete(second, declared)) waitingFor.push({ for: 'pass', pass: 2, entered: second.size, declared });
  const entered = { first: first.size, second: second.size };
  if (waitingFor.length > 0) return { number: pile.number, declared, entered, differences: [], waitingFor, ballots: null };

  const differences = compareEntries(first, second).map((d) => {
    const resolution = pile.resolutions.findLast((r) => r.position === d.position && sameBallot(r.first, d.first) && sameBallot(r.second, d.second)) ?? null;
    return { ...d, resolution };
  });
  const unresolved = differences.filter((d) => d.resolution === null).length;
  if (unresolved > 0) return { number: pile.number, declared, entered, differences, waitingFor: [{ for: 'resolution', unresolved }], ballots: null };

  const ruled = new Map(differences.map((d) => [d.position, (d.resolution as R).ballot]));
  const ballots: Ballot[] = [];
  for (let position = 1; position <= declared; position++) ballots.push(ruled.get(position) ?? (first.get(position) as Ballot));
  return { number: pile.number, declared, entered, differences, waitingFor: [], ballots };
}

/** What a pile waits for, in words: for the entry page, and for the message that blocks closing the count. */
export function waitingText(pileNumber: number, waiting: Waiting): { vi: string; en: string } {
  if (waiting.for === 'resolution') {
    return {
      vi: `xấp phiếu số ${pileNumber}: còn ${waiting.unresolved} chỗ khác nhau giữa hai lần nhập chờ Trưởng ban đối chiếu phiếu giấy`,
      en: `pile ${pileNumber}: ${waiting.unresolved} difference(s) between the two entries await the head's ruling on the paper ballot`,
    };
  }
  const { pass, entered, declared } = waiting;
  if (entered === 0) {
    return { vi: `xấp phiếu số ${pileNumber}: chưa nhập lần ${pass} (${declared} phiếu)`, en: `pile ${pileNumber}: entry ${pass} not started (${declared} ballots)` };
  }
  if (entered > declared) {
    return {
      vi: `xấp phiếu số ${pileNumber}: lần nhập ${pass} có ${entered} phiếu, nhiều hơn ${declared} phiếu đã khai`,
      en: `pile ${pileNumber}: entry ${pass} holds ${entered} ballots, more than the ${declared} declared`,
    };
  }
  return {
    vi: `xấp phiếu số ${pileNumber}: lần nhập ${pass} mới có ${entered}/${declared} phiếu`,
    en: `pile ${pileNumber}: entry ${pass} has ${entered} of ${declared} ballots`,
  };
}

export interface EntryReconciliation {
  piles: number;
  settledPiles: number;
  /** The sum of the piles' declared counts: what the committee says it collected, pile by pile. */
  declared: number;
  collected: number | null;
  issued: number | null;
  /** Ballots typed at least once: per pile, the further of its two entries (progress, not a count). */
  typed: number;
  /** Ballots that count now: those of settled piles. */
  counted: number;
  differences: number;
  resolvedDifferences: number;
  unresolvedDifferences: number;
  /** Why the count cannot close yet, each naming the pile or the figure; empty when reconciled. */
  problems: Problem[];
  reconciled: boolean;
}

/**
 * The round's reconciliation under double entry: every pile settled (both entries complete,
 * differences ruled on); collected = the sum of the piles; collected ≤ issued.
 */
export function reconcileRound<R extends Resolution>(input: { piles: PileSettlement<R>[]; collected: number | null; issued: number | null }): EntryReconciliation {
  const { piles, collected, issued } = input;
  const problems: Problem[] = [];
  if (piles.length === 0) problems.push(problem('piles', 'no_piles', 'chưa khai xấp phiếu nào', 'no pile has been declared yet'));
  for (const pile of piles) {
    for (const waiting of pile.waitingFor) {
      const text = waitingText(pile.number, waiting);
      problems.push(problem(`piles[${pile.number}]`, waiting.for === 'pass' ? 'pile_incomplete' : 'pile_unresolved', text.vi, text.en));
    }
  }
  const declared = piles.reduce((sum, p) => sum + p.declared, 0);
  // With no pile yet, "no pile" says it all: the piles' sum is not compared with the ballots collected.
  const counts = reconcileCounts({ entered: piles.length > 0 ? declared : (collected ?? 0), collected, issued }, { as: 'piles' });
  problems.push(...counts.problems);
  const all = piles.flatMap((p) => p.differences);
  const resolved = all.filter((d) => d.resolution !== null).length;
  const settled = piles.filter((p) => p.ballots !== null);
  return {
    piles: piles.length,
    settledPiles: settled.length,
    declared,
    collected,
    issued,
    typed: piles.reduce((sum, p) => sum + Math.max(p.entered.first, p.entered.second), 0),
    counted: settled.reduce((sum, p) => sum + p.declared, 0),
    differences: all.length,
    resolvedDifferences: resolved,
    unresolvedDifferences: all.length - resolved,
    problems,
    reconciled: problems.length === 0,
  };
}
