import { baseProblem, err, type Congress, type Member, type MemberRole } from '../../domain/index.js';
import { appendAudit } from '../audit.js';
import type { DB } from '../connection.js';
import { inTransaction, isoNow, type Actor, type StoreContext } from '../context.js';
import { hashPin } from '../pin.js';
import { fromProblem, notFound, refuse, refusal } from '../refusal.js';
import { toCongress, toMember } from '../rows.js';

/** The time zone may be left out: the congress then keeps Vietnam's (the column's default). */
export type CongressInput = Omit<Congress, 'id' | 'timeZone'> & { timeZone?: string };

export async function getCongress(db: DB): Promise<Congress | null> {
  const row = await db.selectFrom('congress').selectAll().executeTakeFirst();
  return row ? toCongress(row) : null;
}

const congressValues = (c: CongressInput) => ({
  name: c.name,
  organisation: c.organisation,
  kind: c.kind,
  convened: c.convened,
  excluded: c.excluded,
  excluded_reason: c.excludedReason,
  place: c.place,
  starts_on: c.startsOn,
  ends_on: c.endsOn,
  ...(c.timeZone ? { time_zone: c.timeZone } : {}),
});

/** Refuses figures whose base is below 1 (baseProblem): the congress's, or a voting body's. */
export function excludedBelowConvened(c: { convened: number; excluded: number }): void {
  const problem = baseProblem(c);
  if (problem) refuse(fromProblem(problem));
}

const congressExists = refusal('conflict', 'congress_exists', 'đại hội đã được tạo trong cơ sở dữ liệu này', 'this database already holds a congress');

/**
 * One database holds one congress. It is created once, with the technical secretary (setup role)
 * who then sets up everything else.
 */
export async function createCongress(ctx: StoreContext, input: CongressInput & { secretary: { name: string; pin: string } }) {
  if (await getCongress(ctx.db)) return err(congressExists); // before the costly hash
  const pinHash = await hashPin(input.secretary.pin, ctx.pinCost);
  return inTransaction(ctx, async (trx) => {
    if (await getCongress(trx)) refuse(congressExists);
    excludedBelowConvened(input);
    const at = isoNow(ctx);
    const id = ctx.newId();
    await trx.insertInto('congress').values({ id, ...congressValues(input), created_at: at }).execute();
    // The body that holds the congress's own elections; its figures are the congress's (one congress a database: the id of migration 006).
    await trx.insertInto('body').values({ id: 'congress-body', kind: 'congress', name: '', convened: null, excluded: null, excluded_reason: '', from_election_id: null, position: 0, created_at: at }).execute();
    const memberId = ctx.newId();
    await trx
      .insertInto('member')
      .values({ id: memberId, name: input.secretary.name, role: 'setup', position: 0, pin_hash: pinHash, created_at: at })
      .execute();
    const congress = toCongress(await trx.selectFrom('congress').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    await appendAudit(trx, { at, actor: memberId, action: 'congress.create', entity: 'congress', entityId: id, after: congress });
    await appendAudit(trx, { at, actor: memberId, action: 'member.add', entity: 'member', entityId: memberId, after: { name: input.secretary.name, role: 'setup' } });
    return { congress, secretaryId: memberId };
  });
}

/** The congress is in setup until the first count begins (any round leaves setup). */
export async function countingStarted(db: DB): Promise<boolean> {
  return (await db.selectFrom('round').select('id').where('state', '!=', 'setup').executeTakeFirst()) !== undefined;
}

export const committeeFixed = refusal(
  'conflict',
  'counting_started',
  'đã bắt đầu kiểm phiếu: thông tin đại hội và Ban kiểm phiếu (thành viên, vai trò, PIN do thư ký đặt) không còn sửa được',
  'counting has begun: the congress and its counting committee (members, roles, PINs set by setup) can no longer change',
);

/** Changes to the congress and its committee: only while it is in setup (the base of the count and who counts are fixed). */
async function requireCongressInSetup(trx: DB): Promise<void> {
  if (await countingStarted(trx)) refuse(committeeFixed);
}

export async function updateCongress(ctx: StoreContext, actor: Actor, patch: Partial<CongressInput>) {
  return inTransaction(ctx, async (trx) => {
    const before = await getCongress(trx);
    if (!before) return refuse(notFound('congress', 'đại hội'));
    await requireCongressInSetup(trx);
    const after = { ...before, ...patch };
    excludedBelowConvened(after);
    await trx.updateTable('congress').set(congressValues(after)).where('id', '=', before.id).execute();
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'congress.update', entity: 'congress', entityId: before.id, before, after });
    return after;
  });
}

