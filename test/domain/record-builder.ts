import { RECORD_FORMAT, type Ballot, type ElectionRecord, type StrikeBallot } from '../../src/domain/index.js';

/** A record with sensible defaults; each test states only what it is about. */
export function recordOf(parts: {
  convened?: number;
  excluded?: number;
  congressKind?: ElectionRecord['congress']['kind'];
  kind?: ElectionRecord['election']['kind'];
  seats: number;
  alternates?: number;
  candidates: number | string[];
  ballots: Ballot[];
  ballotsIssued?: number;
  ballotsCollected?: number;
  reconciled?: boolean;
}): ElectionRecord {
  const names =
    typeof parts.candidates === 'number'
      ? Array.from({ length: parts.candidates }, (_, i) => `Ứng viên Số ${i + 1}`)
      : parts.candidates;
  return {
    format: RECORD_FORMAT,
    congress: {
      name: 'Đại hội thử',
      kind: parts.congressKind ?? 'delegates',
      convened: parts.convened ?? Math.max(1, parts.ballots.length),
      excluded: parts.excluded ?? 0,
    },
    election: { title: 'Bầu thử', kind: parts.kind ?? 'executive_committee', seats: parts.seats, alternates: parts.alternates ?? 0, round: 1 },
    candidates: names.map((name, i) => ({ no: i + 1, name })),
    ballotsIssued: parts.ballotsIssued ?? parts.ballotsCollected ?? parts.ballots.length,
    ballotsCollected: parts.ballotsCollected ?? parts.ballots.length,
    ballots: parts.ballots,
    ...(parts.reconciled === undefined ? {} : { reconciled: parts.reconciled }),
  };
}

/**
 * `ballots` valid strike ballots giving candidate i exactly `votes[i]` votes: the kept names are dealt
 * round the ballots in turn, so every ballot keeps ⌊sum/ballots⌋ or ⌈sum/ballots⌉ names. The caller
 * keeps `ballots ≤ sum(votes) ≤ places × ballots` and every `votes[i] ≤ ballots`; this checks it.
 */
export function strikeBallotsGiving(votes: number[], ballots: number, places: number): StrikeBallot[] {
  const sum = votes.reduce((a, b) => a + b, 0);
  if (sum < ballots || sum > places * ballots || votes.some((v) => v > ballots)) {
    throw new Error(`cannot deal ${votes.join(',')} over ${ballots} ballots of at most ${places} names`);
  }
  const kept = Array.from({ length: ballots }, () => new Set<number>());
  let next = 0;
  votes.forEach((v, i) => {
    for (let k = 0; k < v; k++) kept[(next + k) % ballots].add(i + 1);
    next = (next + v) % ballots;
  });
  return kept.map((names) => ({ struck: votes.map((_, i) => i + 1).filter((no) => !names.has(no)) }));
}

/** A record of valid strike ballots giving these votes; base and ballots default to `ballots`. */
export function strikeRecordGiving(parts: {
  votes: number[];
  ballots: number;
  seats: number;
  alternates?: number;
  convened?: number;
  excluded?: number;
}): ElectionRecord {
  const places = parts.seats + (parts.alternates ?? 0);
  return recordOf({
    convened: parts.convened ?? parts.ballots,
    excluded: parts.excluded,
    seats: parts.seats,
    alternates: parts.alternates,
    candidates: parts.votes.length,
    ballots: strikeBallotsGiving(parts.votes, parts.ballots, places),
  });
}
