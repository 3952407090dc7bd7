import { contentHash, listAudit, type AuditEntry } from './audit.js';
import type { DB } from './connection.js';

/**
 * Every stored ballot is tied to the audit entry that stored it: the entry names the row (its id,
 * round or pile, pass and position), who typed it and when, and carries the hash of its content;
 * a void is tied to the entry that voided it. The audit log is a hash chain, so an entry cannot be
 * changed to match a changed row without breaking the chain. A row added, changed or removed outside
 * the software (the SQLite file edited by hand, triggers dropped and recreated) no longer matches,
 * and is named here (issue 14.8).
 */

export type BallotTableName = 'ballot' | 'pile_entry' | 'second_count_ballot' | 'pile_resolution';

export interface BallotProblem {
  table: BallotTableName;
  id: string;
  problem: 'not_in_audit' | 'content_changed' | 'row_changed' | 'void_changed' | 'row_missing';
  vi: string;
  en: string;
}

interface Tie {
  actor: string;
  at: string;
  hash: string;
  /** Other columns the entry names, as the row must hold them. */
  columns: Record<string, string | number>;
}

interface VoidTie {
  actor: string;
  at: string;
  reason: string;
}

const words: Record<BallotProblem['problem'], (table: string, id: string) => { vi: string; en: string }> = {
  not_in_audit: (t, id) => ({ vi: `${t} ${id}: có trong cơ sở dữ liệu nhưng không có trong nhật ký (thêm ngoài phần mềm)`, en: `${t} ${id}: in the database but not in the audit log (added outside the software)` }),
  content_changed: (t, id) => ({ vi: `${t} ${id}: nội dung phiếu khác với khi nhập (sửa ngoài phần mềm)`, en: `${t} ${id}: the ballot differs from the one entered (changed outside the software)` }),
  row_changed: (t, id) => ({ vi: `${t} ${id}: người nhập, thời điểm hoặc vị trí khác với nhật ký`, en: `${t} ${id}: its typist, time or place differs from the audit log` }),
  void_changed: (t, id) => ({ vi: `${t} ${id}: việc hủy phiếu khác với nhật ký`, en: `${t} ${id}: its void differs from the audit log` }),
  row_missing: (t, id) => ({ vi: `${t} ${id}: có trong nhật ký nhưng không còn trong cơ sở dữ liệu (bị xóa)`, en: `${t} ${id}: in the audit log but gone from the database (deleted)` }),
};

const problem = (table: BallotTableName, id: string, kind: BallotProblem['problem']): BallotProblem => ({ table, id, problem: kind, ...words[kind](table, id) });

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' ? (v as Obj) : {});
/** The hash an entry carries, or (entries written before it did) the hash of the ballot it carries. */
const hashOf = (after: Obj): string => (typeof after.contentHash === 'string' ? after.contentHash : contentHash(JSON.stringify(after.ballot)));

/** What the audit log says each ballot row must be: by table, by row id. */
function tiesFrom(entries: AuditEntry[]) {
  const enters = new Map<BallotTableName, Map<string, Tie>>([['ballot', new Map()], ['pile_entry', new Map()], ['second_count_ballot', new Map()], ['pile_resolution', new Map()]]);
  const voids = new Map<string, VoidTie>();
  /** Pass releases void every standing entry of a pass at once: pile id and pass → the release. */
  const releases = new Map<string, VoidTie[]>();
  /** Rulings written before they named their row: pile, position, time and head. */
  const rulings: { pileId: string; position: number; tie: Tie }[] = [];
  /** Rounds imported before imports carried each ballot's hash: their ballots cannot be checked. */
  const legacyImports: { at: string; actor: string }[] = [];
  for (const e of entries) {
    const before = obj(e.before);
    const after = obj(e.after);
    switch (e.action) {
      case 'ballot.enter':
        enters.get('ballot')!.set(e.entityId, { actor: e.actor, at: e.at, hash: hashOf(after), columns: { round_id: String(after.roundId) } });
        break;
      case 'second_count.enter':
        enters.get('second_count_ballot')!.set(e.entityId, { actor: e.actor, at: e.at, hash: hashOf(after), columns: { round_id: String(after.roundId) } });
        break;
      case 'pile.enter':
        enters.get('pile_entry')!.set(e.entityId, { actor: e.actor, at: e.at, hash: hashOf(after), columns: { pile_id: String(after.pileId), pass: Number(after.pass), position: Number(after.position) } });
        break;
      case 'pile.resolve': {
        const tie = { actor: e.actor, at: e.at, hash: hashOf(after), columns: { pile_id: e.entityId, position: Number(before.position), reason: String(after.reason) } };
        if (typeof after.rulingId === 'string') enters.get('pile_resolution')!.set(after.rulingId, tie);
        else rulings.push({ pileId: e.entityId, position: Number(before.position), tie });
        break;
      }
      case 'election.import':
        if (after.ballotHashes && typeof after.ballotHashes === 'object') {
          for (const [id, hash] of Object.entries(after.ballotHashes as Record<string, string>)) enters.get('ballot')!.set(id, { actor: e.actor, at: e.at, hash, columns: { round_id: String(after.roundId) } });
        } else legacyImports.push({ at: e.at, actor: e.actor });
        break;
      case 'ballot.void':
      case 'pile.void':
      case 'second_count.void':
        voids.set(`${e.action.split('.')[0]}:${e.entityId}`, { actor: e.actor, at: e.at, reason: String(after.reason) });
        break;
      case 'pile.release': {
        const key = `${e.entityId}:${String(before.pass)}`;
        releases.set(key, [...(releases.get(key) ?? []), { actor: e.actor, at: e.at, reason: String(after.reason) }]);
        break;
      }
    }
  }
  return { enters, voids, releases, rulings, legacyImports };
}

