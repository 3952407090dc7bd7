import { createHash, randomBytes } from 'node:crypto';
import { err, ok, type Member, type Result } from '../../domain/index.js';
import { appendAudit } from '../audit.js';
import { isoNow, type Actor, type StoreContext } from '../context.js';
import { hashPin, pinMatches } from '../pin.js';
import { refusal, type Refusal } from '../refusal.js';
import { toMember } from '../rows.js';
import { committeeFixed, countingStarted } from './congress.js';

/**
 * After this many wrong PINs in a row for one member from one client address, that address is locked
 * out of that member for LOCK_MINUTES, twice as long for each further lock-out until a right PIN
 * from it, at most MAX_LOCK_MINUTES. The member's own laptop, which has not failed, is never locked
 * out by a stranger's guesses; the head can lift a lock (unlockMember). Every wrong PIN, lock-out
 * and unlock is logged with the address.
 */
export const PIN_ATTEMPTS = 5;
export const LOCK_MINUTES = 5;
export const MAX_LOCK_MINUTES = 240;
const SESSION_HOURS = 24;

const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface SignedIn {
  token: string;
  csrfToken: string;
  member: Member;
}

const wrongPin = refusal('unauthenticated', 'wrong_pin', 'sai thành viên hoặc mã PIN', 'wrong member or PIN');

const lockMinutes = (lockouts: number): number => Math.min(LOCK_MINUTES * 2 ** lockouts, MAX_LOCK_MINUTES);

/** Requests made in-process (tests, the first-run form on the server itself) have no socket address. */
const LOCAL = 'local';

/**
 * Whether a lock-out holds at `now`. It began `lockMinutes` before its end (the lock-outs counted
 * include this one), and holds only between the two: a lock-out made while the clock ran ahead and
 * then found in the past of its start (the clock was set right) has ended, never lasting longer
 * than its length whichever way the clock jumped.
 */
function lockedAt(lockedUntil: string, lockouts: number, now: Date): boolean {
  const until = new Date(lockedUntil).getTime();
  const since = until - lockMinutes(Math.max(0, lockouts - 1)) * 60_000;
  return since <= now.getTime() && now.getTime() < until;
}

/**
 * Checks a member's PIN; wrong attempts count toward a lock-out of `from` (the client's address)
 * for this member.
 */
export async function signIn(ctx: StoreContext, input: { memberId: string; pin: string; from?: string }): Promise<Result<SignedIn, Refusal>> {
  const row = await ctx.db.selectFrom('member').selectAll().where('id', '=', input.memberId).executeTakeFirst();
  const now = ctx.now();
  const from = input.from ?? LOCAL;
  if (!row || row.pin_hash === null) return err(wrongPin);
  const held = await ctx.db.selectFrom('pin_lock').selectAll().where('member_id', '=', row.id).where('address', '=', from).executeTakeFirst();
  if (held?.locked_until && lockedAt(held.locked_until, held.lockouts, now)) {
    const minutes = Math.ceil((new Date(held.locked_until).getTime() - now.getTime()) / 60_000);
    return err(
      refusal(
        'locked',
        'locked_out',
        `máy này đã nhập sai PIN ${PIN_ATTEMPTS} lần nên tạm bị khóa với tài khoản này: thử lại sau ${minutes} phút, dùng máy khác, hoặc nhờ Trưởng ban mở khóa`,
        `this computer entered a wrong PIN ${PIN_ATTEMPTS} times and is locked out of this account: try again in ${minutes} min, use another computer, or ask the head to unlock it`,
      ),
    );
  }
  if (!(await pinMatches(input.pin, row.pin_hash))) {
    await ctx.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('pin_lock').select(['failed_attempts', 'lockouts']).where('member_id', '=', row.id).where('address', '=', from).executeTakeFirst();
      const attempts = (current?.failed_attempts ?? 0) + 1;
      const lock = attempts >= PIN_ATTEMPTS;
      const lockouts = (current?.lockouts ?? 0) + (lock ? 1 : 0);
      const lockedUntil = lock ? new Date(now.getTime() + lockMinutes(lockouts - 1) * 60_000).toISOString() : null;
      const values = { failed_attempts: lock ? 0 : attempts, locked_until: lockedUntil, lockouts };
      await trx
        .insertInto('pin_lock')
        .values({ member_id: row.id, address: from, ...values })
        .onConflict((oc) => oc.columns(['member_id', 'address']).doUpdateSet(values))
        .execute();
      await appendAudit(trx, {
        at: now.toISOString(),
        actor: row.id,
        action: lock ? 'member.locked_out' : 'member.wrong_pin',
        entity: 'member',
        entityId: row.id,
        after: lock ? { attempts, lockedUntil, lockouts, from } : { attempts, from },
      });
    });
    return err(wrongPin);
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('pin_lock').where('member_id', '=', row.id).where('address', '=', from).execute();
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
    await appendAudit(trx, { at: now.toISOString(), actor: row.id, action: 'member.sign_in', entity: 'member', entityId: row.id, after: { from } });
  });
  return ok({ token, csrfToken, member: toMember(row) });
}

