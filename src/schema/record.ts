import { z } from 'zod';
import {
  ALTERNATES_METHODS,
  BODY_KINDS,
  COMMITTEE_REASONS,
  CONGRESS_KINDS,
  ELECTION_KINDS,
  MARKS,
  RECORD_FORMAT,
  type Ballot,
  type ElectionRecord,
} from '../domain/index.js';

/**
 * The election record's shape, shared by the CLI, the API and import. Unknown fields are ignored
 * (zod strips them); the rules of the count are checked by the domain, not here.
 */
const count = z.number().int().min(0);

export const congressFactsSchema = z.object({
  name: z.string().min(1).max(300),
  kind: z.enum(CONGRESS_KINDS),
  convened: z.number().int().min(1),
  excluded: count,
});

/** The voting body when it is not the congress itself; its base is checked by the domain. */
export const bodyFactsSchema = z.object({
  kind: z.enum(BODY_KINDS),
  name: z.string().min(1).max(300),
  convened: z.number().int().min(1),
  excluded: count,
  excludedReason: z.string().max(500).optional(),
  present: count.optional(),
});

/** seats 0 is the alternates' own ballot (fills "alternates"); the domain refuses it otherwise, naming the field. */
export const electionFactsSchema = z.object({
  title: z.string().min(1).max(300),
  kind: z.enum(ELECTION_KINDS),
  seats: count,
  alternates: count,
  round: z.number().int().min(1),
  alternatesMethod: z.enum(ALTERNATES_METHODS).optional(),
  fills: z.enum(['officials', 'alternates']).optional(),
});

export const candidateSchema = z.object({
  no: z.number().int().min(1),
  name: z.string().min(1).max(200),
});

/** A ballot is exactly one of struck names, agree/disagree marks, or the committee's invalid ruling. */
export const ballotSchema = z
  .object({
    struck: z.array(z.number().int()).optional(),
    marks: z.record(z.string().regex(/^[1-9][0-9]*$/), z.enum(MARKS)).optional(),
    invalid: z.enum(COMMITTEE_REASONS).optional(),
  })
  .refine((b) => [b.struck, b.marks, b.invalid].filter((part) => part !== undefined).length === 1, {
    message: 'a ballot has exactly one of struck, marks, invalid / phiếu phải có đúng một trong struck, marks, invalid',
  })
  .transform((b): Ballot => (b.struck ? { struck: b.struck } : b.marks ? { marks: b.marks } : { invalid: b.invalid! }));

export const electionRecordSchema = z.object({
  format: z.literal(RECORD_FORMAT),
  congress: congressFactsSchema,
  body: bodyFactsSchema.optional(),
  election: electionFactsSchema,
  candidates: z.array(candidateSchema).min(1),
  ballotsIssued: count,
  ballotsCollected: count,
  ballots: z.array(ballotSchema),
  reconciled: z.boolean().optional(),
});

/** zod's first issue as the one line the CLI prints: the field, then what is wrong. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  const field = issue.path.reduce<string>(
    (path, key) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${String(key)}` : String(key)),
    '',
  );
  return { field: field || '(record)', message: issue.message };
}

export type ParsedRecord = z.infer<typeof electionRecordSchema>;
// The schema and the domain type must describe the same record.
export const _sameShape: (r: ParsedRecord) => ElectionRecord = (r) => r;
