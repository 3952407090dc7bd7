/**
 * A token bucket per key (a member, a client address): `capacity` attempts at once, then one more
 * every `refillMs`. In memory: a restart forgets it, the lock-out in the database does not.
 */
export class AttemptBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rule: { capacity: number; refillMs: number; maxKeys?: number },
    private readonly now: () => Date,
  ) {}

  /** Takes one attempt for `key`: 0 when allowed, else the seconds until the next one. */
  take(key: string): number {
    const at = this.now().getTime();
    const { capacity, refillMs } = this.rule;
    const held = this.buckets.get(key);
    // A clock set back counts as no time passed (never as a debt of years to wait out).
    const tokens = held ? Math.min(capacity, held.tokens + Math.max(0, at - held.at) / refillMs) : capacity;
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at });
      return Math.ceil(((1 - tokens) * refillMs) / 1000);
    }
    if (!held) this.forgetFull(at);
    this.buckets.set(key, { tokens: tokens - 1, at });
    return 0;
  }

  /** A right PIN: the key starts afresh. */
  clear(key: string): void {
    this.buckets.delete(key);
  }

  /** Every key that starts with `prefix` starts afresh. */
  clearStartingWith(prefix: string): void {
    for (const key of this.buckets.keys()) if (key.startsWith(prefix)) this.buckets.delete(key);
  }

  /** Gives back the attempt a right PIN took. */
  refund(key: string): void {
    const held = this.buckets.get(key);
    if (held) held.tokens = Math.min(this.rule.capacity, held.tokens + 1);
  }

  /** Keeps the map small: buckets that have refilled say nothing and go. */
  private forgetFull(at: number): void {
    if (this.buckets.size < (this.rule.maxKeys ?? 10_000)) return;
    for (const [key, b] of this.buckets) {
      if (b.tokens + (at - b.at) / this.rule.refillMs >= this.rule.capacity) this.buckets.delete(key);
    }
  }
}

/** Per client address: 10 wrong PINs at once, then one every 30 s (a right PIN gives its attempt back). */
export const PER_ADDRESS = { capacity: 10, refillMs: 30_000 };
/**
 * Per member and client address: 5 at once (the lock-out's count), then one a minute; guesses sent
 * all at once cannot outrun the lock-out. Never per member alone: a stranger's guesses must not
 * shut the member out of their own laptop (issue 14).
 */
export const PER_MEMBER_AND_ADDRESS = { capacity: 5, refillMs: 60_000 };

/** Who may try a PIN now: the client's address, and that address for this member, must have an attempt left. */
export class PinAttempts {
  private readonly byAddress: AttemptBuckets;
  private readonly byPair: AttemptBuckets;

  constructor(now: () => Date) {
    this.byAddress = new AttemptBuckets(PER_ADDRESS, now);
    this.byPair = new AttemptBuckets(PER_MEMBER_AND_ADDRESS, now);
  }

  /** 0 when the attempt may go ahead, else the seconds to wait. */
  take(address: string, memberId: string): number {
    return this.byAddress.take(address) || this.byPair.take(`${memberId} ${address}`);
  }

  /** The head lifted the member's lock-outs: every address may try again at once. */
  unlocked(memberId: string): void {
    this.byPair.clearStartingWith(`${memberId} `);
  }

  succeeded(address: string, memberId: string): void {
    this.byAddress.refund(address);
    this.byPair.clear(`${memberId} ${address}`);
  }
}
