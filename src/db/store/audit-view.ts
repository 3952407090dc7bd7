import { mayReadPass } from '../../domain/index.js';
import { listAudit, type AuditEntry } from '../audit.js';
import type { DB } from '../connection.js';
import type { Actor } from '../context.js';
import { toPile } from '../rows.js';
import { isCompared } from './piles.js';

/** What an entry of a pass says about the ballot: hidden from other members until the pile is compared. */
const CONTENT_KEYS = ['ballot', 'contentHash'];

function withoutContents(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return { ...Object.fromEntries(Object.entries(value).filter(([key]) => !CONTENT_KEYS.includes(key))), hidden: true };
}

/**
 * The audit log as `reader` may see it: an entry typing or voiding a ballot of a pass that `reader`
 * did not type keeps its place, who and when, but not the ballot (nor its hash, which a few guesses
 * would reverse) until the pile is compared (issue 14.2). The hash chain is checked on the server
 * (/api/audit/verify), over the entries as stored.
 */
export async function auditFor(db: DB, reader: Actor, opts: { afterSeq?: number; limit?: number; entityId?: string }): Promise<AuditEntry[]> {
  const entries = await listAudit(db, opts);
  const entryIds = [...new Set(entries.filter((e) => e.entity === 'pile_entry').map((e) => e.entityId))];
  if (entryIds.length === 0) return entries;
  const typed = await db.selectFrom('pile_entry').select(['id', 'pile_id', 'pass', 'entered_by']).where('id', 'in', entryIds).execute();
  const byId = new Map(typed.map((t) => [t.id, t]));
  const piles = (await db.selectFrom('pile').selectAll().where('id', 'in', [...new Set(typed.map((t) => t.pile_id))]).execute()).map(toPile);
  const compared = new Map<string, boolean>();
  for (const pile of piles) compared.set(pile.id, await isCompared(db, pile));
  return entries.map((entry) => {
    const row = entry.entity === 'pile_entry' ? byId.get(entry.entityId) : undefined;
    if (!row || mayReadPass({ readerId: reader.id, typists: [row.entered_by], compared: compared.get(row.pile_id) ?? false })) return entry;
    return { ...entry, before: withoutContents(entry.before), after: withoutContents(entry.after) };
  });
}
