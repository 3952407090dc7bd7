import { placesOf } from './ballot-style.js';
import { problem, type Problem } from './problems.js';
import type { Candidate, ElectionKind } from './record.js';
import { checkPersonName, lookAlikeKey } from './person-name.js';
import { checkNumbering } from './record-check.js';

export interface ListCheck {
  /** The list cannot be counted as it stands. */
  errors: Problem[];
  /** The regulation's surplus rule is not met; the congress may have decided otherwise (record it). */
  warnings: Problem[];
}

const COMMITTEES: ReadonlySet<ElectionKind> = new Set(['executive_committee', 'standing_committee']);

/** One name however it was typed: spaces, case, and the tone's placement (Hoà, Hòa) folded. */
function sameNameKey(name: string): string {
  const checked = checkPersonName(name);
  return (checked.ok ? checked.name : name.normalize('NFC')).trim().replace(/\s+/gu, ' ').toLocaleLowerCase('vi');
}

/**
 * One warning for every name that appears more than once (a list pasted twice gives one warning, not
 * one per row), naming each pair by number: "số 1 và số 18 (Lê Thị Hà)".
 */
function sameNames(candidates: Candidate[]): Problem | null {
  const firstOf = new Map<string, Candidate>();
  const pairs: { first: Candidate; again: Candidate }[] = [];
  for (const c of candidates) {
    const key = sameNameKey(c.name);
    const first = firstOf.get(key);
    if (first) pairs.push({ first, again: c });
    else firstOf.set(key, c);
  }
  if (pairs.length === 0) return null;
  const vi = pairs.map((p) => `số ${p.first.no} và số ${p.again.no} (${p.first.name})`).join('; ');
  const en = pairs.map((p) => `numbers ${p.first.no} and ${p.again.no} (${p.first.name})`).join('; ');
  return problem('candidates', 'same_name', `Trùng họ tên: ${vi}. Kiểm tra lại danh sách`, `The same name twice: ${en}. Check the list`);
}

/** The checks made when the list is set (rules.md, "Surplus rules"; Quy chế Điều 14). */
export function checkList(list: {
  kind: ElectionKind;
  /** The round (default 1): only a first round is bound by the surplus rule; later rounds hold whoever the congress re-votes on. */
  round?: number;
  seats: number;
  alternates: number;
  candidates: Candidate[];
}): ListCheck {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const { seats, candidates } = list;
  if (!Number.isSafeInteger(seats) || seats < 1) {
    errors.push(problem('seats', 'out_of_range', 'số lượng bầu phải là số nguyên ≥ 1', 'seats must be a whole number ≥ 1'));
  }
  if (!Number.isSafeInteger(list.alternates) || list.alternates < 0) {
    errors.push(problem('alternates', 'out_of_range', 'số dự khuyết phải là số nguyên ≥ 0', 'alternates must be a whole number ≥ 0'));
  }
  const numbering = checkNumbering(candidates);
  if (numbering) errors.push(numbering);
  const places = placesOf(list);
  if (candidates.length < places) {
    errors.push(problem('candidates', 'too_few_candidates', `danh sách có ${candidates.length} người, ít hơn số cần bầu (${places})`, `the list has ${candidates.length} candidates, fewer than the ${places} places to fill`));
  }
  const same = sameNames(candidates);
  if (same) warnings.push(same);
  // Names that differ only in their marks (Hà, Hạ): a warning on the row, to check against the paper.
  const looks = new Map<string, number>();
  candidates.forEach((c, i) => {
    const key = lookAlikeKey(c.name);
    const alike = looks.get(key);
    if (alike === undefined) looks.set(key, i);
    else if (sameNameKey(candidates[alike].name) !== sameNameKey(c.name)) {
      warnings.push(
        problem(
          `candidates[${i}].name`,
          'look_alike',
          `họ tên gần giống số ${candidates[alike].no} (${candidates[alike].name}), chỉ khác dấu: kiểm tra lại`,
          `the name looks like number ${candidates[alike].no} (${candidates[alike].name}), differing only in its marks: check it`,
        ),
      );
    }
  });
  if (errors.length > 0 || (list.round ?? 1) > 1 || !COMMITTEES.has(list.kind)) return { errors, warnings };

  const surplus = candidates.length - seats;
  const rule = 'Quy chế bầu cử trong Đảng, Điều 14';
  if (surplus === 0) {
    warnings.push(problem('candidates', 'no_surplus', `${rule}: danh sách bầu cấp ủy phải nhiều hơn số lượng cần bầu`, `${rule}: a committee list must have more candidates than seats`));
  } else if (seats >= 3 && seats <= 5) {
    if (surplus > 1) {
      warnings.push(problem('candidates', 'surplus_small_committee', `${rule}: cấp ủy có 3–5 ủy viên chỉ được dư 1 người (đang dư ${surplus})`, `${rule}: a committee of 3–5 members may have at most 1 extra candidate (this list has ${surplus})`));
    }
  } else if (10 * surplus > 3 * seats) {
    warnings.push(problem('candidates', 'surplus_over_30_percent', `${rule}: số dư không quá 30% số lượng cần bầu (đang dư ${surplus} trên ${seats})`, `${rule}: the surplus may be at most 30% of seats (this list has ${surplus} over ${seats})`));
  }
  return { errors, warnings };
}
