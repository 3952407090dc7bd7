import type { Body, BodyFacts, Election, Round } from '../../domain/index.js';
import { appendAudit } from '../audit.js';
import type { DB } from '../connection.js';
import { inTransaction, isoNow, type Actor, type StoreContext } from '../context.js';
import { notFound, refuse, refusal } from '../refusal.js';
import { toBody } from '../rows.js';
import { excludedBelowConvened, getCongress } from './congress.js';

/**
 * Voting bodies (rules.md, "Who votes"): the congress itself, made with it, and the conferences of
 * its new committees. Every election is held by one of them and counted against its members.
 */

export async function listBodies(db: DB): Promise<Body[]> {
  const congress = await getCongress(db);
  if (!congress) return [];
  const rows = await db.selectFrom('body').selectAll().orderBy('position').orderBy('created_at').execute();
  return rows.map((r) => toBody(r, congress));
}

export async function getBody(db: DB, id: string): Promise<Body | null> {
  const congress = await getCongress(db);
  const row = await db.selectFrom('body').selectAll().where('id', '=', id).executeTakeFirst();
  return row && congress ? toBody(row, congress) : null;
}

export async function requireBody(db: DB, id: string): Promise<Body> {
  return (await getBody(db, id)) ?? refuse(notFound('voting body', 'hội nghị/đại hội bầu cử'));
}

export async function congressBodyId(db: DB): Promise<string> {
  const row = await db.selectFrom('body').select('id').where('kind', '=', 'congress').executeTakeFirst();
  return row?.id ?? refuse(notFound('congress', 'đại hội'));
}

/** Refuses once a round of one of the body's elections has left setup: its base is then fixed. */
async function requireBodyUnused(trx: DB, bodyId: string, doing: { vi: string; en: string }): Promise<void> {
  const started = await trx
    .selectFrom('round')
    .innerJoin('election', 'election.id', 'round.election_id')
    .select('round.id')
    .where('election.body_id', '=', bodyId)
    .where('round.state', '!=', 'setup')
    .executeTakeFirst();
  if (started) refuse(refusal('conflict', 'body_counting_started', `đã bắt đầu kiểm phiếu một cuộc bầu của hội nghị này: không thể ${doing.vi}`, `counting has begun in an election of this body: cannot ${doing.en}`));
}

export interface BodyPatch {
  name?: string;
  convened?: number;
  excluded?: number;
  excludedReason?: string;
}

/** A conference's name and figures change until one of its counts begins; the congress's are changed on the congress. */
export async function updateBody(ctx: StoreContext, actor: Actor, id: string, patch: BodyPatch) {
  return inTransaction(ctx, async (trx) => {
    const before = await requireBody(trx, id);
    if (before.kind === 'congress') {
      refuse(refusal('conflict', 'congress_body', 'số liệu của đại hội sửa ở phần thông tin đại hội', 'the congress’s figures are changed on the congress itself'));
    }
    await requireBodyUnused(trx, id, { vi: 'sửa số liệu', en: 'change its figures' });
    const after = { ...before, ...patch };
    excludedBelowConvened(after);
    await trx.updateTable('body').set({ name: after.name, convened: after.convened, excluded: after.excluded, excluded_reason: after.excludedReason }).where('id', '=', id).execute();
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'body.update', entity: 'body', entityId: id, before, after });
    return after;
  });
}

export async function removeBody(ctx: StoreContext, actor: Actor, id: string) {
  return inTransaction(ctx, async (trx) => {
    const before = await requireBody(trx, id);
    if (before.kind === 'congress') refuse(refusal('conflict', 'congress_body', 'không thể xóa đại hội', 'the congress cannot be removed'));
    const held = await trx.selectFrom('election').select('id').where('body_id', '=', id).executeTakeFirst();
    if (held) refuse(refusal('conflict', 'body_has_elections', 'hội nghị này còn cuộc bầu: chuyển hoặc xóa các cuộc bầu trước', 'this body still holds elections: move or remove them first'));
    await trx.deleteFrom('body').where('id', '=', id).execute();
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'body.remove', entity: 'body', entityId: id, before });
    return before;
  });
}

/**
 * The body as an election record carries it: only a body other than the congress (the congress's
 * own records stay as they were, so files signed before bodies existed still verify).
 */
export function bodyFacts(body: Body, round: Round): BodyFacts | undefined {
  if (body.kind === 'congress') return undefined;
  return {
    kind: body.kind,
    name: body.name,
    convened: body.convened,
    excluded: body.excluded,
    ...(body.excludedReason ? { excludedReason: body.excludedReason } : {}),
    ...(round.present !== null ? { present: round.present } : {}),
  };
}

export async function bodyOfElection(db: DB, election: Election): Promise<Body> {
  return requireBody(db, election.bodyId);
}

