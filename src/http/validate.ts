import { zValidator } from '@hono/zod-validator';
import type { z } from 'zod';
import { validationHook } from './errors.js';

/** zod at the edge, with the one error shape. */
export const jsonBody = <T extends z.ZodType>(schema: T) => zValidator('json', schema, validationHook);
export const query = <T extends z.ZodType>(schema: T) => zValidator('query', schema, validationHook);