interface Row {
  id: string;
  content: string;
  by: string;
  at: string;
  columns: Record<string, string | number>;
  void: { by: string | null; at: string | null; reason: string | null } | null;
}

/** Ballot rows, with their void where the table has one, in a common shape. */
async function rowsOf(db: DB): Promise<Map<BallotTableName, Row[]>> {
  const voidOf = (r: { voided_by: string | null; voided_at: string | null; void_reason: string | null }) => ({ by: r.voided_by, at: r.voided_at, reason: r.void_reason });
  const ballots = await db.selectFrom('ballot').selectAll().execute();
  const second = await db.selectFrom('second_count_ballot').selectAll().execute();
  const entries = await db.selectFrom('pile_entry').selectAll().execute();
  const rulings = await db.selectFrom('pile_resolution').selectAll().execute();
  return new Map<BallotTableName, Row[]>([
    ['ballot', ballots.map((r) => ({ id: r.id, content: r.content, by: r.entered_by, at: r.entered_at, columns: { round_id: r.round_id }, void: voidOf(r) }))],
    ['second_count_ballot', second.map((r) => ({ id: r.id, content: r.content, by: r.entered_by, at: r.entered_at, columns: { round_id: r.round_id }, void: voidOf(r) }))],
    ['pile_entry', entries.map((r) => ({ id: r.id, content: r.content, by: r.entered_by, at: r.entered_at, columns: { pile_id: r.pile_id, pass: r.pass, position: r.position }, void: voidOf(r) }))],
    ['pile_resolution', rulings.map((r) => ({ id: r.id, content: r.content, by: r.resolved_by, at: r.resolved_at, columns: { pile_id: r.pile_id, position: r.position, reason: r.reason }, void: null }))],
  ]);
}

const VOID_ACTION: Record<BallotTableName, string> = { ballot: 'ballot', second_count_ballot: 'second_count', pile_entry: 'pile', pile_resolution: '' };

/** Every ballot row against its audit entries: the rows checked, and each one that does not match, named. */
export async function checkStoredBallots(db: DB): Promise<{ checked: number; unchecked: number; problems: BallotProblem[] }> {
  const entries = await listAudit(db, { limit: Number.MAX_SAFE_INTEGER });
  const { enters, voids, releases, rulings, legacyImports } = tiesFrom(entries);
  const problems: BallotProblem[] = [];
  let checked = 0;
  let unchecked = 0;
  for (const [table, rows] of await rowsOf(db)) {
    const ties = enters.get(table)!;
    for (const row of rows) {
      let tie = ties.get(row.id);
      if (!tie && table === 'pile_resolution') tie = rulings.find((r) => r.pileId === row.columns.pile_id && r.position === row.columns.position && r.tie.at === row.at && r.tie.actor === row.by)?.tie;
      if (!tie && table === 'ballot' && legacyImports.some((i) => i.at === row.at && i.actor === row.by)) {
        unchecked++;
        continue;
      }
      checked++;
      ties.delete(row.id);
      if (!tie) {
        problems.push(problem(table, row.id, 'not_in_audit'));
        continue;
      }
      if (contentHash(row.content) !== tie.hash) problems.push(problem(table, row.id, 'content_changed'));
      else if (tie.actor !== row.by || tie.at !== row.at || Object.entries(tie.columns).some(([k, v]) => row.columns[k] !== v)) problems.push(problem(table, row.id, 'row_changed'));
      else if (row.void && !voidMatches(row, voids.get(`${VOID_ACTION[table]}:${row.id}`), releases.get(`${String(row.columns.pile_id)}:${String(row.columns.pass)}`))) problems.push(problem(table, row.id, 'void_changed'));
    }
    for (const id of ties.keys()) problems.push(problem(table, id, 'row_missing'));
  }
  return { checked, unchecked, problems };
}

function voidMatches(row: Row, own: VoidTie | undefined, releases: VoidTie[] | undefined): boolean {
  const v = row.void!;
  if (v.at === null) return own === undefined;
  const same = (t: VoidTie) => t.actor === v.by && t.at === v.at && t.reason === v.reason;
  return (own !== undefined && same(own)) || (releases ?? []).some(same);
}

export interface CertifiedRecount {
  roundId: string;
  /** The result counted again from the ballots stored now equals the signed file's, ballot for ballot. */
  matches: boolean;
  vi: string;
  en: string;
}
