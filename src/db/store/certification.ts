import { createHash, createPrivateKey, sign } from 'node:crypto';
import { countRecord, type Round } from '../../domain/index.js';
import { canonicalize } from '../../results-file/canonical.js';
import { base64url, SIGNED_RESULT_FORMAT, signedBytes, type CertificationFacts, type SignedResultFile, type UnsignedResultFile } from '../../results-file/format.js';
import { appendAudit, auditHead, listAudit } from '../audit.js';
import type { DB } from '../connection.js';
import { inTransaction, isoNow, type Actor, type StoreContext } from '../context.js';
import { fromProblem, notFound, refuse, refusal, type Refusal } from '../refusal.js';
import { getCongress, listMembers } from './congress.js';
import { congressKey } from './congress-key.js';
import { listRounds, requireRound } from './elections.js';
import { entryBlocker, entryFacts } from './entry-check.js';
import { electionOutcome, reconciliationOf, roundRecord } from './records.js';

/**
 * What stands between a counted round and its certification: the ballots entered must equal those
 * collected, and those collected must not exceed those issued; under double entry, every pile
 * settled (no unresolved difference between the two entries) and the piles adding up; under single
 * entry, a second count once begun must be complete and agree.
 */
export async function certificationProblems(db: DB, round: Round): Promise<Refusal[]> {
  const problems: Refusal[] = [];
  const { entered, collected, issued, reconciled } = await reconciliationOf(db, round);
  if (!reconciled) {
    problems.push(
      refusal('conflict', 'not_reconciled', `số phiếu không khớp: đã nhập ${entered}, thu vào ${collected ?? '—'}, phát ra ${issued ?? '—'}`, `the counts do not reconcile: ${entered} entered, ${collected ?? '—'} collected, ${issued ?? '—'} issued`),
    );
  }
  const entry = await entryBlocker(db, round);
  if (entry) problems.push(entry);
  return problems;
}

export interface CertifyInput {
  /** The congress's decision, required when the outcome is a tie or seats stay unfilled. */
  decision: string;
  /** The congress decided to stop with seats unfilled (or the tie unresolved). */
  stop: boolean;
}

/** Who ran the count and when, for the minutes: the committee as it stands, the entry times from the log. */
async function countFacts(db: DB, roundId: string) {
  const moves = (await listAudit(db, { entityId: roundId, limit: 5000 })).filter((e) => e.action === 'round.transition');
  const to = (state: string) => moves.filter((e) => (e.after as { state?: string } | null)?.state === state);
  const members = await listMembers(db);
  const committee = members.filter((m) => m.role === 'head' || m.role === 'member').map((m) => ({ name: m.name, role: m.role as 'head' | 'member' }));
  committee.sort((a, b) => (a.role === b.role ? 0 : a.role === 'head' ? -1 : 1));
  // Technical staff type ballots but are not the committee (Điều 8): named apart, never as members.
  const staff = members.filter((m) => m.role === 'staff').map((m) => ({ name: m.name }));
  return { committee, ...(staff.length > 0 ? { staff } : {}), countStartedAt: to('counting')[0]?.at ?? null, countEndedAt: to('counted').at(-1)?.at ?? null };
}

/**
 * The head certifies a counted round: its count reconciles and its outcome is settled, or the
 * congress's decision on what stays open is recorded. The signed results file is made and kept;
 * from here on the database refuses any change to the round.
 */
