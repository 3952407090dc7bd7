import {
  classifyBallot,
  mayReadPass,
  sameBallot,
  type Ballot,
  type BallotVerdict,
  type Difference,
  type EntryMode,
  type Pass,
  type Pile,
  type PileEntry,
  type PileRuling,
  type Round,
} from '../../domain/index.js';
import { appendAudit, contentHash } from '../audit.js';
import type { DB } from '../connection.js';
import { inTransaction, isoNow, type Actor, type StoreContext } from '../context.js';
import { fromProblem, notFound, refuse, refusal } from '../refusal.js';
import { toPile, toPileEntry } from '../rows.js';
import { canonicalBallot, entryModeOf, listCandidates, requireRound, requireState, roundBallotSeats } from './base.js';
import { pileStatuses, type PileStatus } from './pile-status.js';

/** Double entry's changes: the mode, piles, the two passes over each pile, and the head's rulings. */

const passWords = (pass: Pass) => ({ vi: `lần nhập ${pass}`, en: `entry ${pass}` });

/** Chooses single or double entry for a round, before counting opens. */
export async function setEntryMode(ctx: StoreContext, actor: Actor, roundId: string, mode: EntryMode) {
  return inTransaction(ctx, async (trx) => {
    const round = await requireRound(trx, roundId);
    requireState(round, ['setup'], { vi: 'đổi cách nhập phiếu', en: 'change the entry mode' });
    const before = await entryModeOf(trx, round);
    const at = isoNow(ctx);
    await trx
      .insertInto('round_entry_mode')
      .values({ round_id: roundId, mode, set_by: actor.id, set_at: at })
      .onConflict((oc) => oc.column('round_id').doUpdateSet({ mode, set_by: actor.id, set_at: at }))
      .execute();
    await appendAudit(trx, { at, actor: actor.id, action: 'round.entry_mode', entity: 'round', entityId: roundId, before: { mode: before }, after: { mode } });
    return { roundId, mode };
  });
}

async function requireDoubleEntry(trx: DB, round: Round): Promise<void> {
  if ((await entryModeOf(trx, round)) !== 'double') {
    refuse(refusal('conflict', 'single_entry', 'vòng bầu này nhập phiếu một lần: không dùng xấp phiếu', 'this round uses single entry: it has no piles'));
  }
}

async function requirePile(trx: DB, pileId: string): Promise<{ pile: Pile; round: Round }> {
  const row = (await trx.selectFrom('pile').selectAll().where('id', '=', pileId).executeTakeFirst()) ?? refuse(notFound('pile', 'xấp phiếu'));
  return { pile: toPile(row), round: await requireRound(trx, row.round_id) };
}

const counting = { vi: 'nhập phiếu theo xấp', en: 'enter piles' };

/** The ballots the round's piles may hold in all: the ballots collected (unknown until typed in). */
async function requireWithinCollected(trx: DB, round: Round, extra: number, except?: string): Promise<void> {
  if (round.ballotsCollected === null) return;
  let others = trx.selectFrom('pile').select((eb) => eb.fn.sum<number>('declared').as('n')).where('round_id', '=', round.id);
  if (except) others = others.where('id', '!=', except);
  const declared = Number((await others.executeTakeFirst())?.n ?? 0);
  if (declared + extra > round.ballotsCollected) {
    const room = Math.max(0, round.ballotsCollected - declared);
    refuse(
      refusal(
        'conflict',
        'piles_over_collected',
        `Các xấp phiếu đã khai ${declared} phiếu, số phiếu thu vào là ${round.ballotsCollected}: xấp này chỉ có thể có tối đa ${room} phiếu. Hãy đếm lại xấp phiếu hoặc sửa số phiếu thu vào`,
        `The piles already declare ${declared} ballots of the ${round.ballotsCollected} collected: this pile may hold at most ${room}. Count the pile again or correct the ballots collected`,
        'declared',
      ),
    );
  }
}

/**
 * Declares the next pile of the round with its count, as counted by hand (e.g. 50), under the id the
 * client made for it: a resend or a double submit declares nothing twice (issue 15.7). The piles
 * together never hold more than the ballots collected.
 */
