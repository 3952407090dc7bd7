import type { ElectionResult, InvalidReason } from './record.js';

/**
 * Single entry's check (small elections): a second full count of the same ballots, typed by someone
 * who did not type the first, compared figure by figure with the first. Ballots typed one by one by
 * several members have no shared order, so the comparison is of the figures, not of positions.
 */
export type CountFigure = { figure: 'ballots' } | { figure: 'valid' } | { figure: 'invalid'; reason: InvalidReason } | { figure: 'votes'; no: number; name: string };

export type CountDifference = CountFigure & { first: number; second: number };

export function compareCounts(first: ElectionResult, second: ElectionResult): CountDifference[] {
  const differences: CountDifference[] = [];
  const ballots = (r: ElectionResult) => r.ballots.valid + r.ballots.invalid;
  if (ballots(first) !== ballots(second)) differences.push({ figure: 'ballots', first: ballots(first), second: ballots(second) });
  if (first.ballots.valid !== second.ballots.valid) differences.push({ figure: 'valid', first: first.ballots.valid, second: second.ballots.valid });
  const reasons = new Set([...Object.keys(first.ballots.invalidByReason), ...Object.keys(second.ballots.invalidByReason)] as InvalidReason[]);
  for (const reason of [...reasons].sort()) {
    const a = first.ballots.invalidByReason[reason] ?? 0;
    const b = second.ballots.invalidByReason[reason] ?? 0;
    if (a !== b) differences.push({ figure: 'invalid', reason, first: a, second: b });
  }
  for (const [i, c] of first.candidates.entries()) {
    const other = second.candidates[i];
    if (c.votes !== other.votes) differences.push({ figure: 'votes', no: c.no, name: c.name, first: c.votes, second: other.votes });
  }
  return differences;
}

export function countDifferenceText(d: CountDifference): { vi: string; en: string } {
  const figures = `${d.first} / ${d.second}`;
  switch (d.figure) {
    case 'ballots':
      return { vi: `số phiếu: lần đếm 1 và 2 là ${figures}`, en: `ballots: first and second count ${figures}` };
    case 'valid':
      return { vi: `phiếu hợp lệ: ${figures}`, en: `valid ballots: ${figures}` };
    case 'invalid':
      return { vi: `phiếu không hợp lệ (${d.reason}): ${figures}`, en: `invalid ballots (${d.reason}): ${figures}` };
    case 'votes':
      return { vi: `số phiếu bầu cho ${d.no}. ${d.name}: ${figures}`, en: `votes for ${d.no}. ${d.name}: ${figures}` };
  }
}
