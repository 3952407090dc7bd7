import { z } from 'zod';
import { ALTERNATES_METHODS, checkPersonName, CONGRESS_KINDS, ELECTION_KINDS, ENTRY_MODES, MEMBER_ROLES, ROUND_STATES } from '../domain/index.js';
import { ballotSchema, candidateSchema, congressFactsSchema, electionFactsSchema, electionRecordSchema } from './record.js';

/**
 * Request bodies of the API. Every string is normalised (NFC, invisible format characters such as
 * zero-width spaces and direction marks removed, single spaces, trimmed) so that the same name typed
 * on two laptops is the same name, and length-limited; control characters are refused. Unknown
 * fields are dropped (zod's default), everywhere; a patch must name at least one known field.
 */
const normalise = (s: string): string => s.normalize('NFC').replace(/\p{Cf}/gu, '').replace(/\s+/gu, ' ').trim();
/** Control characters (after whitespace became spaces) and halves of surrogate pairs are not text. */
const NOT_TEXT = /[\p{Cc}\p{Cs}]/u;

const normalised = (max: number) =>
  z
    .string()
    .max(max * 4)
    .transform(normalise)
    .refine((s) => !NOT_TEXT.test(s), 'control characters are not allowed / không được chứa ký tự điều khiển');

export const text = (max: number) => normalised(max).pipe(z.string().min(1).max(max));
export const optionalText = (max: number) => normalised(max).pipe(z.string().max(max));
/**
 * A person's name (domain/person-name.ts): tones on the main vowel, letters of Vietnamese script only.
 * The refusal carries its Vietnamese text in `params.vi` for the error body.
 */
export const personName = (max: number) =>
  text(max).transform((s, ctx) => {
    const checked = checkPersonName(s);
    if (checked.ok) return checked.name;
    ctx.addIssue({ code: 'custom', message: checked.problem.en, params: { vi: checked.problem.vi } });
    return z.NEVER;
  });
/** A name in an imported record: checked for foreign letters, but kept as the record writes it (the record is evidence). */
const recordedName = (max: number) =>
  text(max).superRefine((s, ctx) => {
    const checked = checkPersonName(s);
    if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.problem.en, params: { vi: checked.problem.vi } });
  });

/** A patch: the fields it names change; naming none (or only unknown ones) is refused, not a silent no-op. */
const patch = <T extends z.ZodRawShape>(shape: z.ZodObject<T>) =>
  shape.partial().refine((p) => Object.values(p).some((v) => v !== undefined), 'name at least one field to change / cần ít nhất một trường để sửa');

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u).nullable();
const pin = z.string().regex(/^\d{4,12}$/u, 'a PIN is 4 to 12 digits');
const count = z.number().int().min(0).max(10_000_000);

/** An IANA time zone the server's clock knows ("Asia/Ho_Chi_Minh"). */
const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
const timeZone = z.string().min(1).max(64).refine(isTimeZone, 'an IANA time zone such as Asia/Ho_Chi_Minh / múi giờ theo tên IANA, ví dụ Asia/Ho_Chi_Minh');

/** The congress's fields as a patch names them: no defaults, so a patch never resets what it does not name. */
const congressFields = z.object({
  name: text(300),
  organisation: optionalText(200),
  kind: z.enum(CONGRESS_KINDS),
  convened: z.number().int().min(1).max(10_000_000),
  excluded: count,
  excludedReason: optionalText(500),
  place: optionalText(200),
  startsOn: date,
  endsOn: date,
  timeZone,
});

export const congressBody = congressFields.extend({
  organisation: congressFields.shape.organisation.default(''),
  excluded: count.default(0),
  excludedReason: congressFields.shape.excludedReason.default(''),
  place: congressFields.shape.place.default(''),
  startsOn: date.default(null),
  endsOn: date.default(null),
  timeZone: timeZone.default('Asia/Ho_Chi_Minh'),
});

export const createCongressBody = congressBody.extend({ secretary: z.object({ name: personName(120), pin }) });
export const congressPatch = patch(congressFields);

