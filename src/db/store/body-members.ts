import { checkRoundFigures, type Body, type BodyKind, type ElectionKind } from '../../domain/index.js';
import { appendAudit } from '../audit.js';
import { inTransaction, isoNow, type Actor, type StoreContext } from '../context.js';
import { fromProblem, notFound, refuse, refusal } from '../refusal.js';
import { toBody } from '../rows.js';
import { requireBody } from './bodies.js';
import { excludedBelowConvened } from './congress.js';
import { getCongress } from './congress.js';
import { getElection, requireRound, requireState } from './base.js';
import { electionOutcome } from './records.js';

/** The committee whose first conference each conference kind is (rules.md, "Who votes"). */
const ELECTED_BY: Record<Exclude<BodyKind, 'congress'>, ElectionKind> = {
  committee_conference: 'executive_committee',
  inspection_conference: 'inspection_committee',
};

export interface BodyInput {
  kind: Exclude<BodyKind, 'congress'>;
  name: string;
  /** Required unless the members are taken from an elected committee. */
  convened?: number;
  excluded: number;
  excludedReason: string;
  /** Take the members from this election's elected committee: convened = the number it elected. */
  fromElectionId?: string;
}

/**
 * Adds a conference. Its members may be taken from the committee just elected, in one action: its
 * convened members are then the number that election elected (across its rounds, once settled).
 */
export async function createBody(ctx: StoreContext, actor: Actor, input: BodyInput) {
  return inTransaction(ctx, async (trx) => {
    const congress = (await getCongress(trx)) ?? refuse(notFound('congress', 'đại hội'));
    let convened = input.convened;
    if (input.fromElectionId !== undefined) {
      const election = (await getElection(trx, input.fromElectionId)) ?? refuse(notFound('election', 'cuộc bầu'));
      const wanted = ELECTED_BY[input.kind];
      if (election.kind !== wanted) {
        refuse(refusal('invalid', 'wrong_committee', 'thành viên hội nghị lấy từ cuộc bầu Ban Chấp hành (hoặc Ủy ban Kiểm tra) tương ứng', `a ${input.kind} takes its members from a ${wanted} election`, 'fromElectionId'));
      }
      const outcome = await electionOutcome(trx, election.id);
      const elected = outcome.combined?.elected.length ?? 0;
      if (elected === 0) {
        refuse(refusal('conflict', 'nobody_elected', `cuộc bầu "${election.title}" chưa kiểm xong hoặc chưa có ai trúng cử`, `the election "${election.title}" is not counted yet or elected nobody`, 'fromElectionId'));
      }
      convened = elected;
    }
    if (convened === undefined) {
      return refuse(refusal('invalid', 'convened_required', 'cần nhập số thành viên được triệu tập, hoặc lấy từ cuộc bầu', 'give the members convened, or take them from an election', 'convened'));
    }
    excludedBelowConvened({ convened, excluded: input.excluded });
    const at = isoNow(ctx);
    const id = ctx.newId();
    const last = await trx.selectFrom('body').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
    await trx
      .insertInto('body')
      .values({ id, kind: input.kind, name: input.name, convened, excluded: input.excluded, excluded_reason: input.excludedReason, from_election_id: input.fromElectionId ?? null, position: Number(last?.p ?? 0) + 1, created_at: at })
      .execute();
    const body: Body = toBody(await trx.selectFrom('body').selectAll().where('id', '=', id).executeTakeFirstOrThrow(), congress);
    await appendAudit(trx, { at, actor: actor.id, action: 'body.create', entity: 'body', entityId: id, after: body });
    return body;
  });
}

/**
 * The members present at the time of a round's vote (số có mặt), entered by the technical secretary
 * before the count closes. Not the base: the base stays convened − excluded. Ballots issued cannot
 * exceed it, and it cannot exceed the members convened.
 */
export async function setAttendance(ctx: StoreContext, actor: Actor, roundId: string, present: number) {
  return inTransaction(ctx, async (trx) => {
    const before = await requireRound(trx, roundId);
    requireState(before, ['setup', 'counting'], { vi: 'ghi số có mặt', en: 'record attendance' });
    const election = (await getElection(trx, before.electionId)) ?? refuse(notFound('election', 'cuộc bầu'));
    const body = await requireBody(trx, election.bodyId);
    if (present > body.convened) {
      refuse(refusal('invalid', 'present_over_convened', `số có mặt (${present}) không thể lớn hơn số được triệu tập (${body.convened})`, `members present (${present}) cannot exceed those convened (${body.convened})`, 'present'));
    }
    // The figure being changed is the attendance: the refusal names it.
    const figures = checkRoundFigures({ issued: before.ballotsIssued, collected: null, present });
    if (figures) refuse({ ...fromProblem(figures), field: 'present' });
    await trx.updateTable('round').set({ present }).where('id', '=', roundId).execute();
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'round.attendance', entity: 'round', entityId: roundId, before: { present: before.present }, after: { present } });
    return { ...before, present };
  });
}
