const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const SCALES = ['', 'nghìn', 'triệu', 'tỷ'];

/** Tens and units as read after a hundred (or alone): mười lăm, hai mươi mốt, ba mươi tư, linh năm. */
function tensAndUnits(n: number, afterHundred: boolean): string[] {
  const tens = Math.floor(n / 10);
  const units = n % 10;
  if (tens === 0) return units === 0 ? [] : afterHundred ? ['linh', DIGITS[units]] : [DIGITS[units]];
  const words = tens === 1 ? ['mười'] : [DIGITS[tens], 'mươi'];
  if (units === 0) return words;
  if (units === 5) return [...words, 'lăm'];
  if (units === 1 && tens > 1) return [...words, 'mốt'];
  if (units === 4 && tens > 1) return [...words, 'tư'];
  return [...words, DIGITS[units]];
}

function group(n: number, leading: boolean): string[] {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (leading && hundreds === 0) return tensAndUnits(rest, false);
  return [DIGITS[hundreds], 'trăm', ...tensAndUnits(rest, true)];
}

/**
 * A whole number in Vietnamese words, as the minutes write the threshold ("84 (tám mươi tư)"):
 * 105 một trăm linh năm, 1 005 một nghìn không trăm linh năm, 2 021 hai nghìn không trăm hai mươi mốt.
 */
export function numberInWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e12) throw new RangeError(`cannot read ${n}`);
  if (n === 0) return DIGITS[0];
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) groups.unshift(rest % 1000);
  const words: string[] = [];
  groups.forEach((g, i) => {
    const scale = SCALES[groups.length - 1 - i];
    if (g === 0) return;
    words.push(...group(g, i === 0), ...(scale ? [scale] : []));
  });
  return words.join(' ');
}

/** A count as Vietnamese writes it: a dot between thousands ("1.234", "166"). */
export function formatCount(n: number): string {
  const digits = String(Math.abs(n));
  const grouped = digits.replace(/\B(?=(\d{3})+$)/gu, '.');
  return n < 0 ? `-${grouped}` : grouped;
}

/** A percentage as the result gives it ("72.29", two decimals) in Vietnamese style: "72,29%". */
export function formatPercent(p: string): string {
  return `${p.replace('.', ',')}%`;
}
