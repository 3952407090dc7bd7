import { z } from 'zod';
import { SIGNED_RESULT_FORMAT } from '../results-file/format.js';
import { electionRecordSchema } from './record.js';

const member = z.object({ name: z.string(), role: z.enum(['head', 'member']) });

/**
 * The signed results file's shape, checked before anything is verified. The result is kept as it
 * stands (it is compared whole with the recount); the signature is checked over the file as read.
 */
export const signedResultFileSchema = z.object({
  format: z.literal(SIGNED_RESULT_FORMAT),
  record: electionRecordSchema,
  result: z.record(z.string(), z.unknown()),
  certification: z.object({
    congress: z.object({ name: z.string(), organisation: z.string(), place: z.string(), excludedReason: z.string() }),
    committee: z.array(member),
    certifiedBy: member,
    certifiedAt: z.string(),
    countStartedAt: z.string().nullable(),
    countEndedAt: z.string().nullable(),
    decision: z.string(),
    stopped: z.boolean(),
    entry: z.object({ mode: z.enum(['single', 'double']), piles: z.number().int().min(0), differencesResolved: z.number().int().min(0), secondCount: z.boolean() }).optional(),
    staff: z.array(z.object({ name: z.string() })).optional(),
    present: z.number().int().min(0).optional(),
  }),
  auditHead: z.object({ seq: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/) }),
  publicKey: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a 32-byte Ed25519 key, base64url') }),
  signature: z.string().max(200),
});
