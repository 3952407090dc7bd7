/**
 * Whether times read off the laptop's clock, listed in the order things happened (the audit log's
 * order), run backwards anywhere: the clock was set back between two of them. The papers then say
 * so rather than print a count that ended before it began. Times are ISO strings; null is skipped.
 */
export function clockWentBack(timesInOrder: readonly (string | null)[]): boolean {
  const known = timesInOrder.filter((t): t is string => t !== null).map((t) => Date.parse(t));
  return known.some((t, i) => i > 0 && t < known[i - 1]);
}

/** The minutes' note when the clock went back (Vietnamese, as the minutes are). */
export const CLOCK_WENT_BACK_NOTE =
  'Lưu ý: đồng hồ của máy tính đã được chỉnh lùi trong khi kiểm phiếu, nên các giờ ghi trên đây (theo đồng hồ máy lúc đó) không theo thứ tự; thứ tự các việc là thứ tự trong nhật ký kiểm tra.';
