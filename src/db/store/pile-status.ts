import {
  defaultEntryMode,
  reconcileRound,
  settlePile,
  waitingText,
  type Ballot,
  type EntryMode,
  type EntryReconciliation,
  type Pass,
  type PassBallots,
  type PileRuling,
  type PileSettlement,
  type Round,
  type Waiting,
} from '../../domain/index.js';
import type { DB } from '../connection.js';
import { refusal, type Refusal } from '../refusal.js';
import { toPile, toPileEntry, toPileRuling, toRound } from '../rows.js';
import { countedBallots } from './ballots.js';

/** Reading where double entry stands: modes, piles, their settlement, and the ballots that count. */

/**
 * The round's entry mode as chosen, or else: a ballot that keeps one name is typed once (README, "Entry
 * mode"), a one-seat re-vote too; a later round keeping many names keeps the mode of the round before it
 * (the committee chose it for the election); a first round has double entry when more than one name is kept.
 */
export async function entryModeOf(db: DB, round: Round): Promise<EntryMode> {
  const row = await db.selectFrom('round_entry_mode').select('mode').where('round_id', '=', round.id).executeTakeFirst();
  if (row) return row.mode as EntryMode;
  if (round.number > 1 && defaultEntryMode(round) === 'double') {
    const before = await db.selectFrom('round').selectAll().where('election_id', '=', round.electionId).where('number', '=', round.number - 1).executeTakeFirst();
    if (before) return entryModeOf(db, toRound(before));
  }
  return defaultEntryMode(round);
}

export interface PileStatus extends PileSettlement<PileRuling> {
  id: string;
  /** Who holds each pass (member ids of its standing entries), null while nobody does. */
  typists: { first: string | null; second: string | null };
  waitingText: { vi: string; en: string }[];
}

/** Every pile of a round with both passes compared and the head's rulings applied, in pile order. */
export async function pileStatuses(db: DB, roundId: string): Promise<PileStatus[]> {
  const piles = (await db.selectFrom('pile').selectAll().where('round_id', '=', roundId).orderBy('number').execute()).map(toPile);
  if (piles.length === 0) return [];
  const ids = piles.map((p) => p.id);
  const entries = (await db.selectFrom('pile_entry').selectAll().where('pile_id', 'in', ids).orderBy('seq').execute()).map(toPileEntry);
  const rulings = (await db.selectFrom('pile_resolution').selectAll().where('pile_id', 'in', ids).orderBy('seq').execute()).map(toPileRuling);
  return piles.map((pile) => {
    const mine = entries.filter((e) => e.pileId === pile.id);
    const passBallots = (pass: Pass): PassBallots => new Map(mine.filter((e) => e.pass === pass && e.void === null).map((e) => [e.position, e.ballot]));
    const typist = (pass: Pass) => mine.find((e) => e.pass === pass && e.void === null)?.enteredBy ?? null;
    const settlement = settlePile({ number: pile.number, declared: pile.declared, first: passBallots(1), second: passBallots(2), resolutions: rulings.filter((r) => r.pileId === pile.id) });
    return {
      ...settlement,
      id: pile.id,
      typists: { first: typist(1), second: typist(2) },
      waitingText: settlement.waitingFor.map((w: Waiting) => waitingText(pile.number, w)),
    };
  });
}

/** The ballots that count: every ballot entered in single entry; in double entry, those of settled piles only. */
export async function officialBallots(db: DB, round: Round): Promise<Ballot[]> {
  if ((await entryModeOf(db, round)) === 'single') return countedBallots(db, round.id);
  return (await pileStatuses(db, round.id)).flatMap((p) => p.ballots ?? []);
}

/** A pile without ballot contents: what the entry page may show to any member. */
export type PileLine = Omit<PileStatus, 'differences' | 'ballots'> & { differences: number; unresolved: number; settled: boolean };

export type EntrySummary = { mode: 'single' } | { mode: 'double'; piles: PileLine[]; reconciliation: EntryReconciliation };

/**
 * Where entry stands in a round: the mode, each pile and what it waits for, and the reconciliation
 * (entered against declared per pile, collected against the sum of the piles, issued against collected).
 * The minutes take the mode and `reconciliation.resolvedDifferences` from here.
 */
export async function entrySummary(db: DB, round: Round): Promise<EntrySummary> {
  if ((await entryModeOf(db, round)) === 'single') return { mode: 'single' };
  const piles = await pileStatuses(db, round.id);
  return {
    mode: 'double',
    piles: piles.map(({ differences, ballots, ...pile }) => ({
      ...pile,
      differences: differences.length,
      unresolved: differences.filter((d) => d.resolution === null).length,
      settled: ballots !== null,
    })),
    reconciliation: reconcileRound({ piles, collected: round.ballotsCollected, issued: round.ballotsIssued }),
  };
}

/** Every difference between two entries not yet ruled on: certification refuses while any is left. */
export async function unresolvedDifferences(db: DB, roundId: string): Promise<{ pile: number; position: number }[]> {
  return (await pileStatuses(db, roundId)).flatMap((p) => p.differences.filter((d) => d.resolution === null).map((d) => ({ pile: p.number, position: d.position })));
}

/** Why a double-entry round cannot close its count (null: it can): which pile waits for what, or which figure does not add up. */
export async function doubleEntryBlocker(db: DB, round: Round): Promise<Refusal | null> {
  const summary = await entrySummary(db, round);
  if (summary.mode === 'single' || summary.reconciliation.reconciled) return null;
  const { reconciliation } = summary;
  const { problems } = reconciliation;
  return refusal(
    'conflict',
    'not_reconciled',
    `chưa đối chiếu xong: ${problems.map((p) => p.vi).join('; ')}`,
    `entry is not reconciled: ${problems.map((p) => p.en).join('; ')}`,
    problems[0].field,
  );
}
