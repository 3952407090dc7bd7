import type { ElectionRecord, ElectionResult } from '../domain/index.js';
import { canonicalize } from './canonical.js';

/**
 * The signed results file (`kiemphieu/signed-result@1`, README "Signed results file"): the election
 * record, its result, the certification and the audit log's head, signed by the congress key. Only
 * WebCrypto is used here, so the same code runs in Node and in the browser's verify page.
 */
export const SIGNED_RESULT_FORMAT = 'kiemphieu/signed-result@1';

/** An Ed25519 public key as a JWK (RFC 8037). */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
}

export interface CommitteeMember {
  name: string;
  role: 'head' | 'member';
}

export interface CertificationFacts {
  congress: { name: string; organisation: string; place: string; excludedReason: string };
  committee: CommitteeMember[];
  certifiedBy: CommitteeMember;
  certifiedAt: string;
  /** When ballot entry was opened and closed, from the audit log (null for an imported record). */
  countStartedAt: string | null;
  countEndedAt: string | null;
  /** The congress's decision on a tie or unfilled seats ('' when the outcome is complete). */
  decision: string;
  /** true: the congress decided to stop with seats unfilled (or a tie unresolved). */
  stopped: boolean;
  /** How the ballots were entered (absent from files signed before double entry). */
  entry?: EntryFacts;
  /** Technical staff who typed ballots (Điều 8): not committee members (absent when none). */
  staff?: { name: string }[];
  /** Delegates present at the vote, for a congress's own election (a conference's is `record.body.present`). */
  present?: number;
}

/** For the minutes: the entry mode, and under double entry the piles and the differences the head ruled on. */
export interface EntryFacts {
  mode: 'single' | 'double';
  piles: number;
  differencesResolved: number;
  /** Single entry: a second full count was typed and agreed with the first. */
  secondCount: boolean;
}

export interface SignedResultFile {
  format: typeof SIGNED_RESULT_FORMAT;
  record: ElectionRecord;
  result: ElectionResult;
  certification: CertificationFacts;
  /** The last audit entry before the certification: the log up to here is what was certified. */
  auditHead: { seq: number; hash: string };
  publicKey: Ed25519PublicJwk;
  /** Ed25519 over the RFC 8785 form of every other member of the file, base64url. */
  signature: string;
}

export type UnsignedResultFile = Omit<SignedResultFile, 'signature'>;

export const ED25519 = { name: 'Ed25519' } as const;

/** The bytes the signature covers: the canonical form of the file without its signature. */
export function signedBytes(file: UnsignedResultFile | SignedResultFile): Uint8Array {
  const { signature: _signature, ...unsigned } = file as SignedResultFile;
  return new TextEncoder().encode(canonicalize(unsigned));
}

export function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** null when the text is not base64url. */
export function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const plain = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(plain, (c) => c.charCodeAt(0));
}

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The file's fingerprint: SHA-256 of its canonical form (what the server writes, byte for byte). */
export const fileFingerprint = (file: SignedResultFile): Promise<string> => sha256Hex(canonicalize(file));

/** The key's fingerprint: its RFC 7638 JWK thumbprint (SHA-256), in hex. */
export const keyFingerprint = (jwk: Ed25519PublicJwk): Promise<string> => sha256Hex(canonicalize({ crv: jwk.crv, kty: jwk.kty, x: jwk.x }));

/** A short code a person compares by eye: the first 64 bits, in four groups of four. */
export function shortCode(hex: string): string {
  return hex.slice(0, 16).toUpperCase().match(/.{4}/g)!.join('-');
}
