import { problem, type Problem } from './problems.js';

/** The three figures of a round's count: ballots entered (or declared in piles), collected, issued. */
export interface CountFigures {
  entered: number;
  collected: number | null;
  issued: number | null;
}

/**
 * Whether the count reconciles: the ballots entered are exactly those collected, and no more were
 * collected than issued (rules.md, "The counting committee"). One rule for every place that asks:
 * the election record, its import, closing the count, certification and double entry's piles
 * (`entered` is then the sum of the piles' declared counts: `as: 'piles'` words it so). The problems
 * name the figures; none means reconciled.
 */
export function reconcileCounts(figures: CountFigures, opts: { as?: 'ballots' | 'piles' | 'record' } = {}): { reconciled: boolean; problems: Problem[] } {
  const { entered, collected, issued } = figures;
  const problems: Problem[] = [];
  if (collected === null || issued === null) {
    problems.push(problem('ballotsCollected', 'counts_missing', 'chưa nhập số phiếu phát ra và thu vào', 'ballots issued and collected are not entered yet'));
    return { reconciled: false, problems };
  }
  if (entered !== collected) {
    const as = opts.as ?? 'ballots';
    if (as === 'piles') problems.push(problem('piles', 'piles_not_collected', `các xấp phiếu cộng lại ${entered} phiếu nhưng số phiếu thu vào là ${collected}`, `the piles add up to ${entered} ballots but ${collected} were collected`));
    else if (as === 'record') problems.push(problem('ballots', 'not_reconciled', `có ${entered} phiếu nhưng số phiếu thu vào là ${collected}`, `${entered} ballots listed but ballotsCollected is ${collected}`));
    else problems.push(problem('ballots', 'not_reconciled', `đã nhập ${entered} phiếu nhưng số phiếu thu vào là ${collected}`, `${entered} ballots entered but ${collected} collected`));
  }
  if (collected > issued) {
    if (opts.as === 'piles') problems.push(problem('ballotsCollected', 'collected_over_issued', `số phiếu thu vào (${collected}) lớn hơn số phát ra (${issued})`, `ballots collected (${collected}) exceed ballots issued (${issued})`));
    else problems.push(problem('ballotsCollected', 'not_reconciled', `số phiếu thu vào (${collected}) lớn hơn số phiếu phát ra (${issued})`, `ballotsCollected (${collected}) exceeds ballotsIssued (${issued})`));
  }
  return { reconciled: problems.length === 0, problems };
}

/**
 * The figures of a round as the committee enters them, before any ballot: no more ballots collected
 * than issued, no more issued than members present (rules.md, "Who votes"). A figure not entered yet
 * (null) is not checked. The first problem, or null.
 */
export function checkRoundFigures(figures: { issued: number | null; collected: number | null; present: number | null }): Problem | null {
  const { issued, collected, present } = figures;
  if (issued !== null && collected !== null && collected > issued) {
    return problem('ballotsCollected', 'collected_over_issued', `số phiếu thu vào (${collected}) không thể lớn hơn số phát ra (${issued})`, `ballots collected (${collected}) cannot exceed ballots issued (${issued})`);
  }
  if (issued !== null && present !== null && issued > present) {
    return problem('ballotsIssued', 'issued_over_present', `số phiếu phát ra (${issued}) không thể lớn hơn số thành viên có mặt (${present})`, `ballots issued (${issued}) cannot exceed the members present (${present})`);
  }
  return null;
}
