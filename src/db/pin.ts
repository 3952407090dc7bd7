import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** PINs are stored with scrypt (memory-hard), a random salt each, and compared in constant time. */
const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

/**
 * One derivation at a time: each takes 16 MiB, and several at once (a burst of sign-ins) leave the
 * allocator holding their memory for good. Sign-ins are rare; they wait their turn.
 */
let queue: Promise<unknown> = Promise.resolve();

function derive(pin: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  const next = queue.then(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scrypt(pin.normalize('NFC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (e, key) => (e ? reject(e) : resolve(key))),
      ),
  );
  queue = next.catch(() => undefined);
  return next;
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function pinMatches(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(pin, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
