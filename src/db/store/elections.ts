import {
  checkRoundFigures,
  type AlternatesMethod,
  canTransition,
  checkList,
  mayMove,
  reconcileCounts,
  type Election,
  type ElectionKind,
  type ListCheck,
  type MemberRole,
  type Round,
  type RoundState,
} from '../../domain/index.js';
import { appendAudit } from '../audit.js';
import type { DB } from '../connection.js';
import { inTransaction, isoNow, type Actor, type StoreContext } from '../context.js';
import { fromProblem, notFound, refuse, refusal } from '../refusal.js';
import { ballotSeats, toElection, toRound } from '../rows.js';
import { entryModeOf, getElection, listCandidates, listRounds, pileEntryCount, requireRound, requireState, stateNames } from './base.js';
import { congressBodyId, requireBody } from './bodies.js';
import { entryBlocker } from './entry-check.js';

export interface ElectionInput {
  kind: ElectionKind;
  title: string;
  seats: number;
  alternates: number;
  /** Default: the congress. */
  bodyId?: string;
  /** Only with alternates; default `separate` (rules.md, "Delegation with alternates"). */
  alternatesMethod?: AlternatesMethod | null;
}

/** The method an election with alternates keeps (separate unless chosen); none without alternates. */
function methodFor(alternates: number, chosen: AlternatesMethod | null | undefined): AlternatesMethod | null {
  if (alternates === 0) {
    if (chosen) refuse(refusal('invalid', 'method_without_alternates', 'chỉ chọn cách bầu dự khuyết khi có số dự khuyết', 'an alternates method needs alternates', 'alternatesMethod'));
    return null;
  }
  return chosen ?? 'separate';
}

export async function listElections(db: DB): Promise<(Election & { rounds: Round[] })[]> {
  const elections = (await db.selectFrom('election').selectAll().orderBy('position').execute()).map(toElection);
  const rounds = (await db.selectFrom('round').selectAll().orderBy('number').execute()).map(toRound);
  return elections.map((e) => ({ ...e, rounds: rounds.filter((r) => r.electionId === e.id) }));
}

export async function createElection(ctx: StoreContext, actor: Actor, input: ElectionInput) {
  return inTransaction(ctx, async (trx) => {
    const at = isoNow(ctx);
    const id = ctx.newId();
    const last = await trx.selectFrom('election').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
    const bodyId = input.bodyId === undefined ? await congressBodyId(trx) : (await requireBody(trx, input.bodyId)).id;
    const method = methodFor(input.alternates, input.alternatesMethod);
    await trx
      .insertInto('election')
      .values({ id, kind: input.kind, title: input.title, seats: input.seats, alternates: input.alternates, body_id: bodyId, alternates_method: method, position: Number(last?.p ?? 0) + 1, created_at: at })
      .execute();
    await trx
      .insertInto('round')
      .values({ id: ctx.newId(), election_id: id, number: 1, reason: 'first', fills: 'officials', seats: input.seats, alternates: input.alternates, state: 'setup', ballots_issued: null, ballots_collected: null, decision: '', created_at: at })
      .execute();
    const election = toElection(await trx.selectFrom('election').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    await appendAudit(trx, { at, actor: actor.id, action: 'election.create', entity: 'election', entityId: id, after: election });
    return election;
  });
}

async function firstRoundInSetup(trx: DB, electionId: string): Promise<Round> {
  const rounds = await listRounds(trx, electionId);
  if (rounds.length === 0) refuse(notFound('election', 'cuộc bầu'));
  if (rounds.length > 1 || rounds[0].state !== 'setup') {
    refuse(refusal('conflict', 'wrong_state', 'chỉ sửa được cuộc bầu khi vòng đầu còn ở bước chuẩn bị', 'an election can change only while its first round is in setup'));
  }
  return rounds[0];
}

export async function updateElection(ctx: StoreContext, actor: Actor, id: string, patch: Partial<ElectionInput>) {
  return inTransaction(ctx, async (trx) => {
    const before = (await getElection(trx, id)) ?? refuse(notFound('election', 'cuộc bầu'));
    const round = await firstRoundInSetup(trx, id);
    const { alternatesMethod, bodyId, ...facts } = patch;
    const after = { ...before, ...facts, bodyId: bodyId === undefined ? before.bodyId : (await requireBody(trx, bodyId)).id };
    // Unnamed, the method stays as it was (null on an election of an earlier version: one ballot).
    const keep = alternatesMethod === undefined && before.alternates > 0 && after.alternates > 0;
    after.alternatesMethod = keep ? before.alternatesMethod : methodFor(after.alternates, alternatesMethod);
    await trx
      .updateTable('election')
      .set({ kind: after.kind, title: after.title, seats: after.seats, alternates: after.alternates, body_id: after.bodyId, alternates_method: after.alternatesMethod })
      .where('id', '=', id)
      .execute();
    await trx.updateTable('round').set({ seats: after.seats, alternates: after.alternates }).where('id', '=', round.id).execute();
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'election.update', entity: 'election', entityId: id, before, after });
    return after;
  });
}

