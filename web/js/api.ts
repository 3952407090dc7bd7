import { bilingual } from './i18n.js';

/** A refusal from the server (its vi/en message), or no answer at all (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
  }

  /** No answer, or the server failed: the request may be sent again as it was. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500;
  }

  text(): string {
    return bilingual(this);
  }
}

let csrfToken = '';

export function rememberCsrf(token: string): void {
  csrfToken = token;
}

/** JSON in and out; every state-changing request carries the session's CSRF token. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'không liên lạc được với máy chủ', 'the server cannot be reached');
  }
  const data = (await res.json().catch(() => null)) as (T & { error?: { code: string; vi: string; en: string } }) | null;
  if (!res.ok) {
    const e = data?.error;
    throw new ApiError(res.status, e?.code ?? 'http', e?.vi ?? `lỗi ${res.status}`, e?.en ?? `error ${res.status}`);
  }
  return data as T;
}
