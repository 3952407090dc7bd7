import type { Problem } from '../domain/index.js';

/**
 * Why the store refused a change: an expected outcome, returned as a value. The HTTP edge maps the
 * kind to a status; nothing here knows about HTTP.
 */
export type RefusalKind = 'not_found' | 'conflict' | 'invalid' | 'forbidden' | 'unauthenticated' | 'locked';

export interface Refusal {
  kind: RefusalKind;
  code: string;
  vi: string;
  en: string;
  field?: string;
}

export function refusal(kind: RefusalKind, code: string, vi: string, en: string, field?: string): Refusal {
  return field === undefined ? { kind, code, vi, en } : { kind, code, vi, en, field };
}

export function fromProblem(p: Problem, kind: RefusalKind = 'invalid'): Refusal {
  return { kind, code: p.code, vi: p.vi, en: p.en, field: p.field };
}

export const notFound = (what: string, vi: string): Refusal =>
  refusal('not_found', 'not_found', `không tìm thấy ${vi}`, `${what} not found`);

/** Thrown inside a transaction to roll it back and return the refusal. */
export class RefusalError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.en);
  }
}

export function refuse(r: Refusal): never {
  throw new RefusalError(r);
}
