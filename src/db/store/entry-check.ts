import type { Round } from '../../domain/index.js';
import type { EntryFacts } from '../../results-file/format.js';
import type { DB } from '../connection.js';
import type { Refusal } from '../refusal.js';
import { entryModeOf } from './base.js';
import { doubleEntryBlocker, entrySummary } from './pile-status.js';
import { secondCountBlocker, secondCountOf } from './second-count.js';

/**
 * Why the entry of a round does not allow closing (or certifying) its count, null when it does:
 * double entry — a pile waiting for an entry or a ruling, or piles that do not add up to the ballots
 * collected; single entry — a second count begun that is incomplete or differs from the first.
 */
export async function entryBlocker(db: DB, round: Round): Promise<Refusal | null> {
  if ((await entryModeOf(db, round)) === 'double') return doubleEntryBlocker(db, round);
  return secondCountBlocker(await secondCountOf(db, round));
}

/** How a round's ballots were entered, as the signed results file and the minutes record it. */
export async function entryFacts(db: DB, round: Round): Promise<EntryFacts> {
  const summary = await entrySummary(db, round);
  if (summary.mode === 'double') return { mode: 'double', piles: summary.reconciliation.piles, differencesResolved: summary.reconciliation.resolvedDifferences, secondCount: false };
  return { mode: 'single', piles: 0, differencesResolved: 0, secondCount: (await secondCountOf(db, round))?.agrees ?? false };
}