export const memberBody = z.object({ name: personName(120), role: z.enum(MEMBER_ROLES), pin });
export const memberPatch = patch(z.object({ name: personName(120), role: z.enum(MEMBER_ROLES) }));
export const pinBody = z.object({ currentPin: z.string().max(12).optional(), newPin: pin });
export const signInBody = z.object({ memberId: z.string().min(1).max(64), pin: z.string().min(1).max(64) });

const id = z.string().min(1).max(64);
const electionFields = z.object({
  kind: z.enum(ELECTION_KINDS),
  title: text(300),
  seats: z.number().int().min(1).max(1000),
  alternates: z.number().int().min(0).max(1000),
  bodyId: id,
  alternatesMethod: z.enum(ALTERNATES_METHODS).nullable(),
});
export const electionBody = electionFields.extend({
  alternates: electionFields.shape.alternates.default(0),
  bodyId: id.optional(),
  alternatesMethod: electionFields.shape.alternatesMethod.optional(),
});
export const electionPatch = patch(electionFields);

export const ballotCountsBody = patch(z.object({ ballotsIssued: count.nullable(), ballotsCollected: count.nullable() }));
export const transitionBody = z.object({ to: z.enum(ROUND_STATES), reason: optionalText(500).default('') });

export const candidateNames = z.array(personName(200)).min(1).max(2000);
export const addCandidatesBody = z.object({ names: candidateNames, replace: z.boolean().default(false) });
export const importCandidatesBody = z.object({
  format: z.enum(['text', 'csv']),
  content: z.string().min(1).max(500_000),
  replace: z.boolean().default(false),
});
export const renameBody = z.object({ name: personName(200) });
export const orderBody = z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(2000) });

const clientId = (what: string) => z.string().regex(/^[A-Za-z0-9_-]{8,64}$/u, `${what} id is 8–64 letters, digits, _ or -`);
export const ballotBody = z.object({ id: clientId('a ballot'), ballot: ballotSchema });
export const voidBody = z.object({ reason: text(500) });
/** The decision is required for a re-vote or a round for unfilled seats (the store says so); the alternates' own ballot needs none. */
export const nextRoundBody = z.object({ decision: optionalText(1000).default(''), addedNames: z.array(personName(200)).max(200).default([]) });

/** A conference of a new committee: its members given, or taken from the committee an election elected. */
const bodyFields = z.object({
  name: text(300),
  convened: z.number().int().min(1).max(10_000_000),
  excluded: count,
  excludedReason: optionalText(500),
});
export const bodyBody = bodyFields.extend({
  kind: z.enum(['committee_conference', 'inspection_conference']),
  convened: bodyFields.shape.convened.optional(),
  excluded: count.default(0),
  excludedReason: bodyFields.shape.excludedReason.default(''),
  fromElectionId: id.optional(),
});
export const bodyPatch = patch(bodyFields);
export const attendanceBody = z.object({ present: count });
/** complaints: the complaints heard and the committee's conclusions, for the minutes ('' prints "Không có"). */
export const certifyBody = z.object({
  decision: optionalText(1000).default(''),
  stop: z.boolean().default(false),
  complaints: optionalText(4000).default(''),
  passphrase: z.string().min(1).max(500),
});

/** An election record to import: the record format, its names normalised like every other name. */
export const importRecordBody = electionRecordSchema.extend({
  congress: congressFactsSchema.extend({ name: text(300) }),
  election: electionFactsSchema.extend({ title: text(300) }),
  candidates: z.array(candidateSchema.extend({ name: recordedName(200) })).min(1).max(2000),
});
export const displayBody = z.object({ progressOnly: z.boolean() });

export const entryModeBody = z.object({ mode: z.enum(ENTRY_MODES) });
/** The client makes the pile's id: a resend or a double submit declares nothing twice (issue 15.7). */
export const pileBody = z.object({ id: clientId('a pile'), declared: z.number().int().min(1).max(100_000) });
export const redeclareBody = z.object({ declared: z.number().int().min(1).max(100_000), reason: text(500) });
export const passBallotBody = ballotBody.extend({ position: z.number().int().min(1).max(100_000).optional() });
export const resolutionBody = z.object({ ballot: ballotSchema, reason: text(500) });
