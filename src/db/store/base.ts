import { roundEntryMode, type AlternatesMethod, type Ballot, type Election, type EntryMode, type Round, type RoundCandidate, type RoundState } from '../../domain/index.js';
import type { DB } from '../connection.js';
import { notFound, refuse, refusal } from '../refusal.js';
import { ballotSeats, toCandidate, toElection, toRound } from '../rows.js';

/**
 * The reads and rules every part of the store builds on: elections, rounds and their lists, a
 * round's state and entry mode, a ballot's stored form. It imports no other store module, so the
 * store's modules depend on it and never on each other in a circle.
 */

export async function getElection(db: DB, id: string): Promise<Election | null> {
  const row = await db.selectFrom('election').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toElection(row) : null;
}

export async function listRounds(db: DB, electionId: string): Promise<Round[]> {
  return (await db.selectFrom('round').selectAll().where('election_id', '=', electionId).orderBy('number').execute()).map(toRound);
}

export async function getRound(db: DB, id: string): Promise<Round | null> {
  const row = await db.selectFrom('round').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRound(row) : null;
}

export async function listCandidates(db: DB, roundId: string): Promise<RoundCandidate[]> {
  return (await db.selectFrom('candidate').selectAll().where('round_id', '=', roundId).orderBy('no').execute()).map(toCandidate);
}

export async function requireRound(db: DB, id: string): Promise<Round> {
  return (await getRound(db, id)) ?? refuse(notFound('round', 'vòng bầu'));
}

/** What a round's ballot keeps, with its election's alternates method (rows.ts, ballotSeats). */
export async function roundBallotSeats(db: DB, round: Round) {
  const row = await db.selectFrom('election').select('alternates_method').where('id', '=', round.electionId).executeTakeFirstOrThrow();
  return ballotSeats(round, row.alternates_method as AlternatesMethod | null);
}

export const stateNames: Record<RoundState, string> = { setup: 'chuẩn bị', counting: 'đang kiểm phiếu', counted: 'đã kiểm xong', certified: 'đã xác nhận' };

/** Refuses unless the round is in one of the given states. */
export function requireState(round: Round, states: RoundState[], doing: { vi: string; en: string }): void {
  if (!states.includes(round.state)) {
    refuse(refusal('conflict', 'wrong_state', `không thể ${doing.vi} khi vòng bầu ở trạng thái "${stateNames[round.state]}"`, `cannot ${doing.en} while the round is ${round.state}`));
  }
}

/** An election starts with its first round, in setup. */
/** The round's entry mode (roundEntryMode): chosen for it, else chosen for an earlier round, else the default. */
export async function entryModeOf(db: DB, round: Round): Promise<EntryMode> {
  const rows = await db
    .selectFrom('round')
    .leftJoin('round_entry_mode', 'round_entry_mode.round_id', 'round.id')
    .select(['round.id', 'round.number', 'round_entry_mode.mode'])
    .where('round.election_id', '=', round.electionId)
    .where('round.number', '<=', round.number)
    .orderBy('round.number', 'desc')
    .execute();
  const chosen = (rows.find((r) => r.id === round.id)?.mode ?? null) as EntryMode | null;
  const chosenBefore = rows.filter((r) => r.number < round.number).map((r) => (r.mode ?? null) as EntryMode | null);
  return roundEntryMode({ round: await roundBallotSeats(db, round), chosen, chosenBefore });
}

/** One form for storing and comparing: struck numbers ascending, marks by number. */
export function canonicalBallot(ballot: Ballot): Ballot {
  if ('struck' in ballot) return { struck: [...ballot.struck].sort((a, b) => a - b) };
  if ('marks' in ballot) {
    const keys = Object.keys(ballot.marks).sort((a, b) => Number(a) - Number(b));
    return { marks: Object.fromEntries(keys.map((k) => [k, ballot.marks[k]])) };
  }
  return { invalid: ballot.invalid };
}

export async function countedBallots(db: DB, roundId: string): Promise<Ballot[]> {
  const rows = await db.selectFrom('ballot').select('content').where('round_id', '=', roundId).where('voided_at', 'is', null).orderBy('seq').execute();
  return rows.map((r) => JSON.parse(r.content) as Ballot);
}

/** An imported round keeps the ballots its record carries: single entry. */
export async function fixEntryMode(trx: DB, roundId: string, mode: EntryMode, actorId: string, at: string): Promise<void> {
  await trx.insertInto('round_entry_mode').values({ round_id: roundId, mode, set_by: actorId, set_at: at }).execute();
}

/** How many entries were typed in a round's piles (voided ones too): a round with any cannot go back to setup. */
export async function pileEntryCount(db: DB, roundId: string): Promise<number> {
  const row = await db
    .selectFrom('pile_entry')
    .innerJoin('pile', 'pile.id', 'pile_entry.pile_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('pile.round_id', '=', roundId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
