import type { EntryMode, Pile, PileEntry, PileRuling, Round, RoundCandidate, StoredBallot } from '../../domain/index.js';
import type { DB } from '../connection.js';
import { toPile, toPileEntry, toPileRuling, toStoredBallot } from '../rows.js';
import { listMembers } from './congress.js';
import { entryModeOf, listCandidates } from './base.js';
import { pileStatuses, type PileStatus } from './pile-status.js';

/**
 * Everything typed for a round, as the entry log (nhật ký nhập phiếu) and the pile sheets print it:
 * every ballot as entered, voided ones included, every pile with both passes and the head's rulings,
 * and who is who. Read only; nothing here decides anything.
 */
export interface EntryLog {
  round: Round;
  mode: EntryMode;
  candidates: RoundCandidate[];
  /** Member id → name (typists, whoever voided or ruled). */
  names: Record<string, string>;
  /** Single entry: the ballots in the order entered. */
  ballots: StoredBallot[];
  /** The second full count of a single-entry round, if one was typed. */
  secondCount: StoredBallot[];
  /** Double entry: piles in order, each with its entries (both passes, in the order typed) and rulings. */
  piles: (Pile & { status: PileStatus; entries: PileEntry[]; rulings: PileRuling[] })[];
}

export async function entryLog(db: DB, round: Round): Promise<EntryLog> {
  const names = Object.fromEntries((await listMembers(db)).map((m) => [m.id, m.name]));
  const ballots = (await db.selectFrom('ballot').selectAll().where('round_id', '=', round.id).orderBy('seq').execute()).map(toStoredBallot);
  const secondCount = (await db.selectFrom('second_count_ballot').selectAll().where('round_id', '=', round.id).orderBy('seq').execute()).map(toStoredBallot);
  const pileRows = (await db.selectFrom('pile').selectAll().where('round_id', '=', round.id).orderBy('number').execute()).map(toPile);
  const statuses = new Map((await pileStatuses(db, round.id)).map((s) => [s.id, s]));
  const ids = pileRows.map((p) => p.id);
  const entries = ids.length === 0 ? [] : (await db.selectFrom('pile_entry').selectAll().where('pile_id', 'in', ids).orderBy('seq').execute()).map(toPileEntry);
  const rulings = ids.length === 0 ? [] : (await db.selectFrom('pile_resolution').selectAll().where('pile_id', 'in', ids).orderBy('seq').execute()).map(toPileRuling);
  return {
    round,
    mode: await entryModeOf(db, round),
    candidates: await listCandidates(db, round.id),
    names,
    ballots,
    secondCount,
    piles: pileRows.map((pile) => ({ ...pile, status: statuses.get(pile.id)!, entries: entries.filter((e) => e.pileId === pile.id), rulings: rulings.filter((r) => r.pileId === pile.id) })),
  };
}
