import { countRecord, problemLine } from '../domain/index.js';
import { firstIssue } from '../schema/record.js';
import { signedResultFileSchema } from '../schema/results-file.js';
import { dateInWords, timeOfDay } from '../print/clock.js';
import { canonicalize } from './canonical.js';
import { duplicateKey } from './duplicate-key.js';
import { ED25519, fromBase64url, keyFingerprint, sha256Hex, shortCode, signedBytes, type SignedResultFile } from './format.js';

/** What is wrong with a file that was read: each named in English and Vietnamese. */
export interface Finding {
  code: 'form' | 'signature' | 'uncountable' | 'recount' | 'code';
  en: string;
  vi: string;
}

interface Checked {
  file: SignedResultFile;
  /** SHA-256 of the file's bytes, as read: the code printed on the minutes is its first 64 bits. */
  fileFingerprint: string;
  keyFingerprint: string;
  en: string;
  vi: string;
}

export type Verification =
  /** Every check holds and the file's code is the one the reader typed from the minutes. */
  | ({ kind: 'verified' } & Checked)
  /** Signature, form and recount hold, but no code from the minutes was given: the origin is not checked. */
  | ({ kind: 'intact' } & Checked)
  | { kind: 'failed'; findings: Finding[]; fileFingerprint: string; keyFingerprint: string }
  /** Not a signed results file at all (bad input: the CLI exits 2). */
  | { kind: 'unreadable'; en: string; vi: string };

/** The code printed on the minutes, as typed: four groups of four hex digits, any case, any separators. */
export function minutesCode(typed: string): string | null {
  const hex = typed.replace(/[\s\-–.]/gu, '').toUpperCase();
  return /^[0-9A-F]{16}$/u.test(hex) ? hex.match(/.{4}/gu)!.join('-') : null;
}

/**
 * Verifies a signed results file (README "Signed results file"): its exact bytes (the canonical
 * form, no key twice), the Ed25519 signature, the result recomputed from the record by the same
 * engine and, when given, the code printed on the minutes (`code`, as minutesCode returns it).
 * A string is taken as its UTF-8 bytes. Shared by `kiemphieu verify` and the verify page; WebCrypto only, so it runs offline in both.
 */
export async function verifySignedResult(content: Uint8Array | string, options: { code?: string } = {}): Promise<Verification> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  let text: string;
  let json: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { kind: 'unreadable', en: 'not a signed results file: the file is not UTF-8 text', vi: 'không phải tệp kết quả đã ký: tệp không phải văn bản UTF-8' };
  }
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { kind: 'unreadable', en: `not valid JSON (${(e as Error).message})`, vi: 'tệp không phải JSON hợp lệ' };
  }
  let canonical: string;
  try {
    canonical = canonicalize(json);
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
  const twice = duplicateKey(text);
  if (twice !== null) {
    findings.push({
      code: 'form',
      en: `the key "${twice.key}" appears twice in ${twice.path || 'the file'}: a reader and a checker could see different contents, so the file is refused`,
      vi: `khóa «${twice.key}» xuất hiện hai lần trong ${twice.path || 'tệp'}: người đọc và máy kiểm có thể thấy hai nội dung khác nhau, nên tệp bị từ chối`,
    });
  } else if (text !== canonical) {
    findings.push({
      code: 'form',
      en: 'the file is not byte for byte as the server wrote it (its exact signed form: keys in order, no spaces or line breaks added): it was edited or re-saved, use the file downloaded from the server',
      vi: 'tệp không còn giống từng byte như máy chủ đã ghi (dạng chuẩn đã ký: khóa theo thứ tự, không thêm dấu cách hay xuống dòng): tệp đã bị sửa hoặc lưu lại, hãy dùng tệp tải từ máy chủ',
    });
  }
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
  const fingerprints = { fileFingerprint: await sha256Hex(bytes), keyFingerprint: await keyFingerprint(file.publicKey) };
  if (options.code !== undefined && options.code !== shortCode(fingerprints.fileFingerprint)) {
    const isKey = options.code === shortCode(fingerprints.keyFingerprint);
    findings.push(
      isKey
        ? { code: 'code', en: `${options.code} is the key's code: type the file code ("Mã tệp kết quả") printed on the minutes`, vi: `${options.code} là mã khóa ký: hãy gõ mã tệp kết quả in trên biên bản` }
        : {
            code: 'code',
            en: `this file's code is ${shortCode(fingerprints.fileFingerprint)}, not ${options.code} printed on the minutes: it is not the certified file`,
            vi: `mã của tệp này là ${shortCode(fingerprints.fileFingerprint)}, không phải ${options.code} in trên biên bản: đây không phải tệp đã được xác nhận`,
          },
    );
  }
  if (findings.length > 0) return { kind: 'failed', findings, ...fingerprints };
  const { record, result, certification } = file;
  const outcome = `${result.outcome}: ${result.elected.length} of ${record.election.seats} elected${record.election.alternates > 0 ? `, ${result.alternates.length} of ${record.election.alternates} alternates` : ''}`;
  const tail = `key ${shortCode(fingerprints.keyFingerprint)}, file ${shortCode(fingerprints.fileFingerprint)}`;
  if (options.code === undefined) {
    return {
      kind: 'intact',
      file,
      ...fingerprints,
      en: `intact, origin not checked: "${record.election.title}", round ${record.election.round}, ${outcome}; ${result.ballots.collected} ballots recounted; ${tail}; give --code with the file code printed on the minutes to check that this is the certified file`,
      vi: `tệp nguyên vẹn nhưng CHƯA kiểm nguồn gốc: «${record.election.title}», vòng ${record.election.round}; kiểm lại ${result.ballots.collected} phiếu khớp kết quả; khóa ${shortCode(fingerprints.keyFingerprint)}, tệp ${shortCode(fingerprints.fileFingerprint)}; hãy nhập mã tệp in trên biên bản để kiểm đây đúng là tệp đã xác nhận`,
    };
  }
  return {
    kind: 'verified',
    file,
    ...fingerprints,
    en: `verified: "${record.election.title}", round ${record.election.round}, ${outcome}; ${result.ballots.collected} ballots recounted; certified ${certification.certifiedAt} by ${certification.certifiedBy.name}; ${tail}`,
    vi: `đã kiểm chứng: «${record.election.title}», vòng ${record.election.round}, trúng cử ${result.elected.length}/${record.election.seats}; kiểm lại ${result.ballots.collected} phiếu khớp kết quả; xác nhận lúc ${timeOfDay(certification.certifiedAt, certification.congress.timeZone)} ${dateInWords(certification.certifiedAt, certification.congress.timeZone)} bởi ${certification.certifiedBy.name}; khóa ${shortCode(fingerprints.keyFingerprint)}, tệp ${shortCode(fingerprints.fileFingerprint)}`,
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