export interface PinLock {
  memberId: string;
  name: string;
  address: string;
  lockedUntil: string;
}

/** The addresses locked out of a member now, for the head's page. */
export async function listPinLocks(ctx: StoreContext): Promise<PinLock[]> {
  const rows = await ctx.db
    .selectFrom('pin_lock')
    .innerJoin('member', 'member.id', 'pin_lock.member_id')
    .select(['pin_lock.member_id', 'member.name', 'pin_lock.address', 'pin_lock.locked_until'])
    .where('pin_lock.locked_until', '>', ctx.now().toISOString())
    .orderBy('member.position')
    .orderBy('pin_lock.address')
    .execute();
  return rows.map((r) => ({ memberId: r.member_id, name: r.name, address: r.address, lockedUntil: r.locked_until! }));
}

/**
 * The head, signed in, lifts every lock-out of a member and forgets its wrong PINs (the member stands
 * before the head, who has checked it is them). Logged with the addresses that were locked.
 */
export async function unlockMember(ctx: StoreContext, actor: Actor, memberId: string): Promise<Result<{ unlocked: string[] }, Refusal>> {
  return ctx.db.transaction().execute(async (trx) => {
    const member = await trx.selectFrom('member').select(['id']).where('id', '=', memberId).executeTakeFirst();
    if (!member) return err(refusal('not_found', 'not_found', 'không tìm thấy thành viên', 'member not found'));
    const at = isoNow(ctx);
    const locked = await trx.selectFrom('pin_lock').select('address').where('member_id', '=', memberId).where('locked_until', '>', at).orderBy('address').execute();
    await trx.deleteFrom('pin_lock').where('member_id', '=', memberId).execute();
    const unlocked = locked.map((l) => l.address);
    await appendAudit(trx, { at, actor: actor.id, action: 'member.unlock', entity: 'member', entityId: memberId, after: { addresses: unlocked } });
    return ok({ unlocked });
  });
}

/**
 * The session of a token, asked on every request: a sign-out, a new PIN, a member edited or removed
 * takes effect on the very next request.
 */
export async function sessionFor(ctx: StoreContext, token: string): Promise<{ actor: Actor; member: Member; csrfToken: string } | null> {
  const row = await ctx.db
    .selectFrom('session')
    .innerJoin('member', 'member.id', 'session.member_id')
    .selectAll('member')
    .select(['session.csrf_token', 'session.created_at as session_created_at', 'session.expires_at'])
    .where('session.token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  // Between its making and its end: a session made while the clock ran ahead ends when the clock is
  // set back, instead of living until the clock catches up with it.
  const now = ctx.now();
  if (!row || new Date(row.expires_at) <= now || new Date(row.session_created_at) > now) return null;
  const member = toMember(row);
  return { actor: { id: member.id, name: member.name, role: member.role }, member, csrfToken: row.csrf_token };
}

export async function signOut(ctx: StoreContext, actor: Actor, token: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('session').where('token_hash', '=', tokenHash(token)).execute();
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'member.sign_out', entity: 'member', entityId: actor.id });
  });
}

/**
 * Sets a member's PIN: the setup account sets anyone's while the congress is in setup (its owner must
 * then change it at first sign-in); a member changes their own at any time, giving the current PIN,
 * for a new one. All of the member's sessions end: they sign in again with the new PIN.
 */
export async function setPin(ctx: StoreContext, actor: Actor, input: { memberId: string; currentPin?: string; newPin: string }): Promise<Result<null, Refusal>> {
  const row = await ctx.db.selectFrom('member').selectAll().where('id', '=', input.memberId).executeTakeFirst();
  if (!row) return err(refusal('not_found', 'not_found', 'không tìm thấy thành viên', 'member not found'));
  const own = actor.id === row.id;
  if (!own && actor.role !== 'setup') return err(refusal('forbidden', 'forbidden', 'chỉ được đổi PIN của chính mình', 'you may change only your own PIN'));
  if (!own && (await countingStarted(ctx.db))) return err(committeeFixed);
  if (own && (row.pin_hash === null || input.currentPin === undefined || !(await pinMatches(input.currentPin, row.pin_hash)))) {
    return err(refusal('invalid', 'wrong_pin', 'mã PIN hiện tại không đúng', 'the current PIN is wrong', 'currentPin'));
  }
  if (own && input.currentPin === input.newPin) {
    return err(refusal('invalid', 'same_pin', 'mã PIN mới phải khác mã PIN hiện tại', 'the new PIN must differ from the current one', 'newPin'));
  }
  const pinHash = await hashPin(input.newPin, ctx.pinCost);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('member').set({ pin_hash: pinHash, pin_must_change: own ? 0 : 1 }).where('id', '=', row.id).execute();
    await trx.deleteFrom('pin_lock').where('member_id', '=', row.id).execute();
    await trx.deleteFrom('session').where('member_id', '=', row.id).execute();
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'member.set_pin', entity: 'member', entityId: row.id });
  });
  return ok(null);
}
