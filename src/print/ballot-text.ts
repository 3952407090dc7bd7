import type { Ballot, Candidate } from '../domain/index.js';
import { INVALID_REASON_VI } from './minutes.js';

const MARK_VI = { agree: 'đồng ý', disagree: 'không đồng ý', none: 'không đánh dấu', both: 'đánh cả hai ô' } as const;

/** A ballot as typed, in words with numbers: "gạch 3, 7", "1 đồng ý; 2 không đồng ý", "không hợp lệ: …". */
export function ballotText(ballot: Ballot | null, candidates: Candidate[]): string {
  if (ballot === null) return '—';
  if ('invalid' in ballot) return `không hợp lệ (Ban kiểm phiếu): ${INVALID_REASON_VI[ballot.invalid]}`;
  if ('struck' in ballot) return ballot.struck.length === 0 ? 'không gạch tên nào' : `gạch ${[...ballot.struck].sort((a, b) => a - b).join(', ')}`;
  return candidates.map((c) => `${c.no} ${MARK_VI[ballot.marks[String(c.no)] ?? 'none']}`).join('; ');
}
