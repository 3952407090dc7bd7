import { generateKeyPairSync, sign } from 'node:crypto';
import { countRecord, type ElectionRecord } from '../../src/domain/index.js';
import { canonicalize } from '../../src/results-file/canonical.js';
import { base64url, SIGNED_RESULT_FORMAT, signedBytes, sha256Hex, type CertificationFacts, type Ed25519PublicJwk, type SignedResultFile } from '../../src/results-file/format.js';

/** A record counted by the engine and signed with a fresh Ed25519 key, as the server signs one. */
export async function signRecord(record: ElectionRecord, certification: CertificationFacts): Promise<{ file: SignedResultFile; sha256: string }> {
  const counted = countRecord(record);
  if (!counted.ok) throw new Error(JSON.stringify(counted.error));
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' }) as unknown as Ed25519PublicJwk;
  const unsigned = { format: SIGNED_RESULT_FORMAT, record, result: counted.value, certification, auditHead: { seq: 1, hash: '0'.repeat(64) }, publicKey: { kty: 'OKP', crv: 'Ed25519', x: jwk.x } } as const;
  const file: SignedResultFile = { ...unsigned, signature: base64url(sign(null, signedBytes(unsigned), privateKey)) };
  return { file, sha256: await sha256Hex(canonicalize(file)) };
}