export async function certifyRound(ctx: StoreContext, actor: Actor, roundId: string, input: CertifyInput) {
  return inTransaction(ctx, async (trx) => {
    if (actor.role !== 'head') refuse(refusal('forbidden', 'head_only', 'chỉ Trưởng ban kiểm phiếu xác nhận kết quả', 'only the head of the counting committee certifies'));
    const round = await requireRound(trx, roundId);
    if (round.state === 'certified') refuse(refusal('conflict', 'already_certified', 'vòng bầu này đã được xác nhận', 'this round is already certified'));
    if (round.state !== 'counted') refuse(refusal('conflict', 'not_counted', 'chỉ xác nhận được vòng bầu đã kiểm xong', 'only a counted round can be certified'));
    const [problem] = await certificationProblems(trx, round);
    if (problem) refuse(problem);
    const record = await roundRecord(trx, roundId);
    const counted = countRecord(record);
    if (!counted.ok) return refuse(fromProblem(counted.error, 'conflict'));
    const result = counted.value;
    const next = (await listRounds(trx, round.electionId)).find((r) => r.number === round.number + 1);
    let { decision, stop } = input;
    if (result.outcome === 'complete') {
      if (stop) refuse(refusal('invalid', 'nothing_to_stop', 'kết quả đã đủ: không có gì để dừng', 'the outcome is complete: there is nothing to stop', 'stop'));
    } else if (next) {
      if (stop) refuse(refusal('conflict', 'next_round_exists', 'đại hội đã quyết định bầu vòng tiếp theo', 'the congress has decided on a next round', 'stop'));
      decision ||= next.decision;
    } else if (stop && (await electionOutcome(trx, round.electionId)).combined?.next?.mayStop === false) {
      refuse(
        refusal(
          'conflict',
          'must_continue',
          'đoàn đại biểu bầu lần thứ nhất chưa đủ số lượng thì bầu tiếp (Điều 20.2): chưa thể dừng',
          'a delegation short of its officials after the first round must vote again (Điều 20.2): it cannot stop yet',
          'stop',
        ),
      );
    } else if (!stop || decision === '') {
      refuse(
        refusal(
          'conflict',
          'decision_required',
          'kết quả chưa đủ (bằng phiếu hoặc thiếu số lượng): mở vòng bầu tiếp theo theo quyết định của đại hội, hoặc ghi quyết định dừng của đại hội',
          'the outcome is not complete (a tie or unfilled seats): open the next round the congress decided on, or record the congress’s decision to stop',
          'decision',
        ),
      );
    }
    const congress = (await getCongress(trx)) ?? refuse(notFound('congress', 'đại hội'));
    const key = await congressKey(ctx, trx, congress.id, actor.id);
    const head = await auditHead(trx);
    const at = isoNow(ctx);
    const certification: CertificationFacts = {
      congress: { name: congress.name, organisation: congress.organisation, place: congress.place, excludedReason: congress.excludedReason },
      ...(await countFacts(trx, roundId)),
      certifiedBy: { name: actor.name, role: 'head' },
      certifiedAt: at,
      decision,
      stopped: stop,
      entry: await entryFacts(trx, round),
      // The congress's own records carry no body; its members present go on the minutes from here.
      ...(record.body === undefined && round.present !== null ? { present: round.present } : {}),
    };
    const unsigned: UnsignedResultFile = { format: SIGNED_RESULT_FORMAT, record, result, certification, auditHead: head, publicKey: key.publicKey };
    const signature = base64url(sign(null, signedBytes(unsigned), createPrivateKey(key.privatePem)));
    const file = canonicalize({ ...unsigned, signature } satisfies SignedResultFile);
    const sha256 = createHash('sha256').update(file).digest('hex');
    await trx.insertInto('certification').values({ round_id: roundId, certified_by: actor.id, certified_at: at, decision, stopped: stop ? 1 : 0, file, sha256 }).execute();
    await trx.updateTable('round').set({ state: 'certified' }).where('id', '=', roundId).execute();
    await appendAudit(trx, { at, actor: actor.id, action: 'round.certify', entity: 'round', entityId: roundId, before: { state: round.state }, after: { state: 'certified', decision, stopped: stop, sha256 } });
    return { round: { ...round, state: 'certified' as const }, sha256, decision, stopped: stop };
  });
}

export interface Certification {
  roundId: string;
  certifiedAt: string;
  decision: string;
  stopped: boolean;
  /** SHA-256 of the file, hex: its fingerprint. */
  sha256: string;
  /** The signed results file, byte for byte as stored. */
  text: string;
  file: SignedResultFile;
}

export async function getCertification(db: DB, roundId: string): Promise<Certification | null> {
  const row = await db.selectFrom('certification').selectAll().where('round_id', '=', roundId).executeTakeFirst();
  if (!row) return null;
  return { roundId: row.round_id, certifiedAt: row.certified_at, decision: row.decision, stopped: row.stopped === 1, sha256: row.sha256, text: row.file, file: JSON.parse(row.file) as SignedResultFile };
}