export async function removeElection(ctx: StoreContext, actor: Actor, id: string) {
  return inTransaction(ctx, async (trx) => {
    const before = (await getElection(trx, id)) ?? refuse(notFound('election', 'cuộc bầu'));
    const round = await firstRoundInSetup(trx, id);
    const ballots = await trx.selectFrom('ballot').select('id').where('round_id', '=', round.id).executeTakeFirst();
    if (ballots) refuse(refusal('conflict', 'has_ballots', 'cuộc bầu đã có phiếu: không thể xóa', 'the election has ballots and cannot be removed'));
    await trx.deleteFrom('election').where('id', '=', id).execute();
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'election.remove', entity: 'election', entityId: id, before });
    return before;
  });
}

export async function setBallotCounts(ctx: StoreContext, actor: Actor, roundId: string, counts: { ballotsIssued?: number | null; ballotsCollected?: number | null }) {
  return inTransaction(ctx, async (trx) => {
    const before = await requireRound(trx, roundId);
    requireState(before, ['setup', 'counting'], { vi: 'sửa số phiếu phát ra/thu vào', en: 'change ballots issued or collected' });
    if (actor.role === 'setup' && before.state !== 'setup') {
      refuse(refusal('forbidden', 'forbidden', 'khi đang kiểm phiếu, chỉ Trưởng ban sửa số phiếu phát ra/thu vào', 'once counting has begun, only the head changes ballots issued and collected'));
    }
    const issued = counts.ballotsIssued === undefined ? before.ballotsIssued : counts.ballotsIssued;
    const collected = counts.ballotsCollected === undefined ? before.ballotsCollected : counts.ballotsCollected;
    const figures = checkRoundFigures({ issued, collected, present: before.present });
    if (figures) refuse(fromProblem(figures));
    await trx.updateTable('round').set({ ballots_issued: issued, ballots_collected: collected }).where('id', '=', roundId).execute();
    const after = { ...before, ballotsIssued: issued, ballotsCollected: collected };
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'round.ballot_counts', entity: 'round', entityId: roundId, before: { ballotsIssued: before.ballotsIssued, ballotsCollected: before.ballotsCollected }, after: { ballotsIssued: issued, ballotsCollected: collected } });
    return after;
  });
}

export async function roundListCheck(db: DB, round: Round): Promise<ListCheck> {
  const election = (await getElection(db, round.electionId)) ?? refuse(notFound('election', 'cuộc bầu'));
  // The list is checked against the places its ballot keeps: the alternates' own ballot fills its k
  // places as seats; the officials' ballot of separate ballots keeps the official seats only.
  const ballot = ballotSeats(round, election.alternatesMethod);
  const places = ballot.fills === 'alternates' ? { seats: ballot.alternates, alternates: 0 } : { seats: ballot.seats, alternates: ballot.alternatesMethod === 'separate' ? 0 : ballot.alternates };
  return checkList({ kind: election.kind, round: round.number, ...places, candidates: await listCandidates(db, round.id) });
}

