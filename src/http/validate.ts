import { zValidator } from '@hono/zod-validator';
import { sizeLimit } from './body-limit.js';
import type { z } from 'zod';
import { errorBody, validationHook } from './errors.js';

/** Request bodies: 256 KiB is far above any form's; whole lists and records (imports) get 4 MiB. */
export const BODY_LIMIT = 256 * 1024;
export const IMPORT_BODY_LIMIT = 4 * 1024 * 1024;

/** `application/json`, optionally with `charset=utf-8`: the only body the API reads. */
const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/iu;

const tooLarge = (maxBytes: number) =>
  errorBody({ code: 'too_large', vi: `nội dung gửi lên quá lớn (tối đa ${maxBytes} byte)`, en: `request body too large (at most ${maxBytes} bytes)` });
const notJsonType = errorBody({ code: 'unsupported_media_type', vi: 'nội dung phải là JSON (Content-Type: application/json)', en: 'the body must be JSON (Content-Type: application/json)' });
const badJson = errorBody({ code: 'bad_json', vi: 'nội dung không phải JSON hợp lệ', en: 'the body is not valid JSON' });

/**
 * zod at the edge, with the one error shape, after the checks every JSON body passes: the
 * content type (415), the size (413) and the JSON itself (400). Unknown fields are dropped by zod.
 */
export function jsonBody<T extends z.ZodType>(schema: T, maxBytes = BODY_LIMIT) {
  const validate = zValidator('json', schema, validationHook);
  const limit = sizeLimit(maxBytes, (c) => c.json(tooLarge(maxBytes), 413));
  const checked: typeof validate = async (c, next) => {
    if (!JSON_TYPE.test(c.req.header('Content-Type') ?? '')) return c.json(notJsonType, 415);
    // Inside the size check a refusal is set on c.res: the check's `next` returns nothing.
    return limit(c, async () => {
      try {
        await c.req.json();
      } catch {
        c.res = c.json(badJson, 400);
        return;
      }
      const refused = await validate(c, next);
      if (refused instanceof Response) c.res = refused;
    });
  };
  return checked;
}

export const query = <T extends z.ZodType>(schema: T) => zValidator('query', schema, validationHook);
