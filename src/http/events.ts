import { EventEmitter } from 'node:events';

/** What changed in a round: its ballots (entered or voided), or the round itself (its state, counts, display). */
export type RoundChange = 'ballots' | 'round';

/** Tells live displays that a round changed (a ballot saved or voided, a state moved). */
export class RoundEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(roundId: string, change: RoundChange): void {
    this.emitter.emit('round', roundId, change);
  }

  subscribe(listener: (roundId: string, change: RoundChange) => void): () => void {
    this.emitter.on('round', listener);
    return () => this.emitter.off('round', listener);
  }

  /** The server is stopping: live streams end so that it can close (their pages reconnect). */
  close(): void {
    this.emitter.emit('close');
  }

  onClose(listener: () => void): () => void {
    this.emitter.on('close', listener);
    return () => this.emitter.off('close', listener);
  }
}
