import type { Ballot, Candidate } from '../../src/domain/index.js';
import { h } from './dom.js';
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

/**
 * A ballot in words with what differs from the other entry highlighted (<mark>): a name struck in
 * one entry only, a person's mark that is not the same, or the whole ballot when one entry is invalid.
 */
export function ballotDifference(ballot: Ballot | null, other: Ballot | null, candidates: Candidate[]): (Node | string)[] {
  const differs = (text: string) => h('mark', { class: 'differs' }, text);
  if (ballot === null || other === null || 'invalid' in ballot || 'invalid' in other || ('struck' in ballot) !== ('struck' in other)) {
    const text = ballotText(ballot, candidates);
    return [JSON.stringify(ballot) === JSON.stringify(other) ? text : differs(text)];
  }
  const name = (no: number) => `${no}. ${candidates.find((c) => c.no === no)?.name ?? '?'}`;
  if ('struck' in ballot && 'struck' in other) {
    if (ballot.struck.length === 0) return [other.struck.length === 0 ? t('save.nothingStruck') : differs(t('save.nothingStruck'))];
    const names = [...ballot.struck].sort((a, b) => a - b).map((no) => (other.struck.includes(no) ? name(no) : differs(name(no))));
    const [before, after] = t('ballot.struck', { names: '\u0000' }).split('\u0000');
    return [before, ...names.flatMap((n, i) => (i === 0 ? [n] : [', ', n])), after];
  }
  if ('marks' in ballot && 'marks' in other) {
    return candidates.flatMap((c, i) => {
      const mine = ballot.marks[String(c.no)] ?? 'none';
      const text = `${name(c.no)}: ${t(`mark.${mine}`)}`;
      return [...(i === 0 ? [] : ['; ']), mine === (other.marks[String(c.no)] ?? 'none') ? text : differs(text)];
    });
  }
  return [ballotText(ballot, candidates)];
}
