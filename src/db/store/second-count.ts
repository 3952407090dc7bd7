import {
  classifyBallot,
  compareCounts,
  countDifferenceText,
  countRecord,
  type Ballot,
  type CountDifference,
  type Round,
  type StoredBallot,
} from '../../domain/index.js';
import { appendAudit } from '../audit.js';
import type { DB } from '../connection.js';
import { inTransaction, isoNow, type Actor, type StoreContext } from '../context.js';
import { fromProblem, notFound, refuse, refusal, type Refusal } from '../refusal.js';
import { toStoredBallot } from '../rows.js';
import { canonicalBallot } from './ballots.js';
import { listCandidates, requireRound, requireState, roundBallotSeats } from './elections.js';
import { entryModeOf } from './pile-status.js';
import { roundRecord } from './records.js';

/**
 * Single entry's optional check: a second full count of the round's ballots, typed by a member who
 * typed none of the first, compared figure by figure with it. Once begun, the count cannot close
 * until the second count is complete and agrees.
 */

async function requireSecondCounter(trx: DB, round: Round, actor: Actor): Promise<void> {
  if ((await entryModeOf(trx, round)) !== 'single') {
    refuse(refusal('conflict', 'double_entry', 'vòng bầu này nhập hai lần theo xấp phiếu: không cần đếm lần hai', 'this round uses double entry: it has no second count'));
  }
  const typedFirst = await trx.selectFrom('ballot').select('id').where('round_id', '=', round.id).where('entered_by', '=', actor.id).executeTakeFirst();
  if (typedFirst) {
    refuse(refusal('forbidden', 'both_counts', 'bạn đã nhập phiếu ở lần đếm thứ nhất: lần đếm thứ hai phải do thành viên khác nhập', 'you typed ballots of the first count: the second count must be typed by another member'));
  }
}

export async function enterSecondCountBallot(ctx: StoreContext, actor: Actor, input: { id: string; roundId: string; ballot: Ballot }) {
  return inTransaction(ctx, async (trx): Promise<{ ballot: StoredBallot; created: boolean; entered: number }> => {
    const round = await requireRound(trx, input.roundId);
    const ballot = canonicalBallot(input.ballot);
    const content = JSON.stringify(ballot);
    const existing = await trx.selectFrom('second_count_ballot').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (existing) {
      if (existing.round_id !== round.id || existing.content !== content) {
        refuse(refusal('conflict', 'ballot_id_reused', 'mã phiếu này đã dùng cho một phiếu khác', 'this ballot id was already used for a different ballot', 'id'));
      }
      return { ballot: toStoredBallot(existing), created: false, entered: await secondCountEntered(trx, round.id) };
    }
    requireState(round, ['counting'], { vi: 'đếm lần hai', en: 'enter the second count' });
    await requireSecondCounter(trx, round, actor);
    const verdict = classifyBallot(ballot, { candidates: await listCandidates(trx, round.id), ...(await roundBallotSeats(trx, round)) });
    if (!verdict.ok) refuse(fromProblem(verdict.error));
    const at = isoNow(ctx);
    await trx.insertInto('second_count_ballot').values({ id: input.id, round_id: round.id, content, entered_by: actor.id, entered_at: at, void_reason: null, voided_by: null, voided_at: null }).execute();
    await appendAudit(trx, { at, actor: actor.id, action: 'second_count.enter', entity: 'second_count_ballot', entityId: input.id, after: { roundId: round.id, ballot } });
    const row = await trx.selectFrom('second_count_ballot').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow();
    return { ballot: toStoredBallot(row), created: true, entered: await secondCountEntered(trx, round.id) };
  });
}

export async function voidSecondCountBallot(ctx: StoreContext, actor: Actor, id: string, reason: string) {
  return inTransaction(ctx, async (trx) => {
    const row = (await trx.selectFrom('second_count_ballot').selectAll().where('id', '=', id).executeTakeFirst()) ?? refuse(notFound('ballot', 'phiếu'));
    requireState(await requireRound(trx, row.round_id), ['counting'], { vi: 'hủy phiếu đã nhập', en: 'void a ballot' });
    if (row.entered_by !== actor.id && actor.role !== 'head') refuse(refusal('forbidden', 'not_your_entry', 'chỉ người nhập hoặc Trưởng ban được hủy phiếu này', 'only its typist or the head may void this ballot'));
    if (row.voided_at) refuse(refusal('conflict', 'already_void', 'phiếu này đã bị hủy trước đó', 'this ballot is already void'));
    const at = isoNow(ctx);
    await trx.updateTable('second_count_ballot').set({ void_reason: reason, voided_by: actor.id, voided_at: at }).where('id', '=', id).execute();
    await appendAudit(trx, { at, actor: actor.id, action: 'second_count.void', entity: 'second_count_ballot', entityId: id, before: { ballot: JSON.parse(row.content) }, after: { reason } });
    return toStoredBallot(await trx.selectFrom('second_count_ballot').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}

async function secondCountEntered(db: DB, roundId: string): Promise<number> {
  const row = await db.selectFrom('second_count_ballot').select((eb) => eb.fn.countAll<number>().as('n')).where('round_id', '=', roundId).where('voided_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface SecondCount {
  entered: number;
  collected: number | null;
  /** Figures where the two counts differ; compared once the second count holds every ballot collected. */
  differences: CountDifference[];
  complete: boolean;
  agrees: boolean;
}

/** The second count of a single-entry round and how it compares with the first; null if none was begun. */
export async function secondCountOf(db: DB, round: Round): Promise<SecondCount | null> {
  const rows = await db.selectFrom('second_count_ballot').select('content').where('round_id', '=', round.id).where('voided_at', 'is', null).orderBy('seq').execute();
  if (rows.length === 0) return null;
  const record = await roundRecord(db, round.id);
  const second = rows.map((r) => JSON.parse(r.content) as Ballot);
  const complete = round.ballotsCollected !== null && second.length === round.ballotsCollected;
  const a = countRecord({ ...record, reconciled: false });
  const b = countRecord({ ...record, ballots: second, reconciled: false });
  const differences = complete && a.ok && b.ok ? compareCounts(a.value, b.value) : [];
  return { entered: second.length, collected: round.ballotsCollected, differences, complete, agrees: complete && differences.length === 0 };
}

export function secondCountBlocker(check: SecondCount | null): Refusal | null {
  if (check === null || check.agrees) return null;
  if (!check.complete) {
    return refusal('conflict', 'second_count_incomplete', `lần đếm thứ hai mới có ${check.entered}/${check.collected ?? '?'} phiếu`, `the second count has ${check.entered} of ${check.collected ?? '?'} ballots`);
  }
  const texts = check.differences.map(countDifferenceText);
  return refusal('conflict', 'second_count_differs', `lần đếm thứ hai khác lần thứ nhất: ${texts.map((t) => t.vi).join('; ')}`, `the second count differs from the first: ${texts.map((t) => t.en).join('; ')}`);
}
