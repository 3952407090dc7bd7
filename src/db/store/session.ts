import type SQLite from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { err, ok, type Member, type Result } from '../../domain/index.js';
import { appendAudit } from '../audit.js';
import { keptWhileUnchanged } from '../changes.js';
import { isoNow, type Actor, type StoreContext } from '../context.js';
import { readNow } from '../group-commit.js';
import { hashPin, pinMatches } from '../pin.js';
import { prepared } from '../prepared.js';
import { refusal, type Refusal } from '../refusal.js';
import { toMember } from '../rows.js';
import type { MemberRow } from '../schema.js';
import { committeeFixed, countingStarted } from './congress.js';

/**
 * After this many wrong PINs in a row the member is locked out for LOCK_MINUTES, twice as long for
 * each further lock-out until a right PIN, at most MAX_LOCK_MINUTES; every wrong PIN and lock-out is logged.
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

/**
 * Checks a member's PIN; wrong attempts count toward a lock-out. `from` (the client's address) goes
 * into the log of wrong PINs and lock-outs.
 */
export async function signIn(ctx: StoreContext, input: { memberId: string; pin: string; from?: string }): Promise<Result<SignedIn, Refusal>> {
  const row = await ctx.db.selectFrom('member').selectAll().where('id', '=', input.memberId).executeTakeFirst();
  const now = ctx.now();
  if (!row || row.pin_hash === null) return err(wrongPin);
  if (row.locked_until && new Date(row.locked_until) > now) {
    const minutes = Math.ceil((new Date(row.locked_until).getTime() - now.getTime()) / 60_000);
    return err(refusal('locked', 'locked_out', `tài khoản tạm khóa vì nhập sai PIN ${PIN_ATTEMPTS} lần: thử lại sau ${minutes} phút`, `locked after ${PIN_ATTEMPTS} wrong PINs: try again in ${minutes} min`));
  }
  if (!(await pinMatches(input.pin, row.pin_hash))) {
    await ctx.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('member').select(['failed_attempts', 'lockouts']).where('id', '=', row.id).executeTakeFirstOrThrow();
      const attempts = current.failed_attempts + 1;
      const lock = attempts >= PIN_ATTEMPTS;
      const lockedUntil = lock ? new Date(now.getTime() + lockMinutes(current.lockouts) * 60_000).toISOString() : null;
      const lockouts = current.lockouts + (lock ? 1 : 0);
      await trx.updateTable('member').set({ failed_attempts: lock ? 0 : attempts, locked_until: lockedUntil, lockouts }).where('id', '=', row.id).execute();
      await appendAudit(trx, {
        at: now.toISOString(),
        actor: row.id,
        action: lock ? 'member.locked_out' : 'member.wrong_pin',
        entity: 'member',
        entityId: row.id,
        after: lock ? { attempts, lockedUntil, lockouts, from: input.from ?? null } : { attempts, from: input.from ?? null },
      });
    });
    return err(wrongPin);
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('member').set({ failed_attempts: 0, locked_until: null, lockouts: 0 }).where('id', '=', row.id).execute();
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
    await appendAudit(trx, { at: now.toISOString(), actor: row.id, action: 'member.sign_in', entity: 'member', entityId: row.id, after: { from: input.from ?? null } });
  });
  return ok({ token, csrfToken, member: toMember(row) });
}

type SessionRow = MemberRow & { csrf_token: string; expires_at: string };

/** Sessions read from the database, kept while no member or session row has changed (changes.ts). */
const keptSession = keptWhileUnchanged<SessionRow>(['member', 'session'], 256);

const sessionRowNow = (sqlite: SQLite.Database, token: string): SessionRow | undefined =>
  keptSession(sqlite, token, () =>
    prepared(sqlite, 'SELECT member.*, session.csrf_token, session.expires_at FROM session INNER JOIN member ON member.id = session.member_id WHERE session.token_hash = ?').get(tokenHash(token)) as
      | SessionRow
      | undefined,
  );

/**
 * The session of a token, asked on every request. The row is read once and kept in memory for as
 * long as no member and no session changes: a sign-out, a new PIN, a member edited or removed takes
 * effect on the very next request.
 */
export async function sessionFor(ctx: StoreContext, token: string): Promise<{ actor: Actor; member: Member; csrfToken: string } | null> {
  const row = await readNow(ctx.db, (sqlite) => sessionRowNow(sqlite, token));
  if (!row || new Date(row.expires_at) <= ctx.now()) return null;
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
 * Sets a member's PIN: the setup account sets anyone's while the congress is in setup; a member
 * changes their own at any time, giving the current PIN. All of the member's sessions end.
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
  const pinHash = await hashPin(input.newPin, ctx.pinCost);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('member').set({ pin_hash: pinHash, failed_attempts: 0, locked_until: null }).where('id', '=', row.id).execute();
    await trx.deleteFrom('session').where('member_id', '=', row.id).execute();
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'member.set_pin', entity: 'member', entityId: row.id });
  });
  return ok(null);
}
