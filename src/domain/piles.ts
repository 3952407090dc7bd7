import type { Pass, Resolution } from './double-entry.js';
import type { Ballot } from './record.js';

/** Double entry's things, as the store returns them. */

/** A numbered pile of paper ballots, declared with its count (e.g. 50) before it is typed. */
export interface Pile {
  id: string;
  roundId: string;
  number: number;
  declared: number;
}

/** One ballot of one pass over a pile, at its position in the pile. */
export interface PileEntry {
  id: string;
  seq: number;
  pileId: string;
  pass: Pass;
  position: number;
  ballot: Ballot;
  enteredBy: string;
  enteredAt: string;
  void: { reason: string; by: string; at: string } | null;
}

/** The head's ruling on a difference, with the paper ballot in hand: who, when and why. */
export interface PileRuling extends Resolution {
  id: string;
  pileId: string;
  reason: string;
  resolvedBy: string;
  resolvedAt: string;
}
