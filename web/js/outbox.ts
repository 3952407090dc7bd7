import type { Ballot, CommitteeReason } from '../../src/domain/index.js';
import { api, ApiError } from './api.js';
import { newClientId } from './client-id.js';

/** A ballot as the clerk entered it: what is sent, and what undo gives back. */
export interface EnteredBallot {
  id: string;
  ballot: Ballot;
  line: string;
  ruling: CommitteeReason | null;
}

/** A ballot on its way to the server; `failure` says why the last attempt did not arrive. */
export interface Outgoing extends EnteredBallot {
  failure: string | null;
  /** How many times it has been sent so far. */
  tries: number;
}

const RETRY_MS = 2000;

/**
 * Delivers one ballot at a time under an id made here. Until the server has it, the ballot is kept
 * in this browser's storage (a reload sends it again) and sent again with the same id every few
 * seconds, or at once on request: a ballot is never dropped and never counted twice. A refusal
 * (4xx) stored nothing: the ballot goes back to the clerk.
 */
export class BallotOutbox {
  pending: Outgoing | null = null;
  private sending = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly storageKey: string;

  /** `to`: where ballots go (a round, a pass over a pile, a second count) and the key they are kept under. */
  constructor(
    private readonly to: { path: string; storageKey: string },
    private readonly on: { saved(b: EnteredBallot, answer: unknown): void; refused(b: EnteredBallot, e: ApiError): void; changed(): void },
  ) {
    this.storageKey = to.storageKey;
  }

  /** A ballot this computer had not delivered when the page was closed or reloaded goes now. */
  resume(): void {
    const kept = localStorage.getItem(this.storageKey);
    if (!kept) return;
    this.pending = JSON.parse(kept) as Outgoing;
    void this.send();
  }

  submit(ballot: Omit<EnteredBallot, 'id'>): void {
    this.pending = { ...ballot, id: newClientId(), failure: null, tries: 0 };
    localStorage.setItem(this.storageKey, JSON.stringify(this.pending));
    void this.send();
  }

  async send(): Promise<void> {
    const p = this.pending;
    if (!p || this.sending) return;
    clearTimeout(this.retryTimer);
    p.failure = null;
    p.tries = (p.tries ?? 0) + 1;
    this.sending = true;
    this.on.changed();
    try {
      const answer = await api<unknown>('POST', this.to.path, { id: p.id, ballot: p.ballot });
      this.settle();
      this.on.saved(p, answer);
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, 'network', String(e), String(e));
      if (error.retryable) {
        // The server may or may not have it: the same id goes again until it answers.
        p.failure = error.text();
        this.retryTimer = setTimeout(() => void this.send(), RETRY_MS);
      } else {
        this.settle();
        this.on.refused(p, error);
      }
    } finally {
      this.sending = false;
    }
    this.on.changed();
  }

  private settle(): void {
    this.pending = null;
    localStorage.removeItem(this.storageKey);
  }
}
