import type SQLite from 'better-sqlite3';
import { classifyBallot, defaultEntryMode, type AlternatesMethod, type Ballot, type BallotVerdict, type Candidate, type EntryMode, type Result, type Round, type StoredBallot } from '../../domain/index.js';
import { appendAudit, appendAuditNow } from '../audit.js';
import { keptWhileUnchanged } from '../changes.js';
import type { DB } from '../connection.js';
import { inTransaction, isoNow, type Actor, type StoreContext } from '../context.js';
import { groupCommit } from '../group-commit.js';
import { prepared } from '../prepared.js';
import { fromProblem, notFound, refuse, refusal, type Refusal } from '../refusal.js';
import { ballotSeats, toRound, toStoredBallot } from '../rows.js';
import type { BallotRow, RoundRow } from '../schema.js';
import { requireRound, requireState } from './elections.js';

/** One form for storing and comparing: struck numbers ascending, marks by number. */
export function canonicalBallot(ballot: Ballot): Ballot {
  if ('struck' in ballot) return { struck: [...ballot.struck].sort((a, b) => a - b) };
  if ('marks' in ballot) {
    const keys = Object.keys(ballot.marks).sort((a, b) => Number(a) - Number(b));
    return { marks: Object.fromEntries(keys.map((k) => [k, ballot.marks[k]])) };
  }
  return { invalid: ballot.invalid };
}

export interface Entered {
  ballot: StoredBallot;
  verdict: BallotVerdict;
  /** false: the same ballot id was entered before (a retry); nothing new was counted. */
  created: boolean;
}

/** The reads the entry of a ballot needs, on the raw connection inside the group commit's transaction. */
const roundNow = (sqlite: SQLite.Database, id: string): Round | null => {
  const row = prepared(sqlite, 'SELECT * FROM round WHERE id = ?').get(id) as RoundRow | undefined;
  return row ? toRound(row) : null;
};

/** entryModeOf, synchronously: the mode chosen for the round, else (a ballot keeping many names) the round before's, else the default. */
function entryModeNow(sqlite: SQLite.Database, round: Round): EntryMode {
  const chosen = prepared(sqlite, 'SELECT mode FROM round_entry_mode WHERE round_id = ?').get(round.id) as { mode: EntryMode } | undefined;
  if (chosen) return chosen.mode;
  if (round.number > 1 && defaultEntryMode(round) === 'double') {
    const before = prepared(sqlite, 'SELECT * FROM round WHERE election_id = ? AND number = ?').get(round.electionId, round.number - 1) as RoundRow | undefined;
    if (before) return entryModeNow(sqlite, toRound(before));
  }
  return defaultEntryMode(round);
}

type EntryRound = { round: Round; candidates: Candidate[]; mode: EntryMode; method: AlternatesMethod | null };
/** What ballot entry reads of a round, kept while no round, list, entry mode or election has changed (changes.ts). */
const keptEntryRound = keptWhileUnchanged<EntryRound>(['round', 'candidate', 'round_entry_mode', 'election'], 64);

/**
 * The round a ballot is entered into, its list and its entry mode: read once, and again only after
 * one of them has changed (a ballot changes none of them), not for every batch of ballots.
 */
function roundForEntry(sqlite: SQLite.Database, roundId: string): EntryRound {
  return keptEntryRound(sqlite, roundId, () => {
    const round = roundNow(sqlite, roundId) ?? refuse(notFound('round', 'vòng bầu'));
    const candidates = prepared(sqlite, 'SELECT no, name FROM candidate WHERE round_id = ? ORDER BY no').all(round.id) as Candidate[];
    const { alternates_method: method } = prepared(sqlite, 'SELECT alternates_method FROM election WHERE id = ?').get(round.electionId) as { alternates_method: AlternatesMethod | null };
    return { round, candidates, mode: entryModeNow(sqlite, round), method };
  })!;
}

/**
 * Enters one ballot under the id the client made for it. The same id with the same ballot is a
 * retry and counts once; the same id with another ballot is refused. A number not on the list or
 * the wrong style stores nothing. The hottest path of the counting room: plain prepared statements
 * in a group commit, so that ballots from several clerks share one fsync and each is on disk before
 * its caller hears back.
 */
export function enterBallot(ctx: StoreContext, actor: Actor, input: { id: string; roundId: string; ballot: Ballot }): Promise<Result<Entered, Refusal>> {
  const ballot = canonicalBallot(input.ballot);
  const content = JSON.stringify(ballot);
  return groupCommit(ctx.db).run((sqlite): Entered => {
    const { round, candidates, mode, method } = roundForEntry(sqlite, input.roundId);
    const classify = () => classifyBallot(ballot, { candidates, ...ballotSeats(round, method) });
    const existing = prepared(sqlite, 'SELECT * FROM ballot WHERE id = ?').get(input.id) as BallotRow | undefined;
    if (existing) {
      if (existing.round_id !== round.id || existing.content !== content) {
        refuse(refusal('conflict', 'ballot_id_reused', 'mã phiếu này đã dùng cho một phiếu khác', 'this ballot id was already used for a different ballot', 'id'));
      }
      const verdict = classify();
      return { ballot: toStoredBallot(existing), verdict: verdict.ok ? verdict.value : { valid: true }, created: false };
    }
    requireState(round, ['counting'], { vi: 'nhập phiếu', en: 'enter ballots' });
    if (mode === 'double') {
      refuse(refusal('conflict', 'double_entry', 'vòng bầu này nhập hai lần theo xấp phiếu: hãy chọn xấp và lần nhập', 'this round uses double entry: enter ballots into a pile and a pass'));
    }
    const verdict = classify();
    if (!verdict.ok) refuse(fromProblem(verdict.error));
    const at = isoNow(ctx);
    const { lastInsertRowid } = prepared(sqlite, 'INSERT INTO ballot (id, round_id, content, entered_by, entered_at) VALUES (?, ?, ?, ?, ?)').run(input.id, round.id, content, actor.id, at);
    appendAuditNow(sqlite, { at, actor: actor.id, action: 'ballot.enter', entity: 'ballot', entityId: input.id, after: { roundId: round.id, ballot } });
    const stored: StoredBallot = { id: input.id, seq: Number(lastInsertRowid), roundId: round.id, ballot, enteredBy: actor.id, enteredAt: at, void: null };
    return { ballot: stored, verdict: verdict.value, created: true };
  });
}

export async function listBallots(db: DB, roundId: string, opts: { includeVoid?: boolean; afterSeq?: number; limit?: number } = {}): Promise<StoredBallot[]> {
  let q = db.selectFrom('ballot').selectAll().where('round_id', '=', roundId).where('seq', '>', opts.afterSeq ?? 0);
  if (!opts.includeVoid) q = q.where('voided_at', 'is', null);
  if (opts.limit) q = q.limit(opts.limit);
  return (await q.orderBy('seq').execute()).map(toStoredBallot);
}

export async function countedBallots(db: DB, roundId: string): Promise<Ballot[]> {
  const rows = await db.selectFrom('ballot').select('content').where('round_id', '=', roundId).where('voided_at', 'is', null).orderBy('seq').execute();
  return rows.map((r) => JSON.parse(r.content) as Ballot);
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
