import { EventEmitter } from 'node:events';

/** Tells live displays that a round changed (a ballot saved or voided, a state moved). */
export class RoundEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(roundId: string): void {
    this.emitter.emit('round', roundId);
  }

  subscribe(listener: (roundId: string) => void): () => void {
    this.emitter.on('round', listener);
    return () => this.emitter.off('round', listener);
  }
}
