import { err, ok, type Result } from '../domain/index.js';
import type { DB } from './connection.js';
import type { PinCost } from './pin.js';
import { RefusalError, type Refusal } from './refusal.js';

/** What every change needs: the database, the clock and the id maker (injected, for tests). */
export interface StoreContext {
  db: DB;
  now: () => Date;
  newId: () => string;
  /** The scrypt cost of new PIN hashes: PIN_COST (src/db/pin.ts) unless a test gives a cheaper one. */
  pinCost?: PinCost;
}

/** Who is acting: the signed-in member. */
export interface Actor {
  id: string;
  name: string;
  role: string;
}

/** Runs store work; a refusal thrown inside comes back as a value, anything else is a programmer error. */
export async function refusalAsValue<T>(work: () => Promise<T>): Promise<Result<T, Refusal>> {
  try {
    return ok(await work());
  } catch (e) {
    if (e instanceof RefusalError) return err(e.refusal);
    throw e;
  }
}

/** Runs a change in one transaction; a refusal thrown inside rolls it back and comes back as a value. */
export function inTransaction<T>(ctx: StoreContext, work: (trx: DB) => Promise<T>): Promise<Result<T, Refusal>> {
  return refusalAsValue(() => ctx.db.transaction().execute(work));
}

export const isoNow = (ctx: StoreContext): string => ctx.now().toISOString();
