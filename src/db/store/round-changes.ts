import { listAudit, type AuditEntry } from '../audit.js';
import type { DB } from '../connection.js';

/** What changed in a round: its ballots (entered, voided, typed in a pile, ruled on), or the round itself (state, counts, list, display, entry mode). */
export type RoundChange = 'ballots' | 'round';

type Obj = Record<string, unknown>;
const field = (value: unknown, key: string): string | undefined => {
  const v = value !== null && typeof value === 'object' ? (value as Obj)[key] : undefined;
  return typeof v === 'string' ? v : undefined;
};

/** The rounds one audit entry changed, and how; the rows it names are read where the entry does not say. */
async function changesOf(db: DB, e: AuditEntry): Promise<[string, RoundChange][]> {
  const roundsOfElection = async (electionId: string): Promise<[string, RoundChange][]> =>
    (await db.selectFrom('round').select('id').where('election_id', '=', electionId).execute()).map((r) => [r.id, 'round']);
  switch (e.entity) {
    case 'round':
      return [[e.entityId, 'round']];
    case 'candidate': {
      const roundId = field(e.before, 'roundId') ?? (await db.selectFrom('candidate').select('round_id').where('id', '=', e.entityId).executeTakeFirst())?.round_id;
      return roundId ? [[roundId, 'round']] : [];
    }
    case 'election':
      return roundsOfElection(e.entityId);
    case 'ballot': {
      const roundId = field(e.after, 'roundId') ?? (await db.selectFrom('ballot').select('round_id').where('id', '=', e.entityId).executeTakeFirst())?.round_id;
      return roundId ? [[roundId, 'ballots']] : [];
    }
    case 'second_count_ballot': {
      const roundId = field(e.after, 'roundId') ?? (await db.selectFrom('second_count_ballot').select('round_id').where('id', '=', e.entityId).executeTakeFirst())?.round_id;
      return roundId ? [[roundId, 'ballots']] : [];
    }
    case 'pile': {
      // A withdrawn pile is gone from its table: its entry names the round.
      const roundId = field(e.before, 'roundId') ?? field(e.after, 'roundId') ?? (await db.selectFrom('pile').select('round_id').where('id', '=', e.entityId).executeTakeFirst())?.round_id;
      return roundId ? [[roundId, 'ballots']] : [];
    }
    case 'pile_entry': {
      const pile = await db.selectFrom('pile_entry').innerJoin('pile', 'pile.id', 'pile_entry.pile_id').select('pile.round_id').where('pile_entry.id', '=', e.entityId).executeTakeFirst();
      return pile ? [[pile.round_id, 'ballots']] : [];
    }
    default:
      // The congress, members, sessions, the key, the archive: no round's live tally shows them.
      return [];
  }
}

/**
 * Every round changed by the audit entries after `afterSeq`, once each ('round' over 'ballots':
 * a change of the round itself redraws all of it). Live updates are published from here, as the
 * audit log moves, so that no change (a candidate renamed, the entry mode chosen) is left out.
 */
export async function roundChangesAfter(db: DB, afterSeq: number): Promise<{ lastSeq: number; changes: Map<string, RoundChange> }> {
  const entries = await listAudit(db, { afterSeq, limit: Number.MAX_SAFE_INTEGER });
  const changes = new Map<string, RoundChange>();
  for (const e of entries) {
    for (const [roundId, change] of await changesOf(db, e)) if (changes.get(roundId) !== 'round') changes.set(roundId, change);
  }
  return { lastSeq: entries.at(-1)?.seq ?? afterSeq, changes };
}