export async function declarePile(ctx: StoreContext, actor: Actor, roundId: string, declared: number, id: string = ctx.newId()) {
  return inTransaction(ctx, async (trx): Promise<Pile & { created: boolean }> => {
    const round = await requireRound(trx, roundId);
    const existing = await trx.selectFrom('pile').selectAll().where('id', '=', id).executeTakeFirst();
    if (existing) {
      if (existing.round_id !== roundId || existing.declared !== declared) refuse(refusal('conflict', 'pile_id_reused', 'Mã xấp phiếu này đã dùng cho một xấp khác', 'This pile id was already used for another pile', 'id'));
      return { ...toPile(existing), created: false };
    }
    requireState(round, ['counting'], counting);
    await requireDoubleEntry(trx, round);
    await requireWithinCollected(trx, round, declared);
    const last = await trx.selectFrom('pile').select((eb) => eb.fn.max('number').as('n')).where('round_id', '=', roundId).executeTakeFirst();
    const pile: Pile = { id, roundId, number: Number(last?.n ?? 0) + 1, declared };
    const at = isoNow(ctx);
    await trx.insertInto('pile').values({ id: pile.id, round_id: roundId, number: pile.number, declared, created_by: actor.id, created_at: at }).execute();
    await appendAudit(trx, { at, actor: actor.id, action: 'pile.declare', entity: 'pile', entityId: pile.id, after: { roundId, number: pile.number, declared } });
    return { ...pile, created: true };
  });
}

/**
 * Withdraws a pile declared by mistake (the head, with the reason): only while nothing was ever typed
 * in it. The declaration and its withdrawal stay in the audit log.
 */
export async function withdrawPile(ctx: StoreContext, actor: Actor, pileId: string, reason: string) {
  return inTransaction(ctx, async (trx) => {
    const { pile, round } = await requirePile(trx, pileId);
    requireState(round, ['counting'], { vi: 'rút xấp phiếu', en: 'withdraw a pile' });
    const typed = await trx.selectFrom('pile_entry').select('id').where('pile_id', '=', pileId).executeTakeFirst();
    if (typed) {
      refuse(refusal('conflict', 'pile_has_entries', `Xấp phiếu số ${pile.number} đã có phiếu được nhập: không rút được, hãy sửa số phiếu đã khai`, `Pile ${pile.number} already has typed entries: it cannot be withdrawn; correct its declared count instead`));
    }
    await trx.deleteFrom('pile').where('id', '=', pileId).execute();
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'pile.withdraw', entity: 'pile', entityId: pileId, before: { roundId: round.id, number: pile.number, declared: pile.declared }, after: { reason } });
    return { roundId: round.id, number: pile.number };
  });
}

async function highestPosition(trx: DB, pileId: string): Promise<number> {
  const row = await trx.selectFrom('pile_entry').select((eb) => eb.fn.max('position').as('p')).where('pile_id', '=', pileId).where('voided_at', 'is', null).executeTakeFirst();
  return Number(row?.p ?? 0);
}

/** Corrects a pile's declared count (the head, after counting the paper again), never below what is typed. */
export async function redeclarePile(ctx: StoreContext, actor: Actor, pileId: string, input: { declared: number; reason: string }) {
  return inTransaction(ctx, async (trx) => {
    const { pile, round } = await requirePile(trx, pileId);
    requireState(round, ['counting'], counting);
    const highest = await highestPosition(trx, pileId);
    if (input.declared < highest) {
      refuse(refusal('conflict', 'below_entered', `xấp phiếu số ${pile.number} đã có phiếu ở vị trí ${highest}: hãy hủy các phiếu thừa trước`, `pile ${pile.number} has a ballot at position ${highest}: void the extra entries first`, 'declared'));
    }
    await requireWithinCollected(trx, round, input.declared, pileId);
    await trx.updateTable('pile').set({ declared: input.declared }).where('id', '=', pileId).execute();
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'pile.redeclare', entity: 'pile', entityId: pileId, before: { declared: pile.declared }, after: { declared: input.declared, reason: input.reason } });
    return { ...pile, declared: input.declared };
  });
}

interface PassTypists {
  /** Everyone who ever typed in the pass, voided entries included: having read those ballots is what counts. */
  seen: Record<Pass, Set<string>>;
  /** Who holds the pass now: the typists of its entries that stand. */
  holding: Record<Pass, Set<string>>;
}

