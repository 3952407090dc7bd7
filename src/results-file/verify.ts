import { countRecord, problemLine } from '../domain/index.js';
import { firstIssue } from '../schema/record.js';
import { signedResultFileSchema } from '../schema/results-file.js';
import { dateInWords, timeOfDay } from '../print/document.js';
import { canonicalize } from './canonical.js';
import { ED25519, fileFingerprint, fromBase64url, keyFingerprint, shortCode, signedBytes, type SignedResultFile } from './format.js';

/** What is wrong with a file that was read: each named in English and Vietnamese. */
export interface Finding {
  code: 'signature' | 'uncountable' | 'recount';
  en: string;
  vi: string;
}

export type Verification =
  | { kind: 'verified'; file: SignedResultFile; fileFingerprint: string; keyFingerprint: string; en: string; vi: string }
  | { kind: 'failed'; findings: Finding[]; fileFingerprint: string; keyFingerprint: string }
  /** Not a signed results file at all (bad input: the CLI exits 2). */
  | { kind: 'unreadable'; en: string; vi: string };

/**
 * Verifies a signed results file (README "Signed results file"): the Ed25519 signature over the
 * canonical form, then the result recomputed from the record by the same engine. Shared by
 * `kiemphieu verify` and the verify page; WebCrypto only, so it runs offline in both.
 */
export async function verifySignedResult(text: string): Promise<Verification> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { kind: 'unreadable', en: `not valid JSON (${(e as Error).message})`, vi: 'tệp không phải JSON hợp lệ' };
  }
  try {
    canonicalize(json);
  } catch (e) {
    return { kind: 'unreadable', en: `not a signed results file: ${(e as Error).message}`, vi: 'không phải tệp kết quả đã ký: có văn bản không hợp lệ (Unicode)' };
  }
  const parsed = signedResultFileSchema.safeParse(json);
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    return { kind: 'unreadable', en: `not a signed results file: ${field}: ${message}`, vi: `không phải tệp kết quả đã ký: trường «${field}» không hợp lệ` };
  }
  // The signature and the fingerprints are over the file as read, not as the schema reshaped it.
  const file = json as SignedResultFile;
  const findings: Finding[] = [];
  if (!(await signatureHolds(file))) {
    findings.push({ code: 'signature', en: 'the signature does not match the content: the file was changed after it was signed', vi: 'chữ ký không khớp với nội dung: tệp đã bị sửa sau khi ký' });
  }
  const recount = countRecord(parsed.data.record);
  if (!recount.ok) {
    findings.push({ code: 'uncountable', en: `the record cannot be counted: ${problemLine(recount.error)}`, vi: `không kiểm lại được bản ghi: ${recount.error.vi} (${recount.error.field})` });
  } else {
    const differences = differencesOf(recount.value, file.result);
    if (differences.length > 0) {
      const listed = differences.slice(0, 6).map((d) => `${d.path}: ${d.file} in the file, ${d.recount} recounted`);
      const more = differences.length > 6 ? `, and ${differences.length - 6} more` : '';
      findings.push({
        code: 'recount',
        en: `the result differs from the recount of the record: ${listed.join('; ')}${more}`,
        vi: `kết quả khác với kết quả kiểm lại từ bản ghi: ${differences.slice(0, 6).map((d) => `${d.path}: tệp ghi ${d.file}, kiểm lại ${d.recount}`).join('; ')}${more ? `, và ${differences.length - 6} chỗ khác` : ''}`,
      });
    }
  }
  const fingerprints = { fileFingerprint: await fileFingerprint(file), keyFingerprint: await keyFingerprint(file.publicKey) };
  if (findings.length > 0) return { kind: 'failed', findings, ...fingerprints };
  const { record, result, certification } = file;
  const outcome = `${result.outcome}: ${result.elected.length} of ${record.election.seats} elected${record.election.alternates > 0 ? `, ${result.alternates.length} of ${record.election.alternates} alternates` : ''}`;
  const tail = `key ${shortCode(fingerprints.keyFingerprint)}, file ${shortCode(fingerprints.fileFingerprint)}`;
  return {
    kind: 'verified',
    file,
    ...fingerprints,
    en: `verified: "${record.election.title}", round ${record.election.round}, ${outcome}; ${result.ballots.collected} ballots recounted; certified ${certification.certifiedAt} by ${certification.certifiedBy.name}; ${tail}`,
    vi: `đã kiểm chứng: «${record.election.title}», vòng ${record.election.round}, trúng cử ${result.elected.length}/${record.election.seats}; kiểm lại ${result.ballots.collected} phiếu khớp kết quả; xác nhận lúc ${timeOfDay(certification.certifiedAt)} ${dateInWords(certification.certifiedAt)} bởi ${certification.certifiedBy.name}; khóa ${shortCode(fingerprints.keyFingerprint)}, tệp ${shortCode(fingerprints.fileFingerprint)}`,
  };
}

async function signatureHolds(file: SignedResultFile): Promise<boolean> {
  const signature = fromBase64url(file.signature);
  if (!signature || signature.length !== 64) return false;
  try {
    const key = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: file.publicKey.x }, ED25519, false, ['verify']);
    return await crypto.subtle.verify(ED25519, key, signature as Uint8Array<ArrayBuffer>, signedBytes(file) as Uint8Array<ArrayBuffer>);
  } catch {
    return false;
  }
}

interface Difference {
  path: string;
  file: string;
  recount: string;
}

const show = (v: unknown): string => (v === undefined ? '(missing)' : canonicalize(v));
const sameJson = (a: unknown, b: unknown): boolean => (a === undefined) === (b === undefined) && canonicalize(a ?? null) === canonicalize(b ?? null);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A candidate is named by ballot number and name; other members by their key. */
function childPath(path: string, key: string, parent: Record<string, unknown>): string {
  if (path !== 'candidates') return path ? `${path}.${key}` : key;
  const candidate = parent[key] as { no: number; name: string } | undefined;
  return candidate ? `candidates[no ${candidate.no} ${candidate.name}]` : `candidates[${key}]`;
}

/**
 * Where the file's result and the recount part, down to the field. Lists (elected, tied...) are
 * shown whole; the candidates are compared one by one so the message names who changed.
 */
function differencesOf(recount: unknown, inFile: unknown, path = ''): Difference[] {
  if (sameJson(recount, inFile)) return [];
  const descend = isObject(recount) && isObject(inFile) && Array.isArray(recount) === Array.isArray(inFile) && (!Array.isArray(recount) || path === 'candidates');
  if (!descend) return [{ path: path || '(result)', file: show(inFile), recount: show(recount) }];
  const keys = new Set([...Object.keys(recount), ...Object.keys(inFile)]);
  return [...keys].flatMap((key) => differencesOf(recount[key], inFile[key], childPath(path, key, recount)));
}
