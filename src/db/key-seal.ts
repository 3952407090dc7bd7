import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes, scrypt, type KeyObject } from 'node:crypto';

/**
 * The congress's private signing key at rest: encrypted under a passphrase the head types at each
 * certification (AES-256-GCM, the key derived with scrypt N 2^15, r 8, p 1: some 100 ms and 32 MiB
 * a try, so a stolen database is not a key). node:crypto only. The passphrase is never stored.
 */
const N = 32768;
const R = 8;
const P = 1;
export const MIN_PASSPHRASE = 10;

interface Sealed {
  kdf: 'scrypt';
  n: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

const derive = (passphrase: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (e, key) => (e ? reject(e) : resolve(key))),
  );

export async function sealPrivateKey(key: KeyObject, passphrase: string): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await derive(passphrase, salt, N, R, P), iv);
  const plain = key.export({ format: 'der', type: 'pkcs8' });
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  const sealed: Sealed = { kdf: 'scrypt', n: N, r: R, p: P, salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  return JSON.stringify(sealed);
}

/** The private key, or null when the passphrase is not the one it was sealed under. */
export async function openPrivateKey(stored: string, passphrase: string): Promise<KeyObject | null> {
  const sealed = JSON.parse(stored) as Sealed;
  const key = await derive(passphrase, Buffer.from(sealed.salt, 'base64'), sealed.n, sealed.r, sealed.p);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
    return createPrivateKey({ key: plain, format: 'der', type: 'pkcs8' });
  } catch {
    return null;
  }
}