async function passTypists(trx: DB, pileId: string): Promise<PassTypists> {
  const rows = await trx.selectFrom('pile_entry').select(['pass', 'entered_by', 'voided_at']).where('pile_id', '=', pileId).execute();
  const typists: PassTypists = { seen: { 1: new Set(), 2: new Set() }, holding: { 1: new Set(), 2: new Set() } };
  for (const r of rows) {
    typists.seen[r.pass as Pass].add(r.entered_by);
    if (r.voided_at === null) typists.holding[r.pass as Pass].add(r.entered_by);
  }
  return typists;
}

/** The two entries must be independent: one member per pass, and never the same member for both. */
function requireOwnPass(pile: Pile, pass: Pass, actor: Actor, typists: PassTypists): void {
  const other: Pass = pass === 1 ? 2 : 1;
  if (typists.seen[other].has(actor.id)) {
    refuse(refusal('forbidden', 'both_passes', `bạn đã nhập lần ${other} của xấp phiếu số ${pile.number}: lần ${pass} phải do thành viên khác nhập`, `you entered entry ${other} of pile ${pile.number}: entry ${pass} must be typed by another member`));
  }
  if (typists.holding[pass].size > 0 && !typists.holding[pass].has(actor.id)) {
    refuse(refusal('conflict', 'pass_taken', `${passWords(pass).vi} của xấp phiếu số ${pile.number} do thành viên khác đang nhập`, `${passWords(pass).en} of pile ${pile.number} is being typed by another member`));
  }
}

export interface PassProgress {
  roundId: string;
  pileNumber: number;
  pass: Pass;
  entered: number;
  declared: number;
  /** The position the next ballot takes if none is given. */
  next: number;
}

async function progressOf(trx: DB, pile: Pile, pass: Pass): Promise<PassProgress> {
  const rows = await trx.selectFrom('pile_entry').select('position').where('pile_id', '=', pile.id).where('pass', '=', pass).where('voided_at', 'is', null).execute();
  const highest = rows.reduce((m, r) => Math.max(m, r.position), 0);
  return { roundId: pile.roundId, pileNumber: pile.number, pass, entered: rows.length, declared: pile.declared, next: highest + 1 };
}

export interface PassEntered {
  entry: PileEntry;
  verdict: BallotVerdict;
  progress: PassProgress;
  /** false: the same entry id was sent before (a retry); nothing new was stored. */
  created: boolean;
}

/**
 * Types one ballot of one pass over a pile, under the id the client made for it (a retry counts once).
 * It takes the given position, or the one after the highest typed; never beyond the declared count.
 */
export async function enterPileBallot(ctx: StoreContext, actor: Actor, input: { id: string; pileId: string; pass: Pass; position?: number; ballot: Ballot }) {
  return inTransaction(ctx, async (trx): Promise<PassEntered> => {
    const { pile, round } = await requirePile(trx, input.pileId);
    const ballot = canonicalBallot(input.ballot);
    const content = JSON.stringify(ballot);
    const candidates = await listCandidates(trx, round.id);
    const seats = await roundBallotSeats(trx, round);
    const classify = () => classifyBallot(ballot, { candidates, ...seats });
    const existing = await trx.selectFrom('pile_entry').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (existing) {
      const same = existing.pile_id === pile.id && existing.pass === input.pass && sameBallot(JSON.parse(existing.content) as Ballot, ballot) && (input.position === undefined || input.position === existing.position);
      if (!same) refuse(refusal('conflict', 'ballot_id_reused', 'mã phiếu này đã dùng cho một phiếu khác', 'this ballot id was already used for a different ballot', 'id'));
      const verdict = classify();
      return { entry: toPileEntry(existing), verdict: verdict.ok ? verdict.value : { valid: true }, progress: await progressOf(trx, pile, input.pass), created: false };
    }
    requireState(round, ['counting'], counting);
    await requireDoubleEntry(trx, round);
    requireOwnPass(pile, input.pass, actor, await passTypists(trx, pile.id));
    const verdict = classify();
    if (!verdict.ok) refuse(fromProblem(verdict.error));
    const position = input.position ?? (await progressOf(trx, pile, input.pass)).next;
    if (position > pile.declared) {
      refuse(refusal('conflict', 'pile_full', `xấp phiếu số ${pile.number} khai ${pile.declared} phiếu: ${passWords(input.pass).vi} đã đủ. Nếu xấp có nhiều phiếu hơn, Trưởng ban sửa số đã khai`, `pile ${pile.number} is declared with ${pile.declared} ballots: ${passWords(input.pass).en} is full. If the pile holds more, the head corrects the declared count`, 'position'));
    }
    const taken = await trx.selectFrom('pile_entry').select('id').where('pile_id', '=', pile.id).where('pass', '=', input.pass).where('position', '=', position).where('voided_at', 'is', null).executeTakeFirst();
    if (taken) refuse(refusal('conflict', 'position_taken', `vị trí ${position} đã có phiếu: hủy phiếu đó trước khi nhập lại`, `position ${position} already holds a ballot: void it before typing it again`, 'position'));
    const at = isoNow(ctx);
    await trx.insertInto('pile_entry').values({ id: input.id, pile_id: pile.id, pass: input.pass, position, content, entered_by: actor.id, entered_at: at, void_reason: null, voided_by: null, voided_at: null }).execute();
    await appendAudit(trx, { at, actor: actor.id, action: 'pile.enter', entity: 'pile_entry', entityId: input.id, after: { pileId: pile.id, pile: pile.number, pass: input.pass, position, ballot, contentHash: contentHash(content) } });
    const row = await trx.selectFrom('pile_entry').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow();
    return { entry: toPileEntry(row), verdict: verdict.value, progress: await progressOf(trx, pile, input.pass), created: true };
  });
}

