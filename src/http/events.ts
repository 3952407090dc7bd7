import { EventEmitter } from 'node:events';
import type { RoundChange } from '../db/store/index.js';

export type { RoundChange };

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
