import { problem, type Problem } from './problems.js';

/**
 * A person's name as the count keeps it: one form for what a reader sees as one name.
 *
 * Tone placement: a syllable ending in the open rhymes oa, oe, uy has its tone written in two ways
 * ("Hòa" / "Hoà", "Thủy" / "Thuỷ"). Both read the same, so two candidates "Nguyễn Thị Hòa" and
 * "Nguyễn Thị Hoà" would be one person counted twice. Every syllable is written with the tone on its
 * main vowel, the placement of the Ministry of Education's spelling rules (Quyết định
 * 1989/QĐ-BGDĐT, 2018: "hoà, khoẻ, thuỷ"), whatever placement was typed.
 *
 * Letters: a Vietnamese name (the names of ethnic minorities included: "H'Hen Niê", "Ksor") is written
 * in Latin letters with Vietnamese marks. Any other letter (Cyrillic "А", Greek, fullwidth "Ａ",
 * invisible fillers such as U+034F, U+FE0F, U+3164) only makes a name look like another, so it is refused.
 */

const TONES = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
/** Circumflex, breve, horn: they make â ă ê ô ơ ư. */
const VOWEL_MARKS = new Set(['\u0302', '\u0306', '\u031B']);
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
/** Besides letters and marks: what a name on a list may hold (an apostrophe, a hyphen, a birth year in brackets). */
const OTHER = /^[ '’.\-()0-9,]$/u;
const LATIN = /^[a-z]$/iu;

export type NameCheck = { ok: true; name: string } | { ok: false; problem: Problem };

/** A letter with its marks (NFD), split apart. */
interface Letter {
  base: string;
  marks: string[];
}

function lettersOf(word: string): Letter[] {
  const letters: Letter[] = [];
  for (const ch of word.normalize('NFD')) {
    if (/\p{M}/u.test(ch) && letters.length > 0) letters[letters.length - 1].marks.push(ch);
    else letters.push({ base: ch, marks: [] });
  }
  return letters;
}

const isVowel = (l: Letter): boolean => VOWELS.has(l.base.toLowerCase());

/** Where the tone goes in a syllable, by the rules of the 2018 spelling (tone on the main vowel). */
function toneIndex(letters: Letter[]): number | null {
  let start = 0;
  const lower = letters.map((l) => l.base.toLowerCase());
  // "qu" and "gi" before a vowel are consonants: "quý", "giá".
  if (lower[0] === 'q' && lower[1] === 'u') start = 2;
  else if (lower[0] === 'g' && lower[1] === 'i' && letters.length > 2 && isVowel(letters[2])) start = 2;
  while (start < letters.length && !isVowel(letters[start])) start++;
  if (start >= letters.length) return null;
  let end = start;
  while (end < letters.length && isVowel(letters[end])) end++;
  const nucleus = letters.slice(start, end);
  const modified = nucleus.map((l, i) => (l.marks.some((m) => VOWEL_MARKS.has(m)) ? i : -1)).filter((i) => i >= 0);
  if (modified.length > 0) return start + modified[modified.length - 1];
  if (nucleus.length === 1) return start;
  if (end < letters.length) return end - 1;
  if (nucleus.length >= 3) return start + 1;
  const pair = nucleus.map((l) => l.base.toLowerCase()).join('');
  return ['oa', 'oe', 'uy'].includes(pair) ? start + 1 : start;
}

/** One syllable with its single tone moved to where the spelling puts it; other syllables unchanged. */
function placeTone(word: string): string {
  const letters = lettersOf(word);
  const toned = letters.flatMap((l, i) => l.marks.filter((m) => TONES.has(m)).map(() => i));
  if (toned.length !== 1 || !letters.every((l) => LATIN.test(l.base))) return word;
  const at = toneIndex(letters);
  if (at === null) return word;
  const tone = letters[toned[0]].marks.find((m) => TONES.has(m))!;
  letters[toned[0]].marks = letters[toned[0]].marks.filter((m) => !TONES.has(m));
  letters[at].marks.push(tone);
  return letters.map((l) => l.base + l.marks.join('')).join('').normalize('NFC');
}

const foreign = (ch: string): Problem => {
  const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return problem(
    'name',
    'foreign_letter',
    `họ tên có ký tự «${ch}» (${code}) không thuộc chữ Quốc ngữ: hãy gõ lại bằng bàn phím tiếng Việt`,
    `the name holds "${ch}" (${code}), which is not a letter of Vietnamese script: type it again with a Vietnamese keyboard`,
  );
};

/**
 * A name typed by someone, as the count keeps it: NFC, tones placed on the main vowel, single spaces;
 * or the problem with it (a character no Vietnamese name is written with).
 */
export function checkPersonName(raw: string): NameCheck {
  for (const ch of raw.normalize('NFD')) {
    if (LATIN.test(ch) || ch === 'đ' || ch === 'Đ' || OTHER.test(ch) || TONES.has(ch) || VOWEL_MARKS.has(ch)) continue;
    if (/\s/u.test(ch)) continue;
    return { ok: false, problem: foreign(ch) };
  }
  const words = raw.normalize('NFC').trim().split(/\s+/u).filter(Boolean);
  return { ok: true, name: words.map((w) => w.split('-').map(placeTone).join('-')).join(' ') };
}

/** What two names look like to a reader in a hurry: no marks, đ as d, lower case. */
export function lookAlikeKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/gu, 'd').toLocaleLowerCase('vi').replace(/\s+/gu, ' ').trim();
}