/** Voids a typed entry (its typist or the head): it stays, marked void; the position is free to type again. */
export async function voidPileEntry(ctx: StoreContext, actor: Actor, entryId: string, reason: string) {
  return inTransaction(ctx, async (trx) => {
    const row = (await trx.selectFrom('pile_entry').selectAll().where('id', '=', entryId).executeTakeFirst()) ?? refuse(notFound('entry', 'phiếu đã nhập'));
    const { pile, round } = await requirePile(trx, row.pile_id);
    requireState(round, ['counting'], { vi: 'hủy phiếu đã nhập', en: 'void an entry' });
    if (row.entered_by !== actor.id && actor.role !== 'head') refuse(refusal('forbidden', 'not_your_entry', 'chỉ người nhập hoặc Trưởng ban được hủy phiếu này', 'only its typist or the head may void this entry'));
    if (row.voided_at) refuse(refusal('conflict', 'already_void', 'phiếu này đã bị hủy trước đó', 'this entry is already void'));
    const at = isoNow(ctx);
    await trx.updateTable('pile_entry').set({ void_reason: reason, voided_by: actor.id, voided_at: at }).where('id', '=', entryId).execute();
    await appendAudit(trx, { at, actor: actor.id, action: 'pile.void', entity: 'pile_entry', entityId: entryId, before: { pile: pile.number, pass: row.pass, position: row.position, ballot: JSON.parse(row.content) }, after: { reason } });
    return { entry: toPileEntry(await trx.selectFrom('pile_entry').selectAll().where('id', '=', entryId).executeTakeFirstOrThrow()), roundId: round.id };
  });
}

/**
 * Frees a pass its typist cannot finish (the head, with the reason): every entry of the pass is voided,
 * and another member — one who has not typed the other pass — types it again from the first ballot.
 */
export async function releasePass(ctx: StoreContext, actor: Actor, input: { pileId: string; pass: Pass; reason: string }) {
  return inTransaction(ctx, async (trx) => {
    const { pile, round } = await requirePile(trx, input.pileId);
    requireState(round, ['counting'], { vi: 'giao lại lần nhập', en: 'release an entry' });
    const standing = await trx.selectFrom('pile_entry').select(['id', 'entered_by']).where('pile_id', '=', pile.id).where('pass', '=', input.pass).where('voided_at', 'is', null).execute();
    if (standing.length === 0) refuse(refusal('conflict', 'pass_empty', `${passWords(input.pass).vi} của xấp phiếu số ${pile.number} chưa có phiếu nào`, `${passWords(input.pass).en} of pile ${pile.number} holds no ballots`));
    const at = isoNow(ctx);
    await trx.updateTable('pile_entry').set({ void_reason: input.reason, voided_by: actor.id, voided_at: at }).where('pile_id', '=', pile.id).where('pass', '=', input.pass).where('voided_at', 'is', null).execute();
    const typists = [...new Set(standing.map((e) => e.entered_by))];
    await appendAudit(trx, { at, actor: actor.id, action: 'pile.release', entity: 'pile', entityId: pile.id, before: { pile: pile.number, pass: input.pass, entries: standing.length, typists }, after: { reason: input.reason } });
    return { roundId: round.id, pile: pile.number, pass: input.pass, voided: standing.length };
  });
}

