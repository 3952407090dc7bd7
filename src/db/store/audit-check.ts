import { countRecord, type ElectionRecord, type ElectionResult } from '../../domain/index.js';
import { canonicalize } from '../../results-file/canonical.js';
import { verifyAuditChain } from '../audit.js';
import { checkStoredBallots, type BallotProblem, type CertifiedRecount } from '../ballot-check.js';
import type { DB } from '../connection.js';
import { roundRecord } from './records.js';

/**
 * Each certified round counted again from the ballots stored now, and compared with its signed
 * results file: the record's ballots one by one, and the result (issue 14.8). A ballot of a certified
 * round changed in the file after certification shows here even if its audit entry were rewritten.
 */
export async function recountCertified(db: DB): Promise<CertifiedRecount[]> {
  const certified = await db.selectFrom('certification').innerJoin('round', 'round.id', 'certification.round_id').select(['certification.round_id', 'certification.file', 'round.number']).execute();
  const recounts: CertifiedRecount[] = [];
  for (const c of certified) {
    const signed = JSON.parse(c.file) as { record: ElectionRecord; result: ElectionResult };
    const record = await roundRecord(db, c.round_id);
    const count = countRecord(record);
    const sameBallots = canonicalize(record.ballots) === canonicalize(signed.record.ballots);
    const sameResult = count.ok && canonicalize(count.value) === canonicalize(signed.result);
    const matches = sameBallots && sameResult;
    const what = !sameBallots ? { vi: 'phiếu lưu khác với phiếu trong tệp kết quả đã ký', en: 'the stored ballots differ from those in the signed results file' } : !sameResult ? { vi: 'kiểm lại cho kết quả khác với tệp đã ký', en: 'the recount gives another result than the signed file' } : { vi: 'khớp với tệp kết quả đã ký', en: 'matches its signed results file' };
    recounts.push({ roundId: c.round_id, matches, vi: `vòng ${c.number} (${c.round_id}): ${what.vi}`, en: `round ${c.number} (${c.round_id}): ${what.en}` });
  }
  return recounts;
}

export interface AuditCheck {
  /** Everything below holds. */
  ok: boolean;
  /** The hash chain holds (entries, head; or where it breaks and why). */
  chainOk: boolean;
  entries: number;
  head?: string;
  brokenAt?: number;
  reason?: string;
  ballots: { checked: number; unchecked: number; problems: BallotProblem[] };
  certified: CertifiedRecount[];
}

/**
 * The audit check (`/api/audit/verify`, and at every start): the hash chain, every stored ballot
 * against its audit entry, and every certified round against its signed file. `ok` only if all hold.
 */
export async function checkAudit(db: DB): Promise<AuditCheck> {
  const chain = await verifyAuditChain(db);
  const ballots = await checkStoredBallots(db);
  const certified = await recountCertified(db);
  return { ...chain, ok: chain.ok && ballots.problems.length === 0 && certified.every((c) => c.matches), chainOk: chain.ok, ballots, certified };
}
