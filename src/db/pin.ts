import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * PINs are stored with scrypt, a random salt each, and compared in constant time; the parameters are
 * stored with each hash, so a hash made with other parameters still verifies. A PIN has 4 to 12 digits:
 * what protects it is the lock-out after a few wrong tries (store/session.ts), not the cost of one
 * guess. So a PIN costs some 70 ms of work (N 2^14 over 8 lanes) in 2 MiB, where r = 8, p = 1 took
 * the same time in 16 MiB, memory the server keeps for good once the allocator has handed it out.
 */
export interface PinCost {
  N: number;
  r: number;
  p: number;
}
export const PIN_COST: PinCost = { N: 16384, r: 1, p: 8 };
const KEY_LENGTH = 32;

/**
 * The derivations run one at a time in a thread of their own. The C allocator keeps what a thread
 * once used: on Node's shared threadpool every one of its threads would come to hold a derivation's
 * memory for good (with the older 16 MiB parameters, some 50 MB more for the server), and a PIN check
 * would hold up the reading of files. The thread starts at the first PIN it is given, keeps the
 * process alive only while it works, and ends after IDLE_MS without work, giving back its memory
 * (some 7 MB): PINs come in bursts (members signing in), not all the time.
 */
const IDLE_MS = 5_000;
const DERIVER = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
parentPort.on('message', ({ id, pin, salt, keyLength, options }) => {
  try {
    parentPort.postMessage({ id, key: scryptSync(pin, Buffer.from(salt), keyLength, options) });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e && e.message) });
  }
});`;

let deriver: Worker | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let serial = 0;
const pending = new Map<number, { resolve: (key: Buffer) => void; reject: (e: Error) => void }>();

function startDeriver(): Worker {
  const worker = new Worker(DERIVER, { eval: true });
  worker.unref();
  worker.on('message', ({ id, key, error }: { id: number; key?: Uint8Array; error?: string }) => {
    const waiting = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) {
      worker.unref();
      idleTimer = setTimeout(() => {
        if (deriver === worker) deriver = null;
        void worker.terminate();
      }, IDLE_MS);
      idleTimer.unref();
    }
    if (key) waiting?.resolve(Buffer.from(key));
    else waiting?.reject(new Error(error));
  });
  // A thread that dies (it should not) fails what it was doing; the next derivation starts a new one.
  worker.on('error', (e) => {
    deriver = null;
    for (const waiting of pending.values()) waiting.reject(e);
    pending.clear();
  });
  return worker;
}

/** Whether the deriving thread is running (read by the tests). */
export const pinThreadRunning = (): boolean => deriver !== null;

function derive(pin: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  deriver ??= startDeriver();
  const id = ++serial;
  const worker = deriver;
  // Held while it has work, so that a command awaiting a PIN check does not end before the answer.
  worker.ref();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, pin: pin.normalize('NFC'), salt, keyLength: KEY_LENGTH, options: { N: n, r, p, maxmem: 64 * 1024 * 1024 } });
  });
}

/**
 * `cost` is PIN_COST except in tests that make many members and are not about hashing: a stored hash
 * names its own parameters, so a cheaper one still verifies, and only costs less to check.
 */
export async function hashPin(pin: string, cost: PinCost = PIN_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, cost.N, cost.r, cost.p);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function pinMatches(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(pin, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
