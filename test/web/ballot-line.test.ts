import { describe, expect, it } from 'vitest';
import { numberComplete, readLine, readRuling } from '../../web/js/ballot-line.js';
import { sample } from '../support/api.js';

const { record } = sample('executive-committee');
const strikeList = { candidates: record.candidates, seats: 15, alternates: 0 };
const markList = { candidates: [{ no: 1, name: 'Một' }, { no: 2, name: 'Hai' }, { no: 3, name: 'Ba' }], seats: 3, alternates: 0 };

describe('reading what the clerk types into a ballot, judged by the domain', () => {
  it('reads struck numbers and judges them as the count does', () => {
    expect(readLine('1 3 6 16', strikeList)).toMatchObject({ ballot: { struck: [1, 3, 6, 16] }, verdict: { valid: true }, empty: false });
    expect(readLine('1', strikeList)).toMatchObject({ verdict: { valid: false, reason: 'too_many' } });
    expect(readLine('', strikeList)).toMatchObject({ ballot: { struck: [] }, verdict: { valid: false, reason: 'too_many' }, empty: true });
    expect(readLine('*', strikeList)).toMatchObject({ verdict: { valid: false, reason: 'all_struck' } });
    expect([...readLine('*', strikeList).struck]).toHaveLength(17);
  });

  it('refuses to save a number not on the list or struck twice, naming it', () => {
    const unknown = readLine('3 18', strikeList);
    expect(unknown.ballot).toBeNull();
    expect(unknown.problem).toMatchObject({ code: 'unknown_candidate' });
    expect(unknown.problem!.vi).toContain('18');
    expect(readLine('3 3', strikeList).problem).toMatchObject({ code: 'struck_twice' });
    expect(readLine('* 3', strikeList).problem).toMatchObject({ code: 'incomplete' });
  });

  it('reads agree/disagree marks, a mark alone standing for everyone not given', () => {
    expect(readLine('+', markList).ballot).toEqual({ marks: { 1: 'agree', 2: 'agree', 3: 'agree' } });
    expect(readLine('+ 2-', markList).ballot).toEqual({ marks: { 1: 'agree', 2: 'disagree', 3: 'agree' } });
    expect(readLine('1+3*', markList).ballot).toEqual({ marks: { 1: 'agree', 3: 'both' } });
    expect(readLine('2', markList).problem).toMatchObject({ code: 'incomplete' });
    expect(readLine('', markList)).toMatchObject({ verdict: { valid: true }, empty: true });
  });

  it('takes a committee ruling as an invalid ballot with its reason', () => {
    expect(readRuling('marked', strikeList)).toMatchObject({ ballot: { invalid: 'marked' }, verdict: { valid: false, reason: 'marked' } });
  });

  it('moves on after a number that cannot go on', () => {
    expect(['1', '2', '3', '9', '16'].map((d) => numberComplete(d, 17))).toEqual([false, true, true, true, true]);
    expect(['1', '3', '4'].map((d) => numberComplete(d, 31))).toEqual([false, false, true]);
  });
});
