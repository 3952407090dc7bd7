/**
 * Ordering names "theo vần A, B, C" as Vietnamese lists are printed: by given name (the last word),
 * then the middle names, then the family name (the first word); letters in the Vietnamese alphabet
 * (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y), tones only after the letters.
 * A helper for building a list: the printed order stays authoritative.
 */

// f j w z are not Vietnamese letters but appear in names; they sit where Latin puts them.
const ALPHABET = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
// Tone order: level, huyền, hỏi, ngã, sắc, nặng.
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
const LETTER_MARKS = new Set(['\u0306', '\u0302', '\u031B']);

interface WordKey {
  letters: number[];
  tones: number[];
}

function wordKey(word: string): WordKey {
  const letters: number[] = [];
  const tones: number[] = [];
  for (const ch of word.toLocaleLowerCase('vi').normalize('NFC')) {
    const parts = [...ch.normalize('NFD')];
    const base = parts[0] + parts.filter((m) => LETTER_MARKS.has(m)).join('');
    const letter = ALPHABET.indexOf(base.normalize('NFC'));
    // Letters outside the alphabet sort after it, by code point, so that the order stays total.
    letters.push(letter >= 0 ? letter : ALPHABET.length + (base.codePointAt(0) ?? 0));
    const tone = parts.find((m) => TONES.includes(m));
    tones.push(tone ? TONES.indexOf(tone) : 0);
  }
  return { letters, tones };
}

function compareSequences(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

interface NameParts {
  given: WordKey[];
  middle: WordKey[];
  family: WordKey[];
}

/** A full name's parts as they are compared: the given name (last word), the middle names, the family name (first word). */
function nameParts(name: string): NameParts {
  const words = name.normalize('NFC').trim().split(/\s+/u).filter(Boolean).map(wordKey);
  if (words.length <= 1) return { given: words, middle: [], family: [] };
  return { given: words.slice(-1), middle: words.slice(1, -1), family: words.slice(0, 1) };
}

/** Word by word; within a syllable the letters decide first, the tone only between equal letters (Hà < Hạ < Hải). */
function compareWords(a: WordKey[], b: WordKey[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareSequences(a[i].letters, b[i].letters) || compareSequences(a[i].tones, b[i].tones);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/** Given name first, then the middle names (none before any: Vũ An < Lê Bá An), then the family name. */
export function compareVietnameseNames(a: string, b: string): number {
  const pa = nameParts(a);
  const pb = nameParts(b);
  return compareWords(pa.given, pb.given) || compareWords(pa.middle, pb.middle) || compareWords(pa.family, pb.family);
}

/** A new array in ABC order; equal names keep their relative order. */
export function sortVietnameseNames<T>(items: readonly T[], nameOf: (item: T) => string): T[] {
  return [...items].sort((x, y) => compareVietnameseNames(nameOf(x), nameOf(y)));
}
