import { createHash, randomBytes } from 'node:crypto';
import { err, ok, type Member, type Result } from '../../domain/index.js';
import { appendAudit } from '../audit.js';
import type { DB } from '../connection.js';
import { isoNow, type Actor, type StoreContext } from '../context.js';
import { hashPin, pinMatches } from '../pin.js';
import { refusal, type Refusal } from '../refusal.js';
import { toMember } from '../rows.js';

/** After this many wrong PINs in a row the member is locked out for LOCK_MINUTES (logged). */
export const PIN_ATTEMPTS = 5;
export const LOCK_MINUTES = 5;
const SESSION_HOURS = 24;

const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface SignedIn {
  token: string;
  csrfToken: string;
  member: Member;
}

const wrongPin = refusal('unauthenticated', 'wrong_pin', 'sai thành viên hoặc mã PIN', 'wrong member or PIN');

/** Checks a member's PIN; wrong attempts count toward a lock-out, which is logged. */
export async function signIn(ctx: StoreContext, input: { memberId: string; pin: string }): Promise<Result<SignedIn, Refusal>> {
  const row = await ctx.db.selectFrom('member').selectAll().where('id', '=', input.memberId).executeTakeFirst();
  const now = ctx.now();
  if (!row || row.pin_hash === null) return err(wrongPin);
  if (row.locked_until && new Date(row.locked_until) > now) {
    return err(refusal('locked', 'locked_out', `tài khoản tạm khóa đến ${row.locked_until} sau ${PIN_ATTEMPTS} lần sai PIN`, `locked until ${row.locked_until} after ${PIN_ATTEMPTS} wrong PINs`));
  }
  if (!(await pinMatches(input.pin, row.pin_hash))) {
    await ctx.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('member').select('failed_attempts').where('id', '=', row.id).executeTakeFirstOrThrow();
      const attempts = current.failed_attempts + 1;
      const lock = attempts >= PIN_ATTEMPTS;
      const lockedUntil = lock ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
      await trx.updateTable('member').set({ failed_attempts: lock ? 0 : attempts, locked_until: lockedUntil }).where('id', '=', row.id).execute();
      await appendAudit(trx, { at: now.toISOString(), actor: row.id, action: lock ? 'member.locked_out' : 'member.wrong_pin', entity: 'member', entityId: row.id, after: { attempts, lockedUntil } });
    });
    return err(wrongPin);
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('member').set({ failed_attempts: 0, locked_until: null }).where('id', '=', row.id).execute();
    await trx
      .insertInto('session')
      .values({
        token_hash: tokenHash(token),
        member_id: row.id,
        csrf_token: csrfToken,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
      })
      .execute();
    await appendAudit(trx, { at: now.toISOString(), actor: row.id, action: 'member.sign_in', entity: 'member', entityId: row.id });
  });
  return ok({ token, csrfToken, member: toMember(row) });
}

export async function sessionFor(ctx: StoreContext, token: string): Promise<{ actor: Actor; member: Member; csrfToken: string } | null> {
  const row = await ctx.db
    .selectFrom('session')
    .innerJoin('member', 'member.id', 'session.member_id')
    .selectAll('member')
    .select(['session.csrf_token', 'session.expires_at'])
    .where('session.token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row || new Date(row.expires_at) <= ctx.now()) return null;
  const member = toMember(row);
  return { actor: { id: member.id, name: member.name, role: member.role }, member, csrfToken: row.csrf_token };
}

export async function signOut(db: DB, token: string): Promise<void> {
  await db.deleteFrom('session').where('token_hash', '=', tokenHash(token)).execute();
}

/**
 * Sets a member's PIN: the setup account sets anyone's (at setup); a member changes their own,
 * giving the current PIN. All of the member's other sessions end.
 */
export async function setPin(ctx: StoreContext, actor: Actor, input: { memberId: string; currentPin?: string; newPin: string }): Promise<Result<null, Refusal>> {
  const row = await ctx.db.selectFrom('member').selectAll().where('id', '=', input.memberId).executeTakeFirst();
  if (!row) return err(refusal('not_found', 'not_found', 'không tìm thấy thành viên', 'member not found'));
  const own = actor.id === row.id;
  if (!own && actor.role !== 'setup') return err(refusal('forbidden', 'forbidden', 'chỉ được đổi PIN của chính mình', 'you may change only your own PIN'));
  if (own && (row.pin_hash === null || input.currentPin === undefined || !(await pinMatches(input.currentPin, row.pin_hash)))) {
    return err(refusal('invalid', 'wrong_pin', 'mã PIN hiện tại không đúng', 'the current PIN is wrong', 'currentPin'));
  }
  const pinHash = await hashPin(input.newPin);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('member').set({ pin_hash: pinHash, failed_attempts: 0, locked_until: null }).where('id', '=', row.id).execute();
    await trx.deleteFrom('session').where('member_id', '=', row.id).execute();
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'member.set_pin', entity: 'member', entityId: row.id });
  });
  return ok(null);
}
