import type { Ballot, Candidate } from '../../src/domain/index.js';
import { t } from './i18n.js';

/** A ballot in words, with the names: what the head compares with the paper in hand. */
export function ballotText(ballot: Ballot | null, candidates: Candidate[]): string {
  if (ballot === null) return t('ballot.missing');
  if ('invalid' in ballot) return t('verdict.ruled', { reason: t(`reason.${ballot.invalid}`) });
  const name = (no: number) => `${no}. ${candidates.find((c) => c.no === no)?.name ?? '?'}`;
  if ('struck' in ballot) {
    if (ballot.struck.length === 0) return t('save.nothingStruck');
    return t('ballot.struck', { names: [...ballot.struck].sort((a, b) => a - b).map(name).join(', ') });
  }
  return candidates.map((c) => `${name(c.no)}: ${t(`mark.${ballot.marks[String(c.no)] ?? 'none'}`)}`).join('; ');
}
