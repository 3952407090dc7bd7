import { createHash } from 'node:crypto';
import type { DB } from './connection.js';
import type { AuditRow } from './schema.js';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of a stored ballot's content (its column, as stored): the audit entry that enters a ballot
 * carries it, so that a row added or changed outside the software is found (ballot-check.ts).
 */
export const contentHash = (content: string): string => createHash('sha256').update(content).digest('hex');

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

export interface AuditInput {
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

function entryHash(prevHash: string, e: { at: string; actor: string; action: string; entity: string; entityId: string; before: string | null; after: string | null }): string {
  const body = JSON.stringify([prevHash, e.at, e.actor, e.action, e.entity, e.entityId, e.before, e.after]);
  return createHash('sha256').update(body).digest('hex');
}

function chainedRow(prevHash: string, input: AuditInput) {
  const before = input.before === undefined ? null : JSON.stringify(input.before);
  const after = input.after === undefined ? null : JSON.stringify(input.after);
  const hash = entryHash(prevHash, { at: input.at, actor: input.actor, action: input.action, entity: input.entity, entityId: input.entityId, before, after });
  return { at: input.at, actor: input.actor, action: input.action, entity: input.entity, entity_id: input.entityId, before, after, prev_hash: prevHash, hash };
}

/** Appends an entry chained to the one before; call inside the transaction that makes the change. */
export async function appendAudit(db: DB, input: AuditInput): Promise<string> {
  const last = await db.selectFrom('audit').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const row = chainedRow(last?.hash ?? GENESIS_HASH, input);
  await db.insertInto('audit').values(row).execute();
  return row.hash;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  before: r.before === null ? null : JSON.parse(r.before),
  after: r.after === null ? null : JSON.parse(r.after),
  prevHash: r.prev_hash,
  hash: r.hash,
});

export async function listAudit(db: DB, opts: { afterSeq?: number; limit?: number; entityId?: string } = {}): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit').selectAll().where('seq', '>', opts.afterSeq ?? 0);
  if (opts.entityId) q = q.where('entity_id', '=', opts.entityId);
  const rows = await q.orderBy('seq').limit(opts.limit ?? 1000).execute();
  return rows.map(toEntry);
}

export async function auditHead(db: DB): Promise<{ seq: number; hash: string }> {
  const last = await db.selectFrom('audit').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return last ?? { seq: 0, hash: GENESIS_HASH };
}

export type ChainCheck = { ok: true; entries: number; head: string } | { ok: false; entries: number; brokenAt: number; reason: string };

/** Recomputes every hash from the first entry: any edit, removal or reordering breaks the chain. */
export async function verifyAuditChain(db: DB): Promise<ChainCheck> {
  const rows = await db.selectFrom('audit').selectAll().orderBy('seq').execute();
  let prev = GENESIS_HASH;
  for (const r of rows) {
    if (r.prev_hash !== prev) return { ok: false, entries: rows.length, brokenAt: r.seq, reason: 'prev_hash does not match the entry before' };
    const expected = entryHash(prev, { at: r.at, actor: r.actor, action: r.action, entity: r.entity, entityId: r.entity_id, before: r.before, after: r.after });
    if (expected !== r.hash) return { ok: false, entries: rows.length, brokenAt: r.seq, reason: 'hash does not match the entry' };
    prev = r.hash;
  }
  return { ok: true, entries: rows.length, head: prev };
}
