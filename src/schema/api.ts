import { z } from 'zod';
import { CONGRESS_KINDS, ELECTION_KINDS, ENTRY_MODES, MEMBER_ROLES, ROUND_STATES } from '../domain/index.js';
import { ballotSchema } from './record.js';

/**
 * Request bodies of the API. Every string is normalised (NFC, single spaces, trimmed) so that the
 * same name typed on two laptops is the same name, and length-limited. Unknown fields are dropped.
 */
export const text = (max: number) =>
  z
    .string()
    .max(max * 4)
    .transform((s) => s.normalize('NFC').replace(/\s+/gu, ' ').trim())
    .pipe(z.string().min(1).max(max));

export const optionalText = (max: number) =>
  z
    .string()
    .max(max * 4)
    .transform((s) => s.normalize('NFC').replace(/\s+/gu, ' ').trim())
    .pipe(z.string().max(max));

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u).nullable();
const pin = z.string().regex(/^\d{4,12}$/u, 'a PIN is 4 to 12 digits');
const count = z.number().int().min(0).max(10_000_000);

export const congressBody = z.object({
  name: text(300),
  organisation: optionalText(200).default(''),
  kind: z.enum(CONGRESS_KINDS),
  convened: z.number().int().min(1).max(10_000_000),
  excluded: count.default(0),
  excludedReason: optionalText(500).default(''),
  place: optionalText(200).default(''),
  startsOn: date.default(null),
  endsOn: date.default(null),
});

export const createCongressBody = congressBody.extend({ secretary: z.object({ name: text(120), pin }) });
export const congressPatch = congressBody.partial();

export const memberBody = z.object({ name: text(120), role: z.enum(MEMBER_ROLES), pin });
export const memberPatch = z.object({ name: text(120), role: z.enum(MEMBER_ROLES) }).partial();
export const pinBody = z.object({ currentPin: z.string().max(12).optional(), newPin: pin });
export const signInBody = z.object({ memberId: z.string().min(1).max(64), pin: z.string().min(1).max(64) });

export const electionBody = z.object({
  kind: z.enum(ELECTION_KINDS),
  title: text(300),
  seats: z.number().int().min(1).max(1000),
  alternates: z.number().int().min(0).max(1000).default(0),
});
export const electionPatch = electionBody.partial();

export const ballotCountsBody = z.object({ ballotsIssued: count.nullable(), ballotsCollected: count.nullable() }).partial();
export const transitionBody = z.object({ to: z.enum(ROUND_STATES), reason: optionalText(500).default('') });

export const candidateNames = z.array(text(200)).min(1).max(2000);
export const addCandidatesBody = z.object({ names: candidateNames, replace: z.boolean().default(false) });
export const importCandidatesBody = z.object({
  format: z.enum(['text', 'csv']),
  content: z.string().min(1).max(500_000),
  replace: z.boolean().default(false),
});
export const renameBody = z.object({ name: text(200) });
export const orderBody = z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(2000) });

export const ballotBody = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/u, 'a ballot id is 8–64 letters, digits, _ or -'), ballot: ballotSchema });
export const voidBody = z.object({ reason: text(500) });
export const nextRoundBody = z.object({ decision: text(1000), addedNames: z.array(text(200)).max(200).default([]) });

export const entryModeBody = z.object({ mode: z.enum(ENTRY_MODES) });
export const pileBody = z.object({ declared: z.number().int().min(1).max(100_000) });
export const redeclareBody = z.object({ declared: z.number().int().min(1).max(100_000), reason: text(500) });
export const passBallotBody = ballotBody.extend({ position: z.number().int().min(1).max(100_000).optional() });
export const resolutionBody = z.object({ ballot: ballotSchema, reason: text(500) });
export const displayBody = z.object({ progressOnly: z.boolean() });