export async function listMembers(db: DB): Promise<Member[]> {
  const rows = await db.selectFrom('member').selectAll().orderBy('position').orderBy('created_at').execute();
  return rows.map(toMember);
}

export async function getMember(db: DB, id: string): Promise<Member | null> {
  const row = await db.selectFrom('member').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMember(row) : null;
}

/** `mustChangePin`: the PIN was chosen by someone else (the setup account), so its owner changes it at first sign-in. */
export async function addMember(ctx: StoreContext, actor: Actor, input: { name: string; role: MemberRole; pin: string; mustChangePin: boolean }) {
  if (await countingStarted(ctx.db)) return err(committeeFixed); // before the costly hash
  const pinHash = await hashPin(input.pin, ctx.pinCost);
  return inTransaction(ctx, async (trx) => {
    await requireCongressInSetup(trx);
    const at = isoNow(ctx);
    const id = ctx.newId();
    const last = await trx.selectFrom('member').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
    if (input.role === 'head' && (await trx.selectFrom('member').select('id').where('role', '=', 'head').executeTakeFirst())) {
      refuse(refusal('conflict', 'head_exists', 'Ban kiểm phiếu đã có Trưởng ban', 'the counting committee already has a head'));
    }
    await trx
      .insertInto('member')
      .values({ id, name: input.name, role: input.role, position: Number(last?.p ?? 0) + 1, pin_hash: pinHash, pin_must_change: input.mustChangePin ? 1 : 0, created_at: at })
      .execute();
    await appendAudit(trx, { at, actor: actor.id, action: 'member.add', entity: 'member', entityId: id, after: { name: input.name, role: input.role } });
    return toMember(await trx.selectFrom('member').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}

export async function updateMember(ctx: StoreContext, actor: Actor, id: string, patch: { name?: string; role?: MemberRole }) {
  return inTransaction(ctx, async (trx) => {
    const before = await getMember(trx, id);
    if (!before) return refuse(notFound('member', 'thành viên'));
    await requireCongressInSetup(trx);
    if (patch.role === 'head' && before.role !== 'head' && (await trx.selectFrom('member').select('id').where('role', '=', 'head').executeTakeFirst())) {
      refuse(refusal('conflict', 'head_exists', 'Ban kiểm phiếu đã có Trưởng ban', 'the counting committee already has a head'));
    }
    if (before.role === 'setup' && patch.role !== undefined && patch.role !== 'setup') await keepOneSetup(trx, id);
    await trx.updateTable('member').set({ name: patch.name ?? before.name, role: patch.role ?? before.role }).where('id', '=', id).execute();
    const after = { ...before, ...patch };
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'member.update', entity: 'member', entityId: id, before, after });
    return after;
  });
}

async function keepOneSetup(trx: DB, leaving: string): Promise<void> {
  const others = await trx.selectFrom('member').select('id').where('role', '=', 'setup').where('id', '!=', leaving).executeTakeFirst();
  if (!others) refuse(refusal('conflict', 'last_setup', 'phải còn ít nhất một thư ký kỹ thuật (setup)', 'at least one setup account must remain'));
}

/** A member who has entered ballots stays on record; one who has not may be removed. */
export async function removeMember(ctx: StoreContext, actor: Actor, id: string) {
  return inTransaction(ctx, async (trx) => {
    const before = await getMember(trx, id);
    if (!before) return refuse(notFound('member', 'thành viên'));
    await requireCongressInSetup(trx);
    if (before.role === 'setup') await keepOneSetup(trx, id);
    const entered = await trx.selectFrom('ballot').select('id').where((eb) => eb.or([eb('entered_by', '=', id), eb('voided_by', '=', id)])).executeTakeFirst();
    if (entered) refuse(refusal('conflict', 'member_has_ballots', 'thành viên đã nhập phiếu: không thể xóa', 'this member has entered ballots and stays on record'));
    await trx.deleteFrom('member').where('id', '=', id).execute();
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'member.remove', entity: 'member', entityId: id, before });
    return before;
  });
}