/** Whether both passes of a pile are complete, and so compared: from then on both may be read. */
export async function isCompared(db: DB, pile: Pile): Promise<boolean> {
  const status = (await pileStatuses(db, pile.roundId)).find((p) => p.id === pile.id);
  return status !== undefined && status.waitingFor.every((w) => w.for !== 'pass');
}

/**
 * The ballots of one pass, for its own typist (to check and correct); once the pile is compared, for
 * every member. Before that nobody sees a pass someone else typed (mayReadPass).
 */
export async function passEntries(ctx: StoreContext, actor: Actor, pileId: string, pass: Pass) {
  return inTransaction(ctx, async (db) => {
    const { pile } = await requirePile(db, pileId);
    const typists = await passTypists(db, pileId);
    if (!mayReadPass({ readerId: actor.id, typists: [...typists.holding[pass]], compared: await isCompared(db, pile) })) {
      refuse(refusal('forbidden', 'other_pass', `${passWords(pass).vi} của xấp phiếu số ${pile.number} do người khác nhập: bạn không xem được`, `${passWords(pass).en} of pile ${pile.number} was typed by someone else: you may not see it`));
    }
    const rows = await db.selectFrom('pile_entry').selectAll().where('pile_id', '=', pileId).where('pass', '=', pass).where('voided_at', 'is', null).orderBy('position').execute();
    return { progress: await progressOf(db, pile, pass), entries: rows.map(toPileEntry) };
  });
}

/** The differences of one pile with both entries and any ruling (for the head's resolution screen). */
export async function pileDifferences(ctx: StoreContext, pileId: string) {
  return inTransaction(ctx, async (db) => {
    const { pile } = await requirePile(db, pileId);
    return (await pileStatuses(db, pile.roundId)).find((p) => p.id === pileId) as PileStatus;
  });
}

/**
 * The head rules on one difference with the paper ballot in hand: the ballot as it is on paper, and
 * why. The ruling settles that difference only, as it stands now (both entries are kept with it).
 */
export async function resolveDifference(ctx: StoreContext, actor: Actor, input: { pileId: string; position: number; ballot: Ballot; reason: string }) {
  return inTransaction(ctx, async (trx): Promise<PileRuling & { roundId: string }> => {
    const { pile, round } = await requirePile(trx, input.pileId);
    requireState(round, ['counting'], { vi: 'xử lý chỗ khác nhau', en: 'rule on a difference' });
    const status = (await pileStatuses(trx, round.id)).find((p) => p.id === pile.id);
    const difference: Difference | undefined = status?.differences.find((d) => d.position === input.position);
    if (!difference) {
      refuse(refusal('conflict', 'no_difference', `xấp phiếu số ${pile.number} không có chỗ khác nhau ở vị trí ${input.position} (hoặc chưa nhập đủ hai lần)`, `pile ${pile.number} has no difference at position ${input.position} (or is not yet entered twice)`, 'position'));
    }
    const ballot = canonicalBallot(input.ballot);
    const verdict = classifyBallot(ballot, { candidates: await listCandidates(trx, round.id), ...(await roundBallotSeats(trx, round)) });
    if (!verdict.ok) refuse(fromProblem(verdict.error));
    const at = isoNow(ctx);
    const ruling: PileRuling = { id: ctx.newId(), pileId: pile.id, position: input.position, first: difference.first, second: difference.second, ballot, reason: input.reason, resolvedBy: actor.id, resolvedAt: at };
    const json = (b: Ballot | null) => (b === null ? null : JSON.stringify(b));
    await trx
      .insertInto('pile_resolution')
      .values({ id: ruling.id, pile_id: pile.id, position: input.position, first: json(difference.first), second: json(difference.second), content: JSON.stringify(ballot), reason: input.reason, resolved_by: actor.id, resolved_at: at })
      .execute();
    await appendAudit(trx, { at, actor: actor.id, action: 'pile.resolve', entity: 'pile', entityId: pile.id, before: { pile: pile.number, position: input.position, first: difference.first, second: difference.second }, after: { ballot, reason: input.reason, rulingId: ruling.id, contentHash: contentHash(JSON.stringify(ballot)) } });
    return { ...ruling, roundId: round.id };
  });
}