/** A conference's count opens only with its members present entered: the minutes state them. */
async function requireAttendance(trx: DB, round: Round): Promise<void> {
  const election = (await getElection(trx, round.electionId)) ?? refuse(notFound('election', 'cuộc bầu'));
  const body = await requireBody(trx, election.bodyId);
  if (body.kind !== 'congress' && round.present === null) {
    refuse(refusal('conflict', 'attendance_missing', `chưa ghi số thành viên ${body.name} có mặt khi bỏ phiếu`, `the members of ${body.name} present at the vote are not entered yet`, 'present'));
  }
}

async function enteredCount(db: DB, roundId: string): Promise<number> {
  const row = await db.selectFrom('ballot').select((eb) => eb.fn.countAll<number>().as('n')).where('round_id', '=', roundId).where('voided_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Moves a round along its lifecycle, with the guards of each step. Certification has its own path
 * (the head, with the result file); this refuses it.
 */
export async function transitionRound(ctx: StoreContext, actor: Actor, roundId: string, to: RoundState, reason: string) {
  return inTransaction(ctx, async (trx) => {
    const round = await requireRound(trx, roundId);
    if (to === 'certified') refuse(refusal('conflict', 'use_certify', 'xác nhận kết quả qua chức năng xác nhận của Trưởng ban', 'certify through the certification action of the head'));
    if (!canTransition(round.state, to)) {
      refuse(refusal('conflict', 'wrong_transition', `không thể chuyển từ "${stateNames[round.state]}" sang "${stateNames[to]}"`, `cannot move from ${round.state} to ${to}`));
    }
    if (!mayMove(actor.role as MemberRole, round.state, to)) {
      refuse(refusal('forbidden', 'forbidden', `vai trò của bạn không được chuyển từ "${stateNames[round.state]}" sang "${stateNames[to]}"`, `your role may not move a round from ${round.state} to ${to}`));
    }
    const entered = await enteredCount(trx, roundId);
    if (to === 'counting' && round.state === 'setup') {
      const check = await roundListCheck(trx, round);
      if (check.errors.length > 0) {
        const first = check.errors[0];
        refuse(refusal('conflict', first.code, `danh sách chưa dùng được: ${first.vi}`, `the list cannot be used yet: ${first.en}`, first.field));
      }
      await requireAttendance(trx, round);
      // A warning does not block (rules.md, "Surplus rules"): the congress may have decided otherwise, and that decision is recorded.
      if (check.warnings.length > 0 && reason === '') {
        const first = check.warnings[0];
        refuse(refusal('conflict', 'decision_required', `danh sách có cảnh báo (${first.vi}): ghi quyết định của đại hội vào lý do để tiếp tục`, `the list has a warning (${first.en}): record the congress's decision as the reason to go on`, 'reason'));
      }
    }
    if (to === 'setup' && entered + (await pileEntryCount(trx, roundId)) > 0) {
      refuse(refusal('conflict', 'has_ballots', 'đã có phiếu được nhập: không thể quay lại bước chuẩn bị', 'ballots have been entered: the round cannot go back to setup'));
    }
    const entryCheck = to === 'counted' ? await entryBlocker(trx, round) : null;
    if (entryCheck) refuse(entryCheck);
    if (to === 'counted' && (await entryModeOf(trx, round)) === 'single') {
      const [first] = reconcileCounts({ entered, collected: round.ballotsCollected, issued: round.ballotsIssued }).problems;
      if (first) refuse(fromProblem(first, 'conflict'));
    }
    if (round.state === 'counted' && to === 'counting' && reason === '') {
      refuse(refusal('invalid', 'reason_required', 'mở lại việc nhập phiếu cần ghi lý do', 'reopening the count needs a reason', 'reason'));
    }
    await trx.updateTable('round').set({ state: to }).where('id', '=', roundId).execute();
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'round.transition', entity: 'round', entityId: roundId, before: { state: round.state }, after: { state: to, reason } });
    return { ...round, state: to };
  });
}
