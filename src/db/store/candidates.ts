import type { RoundCandidate } from '../../domain/index.js';
import { appendAudit } from '../audit.js';
import type { DB } from '../connection.js';
import { inTransaction, isoNow, type Actor, type StoreContext } from '../context.js';
import { notFound, refuse, refusal } from '../refusal.js';
import { toCandidate } from '../rows.js';
import { listCandidates, requireRound, requireState } from './base.js';

const editing = { vi: 'sửa danh sách', en: 'change the list' };

/**
 * A list changes only while its round is in setup; the names of a later round are the congress's
 * decision, recorded by the head with the round (only their order may still change).
 */
async function requireSetupRound(trx: DB, roundId: string, change: 'names' | 'order' = 'names') {
  const round = await requireRound(trx, roundId);
  requireState(round, ['setup'], editing);
  if (change === 'names' && round.number > 1) {
    refuse(refusal('conflict', 'list_decided', 'danh sách vòng sau do Đại hội quyết định: chỉ được đổi thứ tự', "a later round's list is the congress's decision: only its order may change"));
  }
  return round;
}

const SHIFT = 1_000_000;

/** Writes ballot numbers 1..N in the given order (via a shifted range: numbers stay unique at every step). */
async function renumber(trx: DB, roundId: string, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i++) await trx.updateTable('candidate').set({ no: SHIFT + i + 1 }).where('id', '=', ids[i]).execute();
  await trx.updateTable('candidate').set((eb) => ({ no: eb('no', '-', SHIFT) })).where('round_id', '=', roundId).execute();
}

/** Adds names at the end of the list, in the order given; replace: the new names become the whole list. */
export async function addCandidates(ctx: StoreContext, actor: Actor, roundId: string, names: string[], opts: { replace?: boolean } = {}) {
  return inTransaction(ctx, async (trx) => {
    await requireSetupRound(trx, roundId);
    const before = await listCandidates(trx, roundId);
    if (opts.replace) await trx.deleteFrom('candidate').where('round_id', '=', roundId).execute();
    const start = opts.replace ? 0 : before.length;
    for (let i = 0; i < names.length; i++) {
      const id = ctx.newId();
      await trx.insertInto('candidate').values({ id, round_id: roundId, person_id: id, no: start + i + 1, name: names[i] }).execute();
    }
    const after = await listCandidates(trx, roundId);
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: opts.replace ? 'candidates.replace' : 'candidates.add', entity: 'round', entityId: roundId, before: opts.replace ? before : undefined, after: after.slice(start) });
    return after;
  });
}

async function requireCandidate(trx: DB, id: string): Promise<RoundCandidate & { roundId: string }> {
  const row = await trx.selectFrom('candidate').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { ...toCandidate(row), roundId: row.round_id } : refuse(notFound('candidate', 'ứng cử viên'));
}

export async function renameCandidate(ctx: StoreContext, actor: Actor, id: string, name: string) {
  return inTransaction(ctx, async (trx) => {
    const before = await requireCandidate(trx, id);
    await requireSetupRound(trx, before.roundId);
    await trx.updateTable('candidate').set({ name }).where('id', '=', id).execute();
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'candidate.rename', entity: 'candidate', entityId: id, before: { name: before.name, roundId: before.roundId }, after: { name } });
    return { ...before, name };
  });
}

export async function removeCandidate(ctx: StoreContext, actor: Actor, id: string) {
  return inTransaction(ctx, async (trx) => {
    const before = await requireCandidate(trx, id);
    await requireSetupRound(trx, before.roundId);
    await trx.deleteFrom('candidate').where('id', '=', id).execute();
    const rest = await listCandidates(trx, before.roundId);
    await renumber(trx, before.roundId, rest.map((c) => c.id));
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'candidate.remove', entity: 'candidate', entityId: id, before: { no: before.no, name: before.name, roundId: before.roundId } });
    return listCandidates(trx, before.roundId);
  });
}

/** Sets the printed order: `ids` must be exactly the list's candidates, each once. */
export async function reorderCandidates(ctx: StoreContext, actor: Actor, roundId: string, ids: string[]) {
  return inTransaction(ctx, async (trx) => {
    await requireSetupRound(trx, roundId, 'order');
    const before = await listCandidates(trx, roundId);
    const known = new Set(before.map((c) => c.id));
    if (ids.length !== before.length || new Set(ids).size !== ids.length || !ids.every((id) => known.has(id))) {
      refuse(refusal('invalid', 'not_a_permutation', 'thứ tự mới phải gồm đúng mỗi ứng cử viên trong danh sách một lần', 'the new order must name every candidate of the list exactly once', 'ids'));
    }
    await renumber(trx, roundId, ids);
    const after = await listCandidates(trx, roundId);
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'candidates.reorder', entity: 'round', entityId: roundId, before: before.map((c) => c.name), after: after.map((c) => c.name) });
    return after;
  });
}
