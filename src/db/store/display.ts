import type { Candidate } from '../../domain/index.js';
import { appendAudit } from '../audit.js';
import type { DB } from '../connection.js';
import { inTransaction, isoNow, type Actor, type StoreContext } from '../context.js';
import { notFound, refuse, type Refusal } from '../refusal.js';
import { type Reconciliation, type RoundTally } from './records.js';
import { currentRoundTally } from './tally-memo.js';

export interface DisplaySetting {
  /** Show progress only (no standings) on the public display until the round is counted. */
  progressOnly: boolean;
}

export async function getDisplaySetting(db: DB, electionId: string): Promise<DisplaySetting | null> {
  const row = await db.selectFrom('election').select('display_progress_only').where('id', '=', electionId).executeTakeFirst();
  return row ? { progressOnly: row.display_progress_only === 1 } : null;
}

export async function setDisplaySetting(ctx: StoreContext, actor: Actor, electionId: string, setting: DisplaySetting) {
  return inTransaction(ctx, async (trx) => {
    const before = (await getDisplaySetting(trx, electionId)) ?? refuse(notFound('election', 'cuộc bầu'));
    await trx.updateTable('election').set({ display_progress_only: setting.progressOnly ? 1 : 0 }).where('id', '=', electionId).execute();
    await appendAudit(trx, { at: isoNow(ctx), actor: actor.id, action: 'election.display', entity: 'election', entityId: electionId, before, after: setting });
    return setting;
  });
}

/** What anyone may see of a round whose standings are held back: progress, the list, the threshold. */
export interface ProgressView {
  round: RoundTally['round'];
  reconciliation: Reconciliation;
  entry: RoundTally['entry'];
  provisional: true;
  standingsHidden: true;
  base: number;
  threshold: number;
  candidates: Candidate[];
}

export type DisplayTally = (RoundTally & { standingsHidden: false }) | ProgressView;

/** Standings are held back while the round is open and its election shows progress only. */
export async function standingsHeldBack(db: DB, tally: RoundTally): Promise<boolean> {
  if (!tally.provisional) return false;
  return (await getDisplaySetting(db, tally.round.electionId))?.progressOnly ?? false;
}

export function progressView(tally: RoundTally): ProgressView {
  const { round, reconciliation, result, entry } = tally;
  return {
    round,
    reconciliation,
    entry,
    provisional: true,
    standingsHidden: true,
    base: result.base,
    threshold: result.threshold,
    candidates: result.candidates.map((c) => ({ no: c.no, name: c.name })),
  };
}

/**
 * The tally as the public (display, no sign-in) may see it; the counting committee always sees the
 * standings.
 */
export async function displayTally(db: DB, roundId: string, opts: { committee: boolean }): Promise<{ ok: true; value: DisplayTally } | { ok: false; error: Refusal }> {
  const tally = await currentRoundTally(db, roundId);
  if (!tally.ok) return tally;
  if (!opts.committee && (await standingsHeldBack(db, tally.value))) return { ok: true, value: progressView(tally.value) };
  return { ok: true, value: { ...tally.value, standingsHidden: false } };
}

