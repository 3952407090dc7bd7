/**
 * What makes a record or a list uncountable, as values naming the field. Each problem carries its
 * message in Vietnamese and English so that every edge (CLI, API, pages) says the same thing.
 */

export interface Problem {
  /** Where: a JSON path into the record or the request, e.g. `ballots[12].struck[1]`. */
  field: string;
  code: string;
  vi: string;
  en: string;
}

export function problem(field: string, code: string, vi: string, en: string): Problem {
  return { field, code, vi, en };
}

/** A problem found inside a part (a path relative to it, '' for the part itself), placed at `prefix`. */
export function within(prefix: string, p: Problem): Problem {
  return { ...p, field: p.field === '' ? prefix : `${prefix}.${p.field}` };
}

/** One line for a terminal or a log: field, English, then Vietnamese. */
export function problemLine(p: Problem): string {
  return `${p.field}: ${p.en} / ${p.vi}`;
}
