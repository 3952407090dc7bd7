import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { Refusal, RefusalKind } from '../db/refusal.js';
import type { Result } from '../domain/index.js';

const STATUS: Record<RefusalKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 429,
};

/** The one error shape: `{ error: { code, message, vi, en, field? } }`, message in Vietnamese then English. */
export function errorBody(r: { code: string; vi: string; en: string; field?: string }) {
  return { error: { code: r.code, message: `${r.vi} / ${r.en}`, vi: r.vi, en: r.en, ...(r.field ? { field: r.field } : {}) } };
}

export const roundNotFound = errorBody({ code: 'not_found', vi: 'không tìm thấy vòng bầu', en: 'round not found' });

export function refused(c: Context, r: Refusal): Response {
  return c.json(errorBody(r), STATUS[r.kind]);
}

/** A store result as a response: the value (with `status`), or the refusal's error. */
export function respond<T>(c: Context, result: Result<T, Refusal>, status: ContentfulStatusCode = 200): Response {
  return result.ok ? c.json(result.value as object, status) : refused(c, result.error);
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : p ? `${p}.${String(k)}` : String(k)), '');
}

/** zValidator's hook: the first issue, named by field, as a 400 in the one error shape. */
export function validationHook(result: { success: boolean; error?: unknown }, c: Context): Response | undefined {
  if (result.success) return undefined;
  const issue = (result.error as z.ZodError).issues[0];
  const field = pathOf(issue.path) || '(body)';
  const vi = (issue as { params?: { vi?: string } }).params?.vi;
  return c.json(errorBody({ code: 'invalid_input', vi: vi ? `trường «${field}»: ${vi}` : `dữ liệu không hợp lệ ở trường «${field}»`, en: `${field}: ${issue.message}`, field }), 400);
}
