import { classifyBallot, sameBallot, type Ballot, type BallotVerdict, type Result, type StoredBallot } from '../../domain/index.js';
import { appendAudit, contentHash } from '../audit.js';
import type { DB } from '../connection.js';
import { inTransaction, isoNow, type Actor, type StoreContext } from '../context.js';
import { fromProblem, notFound, refuse, refusal, type Refusal } from '../refusal.js';
import { toStoredBallot } from '../rows.js';
import { canonicalBallot, entryModeOf, listCandidates, requireRound, requireState, roundBallotSeats } from './base.js';

export interface Entered {
  ballot: StoredBallot;
  verdict: BallotVerdict;
  /** false: the same ballot id was entered before (a retry); nothing new was counted. */
  created: boolean;
}

/**
 * Enters one ballot under the id the client made for it. The same id with the same ballot is a
 * retry and counts once; the same id with another ballot is refused. A number not on the list or
 * the wrong style stores nothing. The ballot is on disk before the caller hears back (synchronous = FULL).
 */
export async function enterBallot(ctx: StoreContext, actor: Actor, input: { id: string; roundId: string; ballot: Ballot }): Promise<Result<Entered, Refusal>> {
  const ballot = canonicalBallot(input.ballot);
  const content = JSON.stringify(ballot);
  return inTransaction(ctx, async (trx): Promise<Entered> => {
    const round = await requireRound(trx, input.roundId);
    const classify = async () => classifyBallot(ballot, { candidates: await listCandidates(trx, round.id), ...(await roundBallotSeats(trx, round)) });
    const existing = await trx.selectFrom('ballot').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (existing) {
      if (existing.round_id !== round.id || !sameBallot(JSON.parse(existing.content) as Ballot, ballot)) {
        refuse(refusal('conflict', 'ballot_id_reused', 'mã phiếu này đã dùng cho một phiếu khác', 'this ballot id was already used for a different ballot', 'id'));
      }
      const verdict = await classify();
      return { ballot: toStoredBallot(existing), verdict: verdict.ok ? verdict.value : { valid: true }, created: false };
    }
    requireState(round, ['counting'], { vi: 'nhập phiếu', en: 'enter ballots' });
    if ((await entryModeOf(trx, round)) === 'double') {
      refuse(refusal('conflict', 'double_entry', 'vòng bầu này nhập hai lần theo xấp phiếu: hãy chọn xấp và lần nhập', 'this round uses double entry: enter ballots into a pile and a pass'));
    }
    const verdict = await classify();
    if (!verdict.ok) refuse(fromProblem(verdict.error));
    const at = isoNow(ctx);
    await trx.insertInto('ballot').values({ id: input.id, round_id: round.id, content, entered_by: actor.id, entered_at: at }).execute();
    await appendAudit(trx, { at, actor: actor.id, action: 'ballot.enter', entity: 'ballot', entityId: input.id, after: { roundId: round.id, ballot, contentHash: contentHash(content) } });
    const row = await trx.selectFrom('ballot').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow();
    return { ballot: toStoredBallot(row), verdict: verdict.value, created: true };
  });
}

export async function listBallots(db: DB, roundId: string, opts: { includeVoid?: boolean; afterSeq?: number; limit?: number } = {}): Promise<StoredBallot[]> {
  let q = db.selectFrom('ballot').selectAll().where('round_id', '=', roundId).where('seq', '>', opts.afterSeq ?? 0);
  if (!opts.includeVoid) q = q.where('voided_at', 'is', null);
  if (opts.limit) q = q.limit(opts.limit);
  return (await q.orderBy('seq').execute()).map(toStoredBallot);
}

/** Voids a ballot: it stays, marked void with who, when and why; the correction is entered anew. */
export async function voidBallot(ctx: StoreContext, actor: Actor, ballotId: string, reason: string) {
  return inTransaction(ctx, async (trx) => {
    const row = (await trx.selectFrom('ballot').selectAll().where('id', '=', ballotId).executeTakeFirst()) ?? refuse(notFound('ballot', 'phiếu'));
    const round = await requireRound(trx, row.round_id);
    requireState(round, ['counting'], { vi: 'hủy phiếu đã nhập', en: 'void a ballot' });
    if (row.voided_at) refuse(refusal('conflict', 'already_void', 'phiếu này đã bị hủy trước đó', 'this ballot is already void'));
    const at = isoNow(ctx);
    await trx.updateTable('ballot').set({ void_reason: reason, voided_by: actor.id, voided_at: at }).where('id', '=', ballotId).execute();
    await appendAudit(trx, { at, actor: actor.id, action: 'ballot.void', entity: 'ballot', entityId: ballotId, before: { ballot: JSON.parse(row.content) }, after: { reason } });
    return toStoredBallot(await trx.selectFrom('ballot').selectAll().where('id', '=', ballotId).executeTakeFirstOrThrow());
  });
}
