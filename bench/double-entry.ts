import { openDatabase } from '../src/db/connection.js';
import type { Actor } from '../src/db/context.js';
import { addCandidates, addMember, createCongress, createElection, declarePile, enterPileBallot, listRounds, roundTally, setBallotCounts, transitionRound } from '../src/db/store/index.js';
import type { Ballot, Result } from '../src/domain/index.js';

function must<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/**
 * A 45-of-55 executive committee of a 1,000-delegate congress typed twice in 20 piles of 50, on an
 * in-memory store: the cost of storing one typed ballot, and of the tally the display asks for after
 * every ballot (both entries of every pile compared, rulings applied).
 */
export const doubleEntrySection = {
  name: 'double entry: 1,000 ballots typed twice in 20 piles of 50 (store in memory)',
  run: async () => {
    let serial = 0;
    const { db, close } = await openDatabase(':memory:');
    const ctx = { db, now: () => new Date(), newId: () => `id${++serial}` };
    const { secretaryId } = must(await createCongress(ctx, { name: 'Bench', organisation: '', kind: 'delegates', convened: 1000, excluded: 0, excludedReason: '', place: '', startsOn: null, endsOn: null, secretary: { name: 'S', pin: '1111' } }));
    const setup: Actor = { id: secretaryId, name: 'S', role: 'setup' };
    const typist = async (name: string, pin: string): Promise<Actor> => ({ id: must(await addMember(ctx, setup, { name, role: 'member', pin, mustChangePin: false })).id, name, role: 'member' });
    const [a, b] = [await typist('A', '3333'), await typist('B', '4444')];
    const election = must(await createElection(ctx, setup, { kind: 'executive_committee', title: 'BCH', seats: 45, alternates: 0 }));
    const [round] = await listRounds(db, election.id);
    must(await addCandidates(ctx, setup, round.id, Array.from({ length: 55 }, (_, i) => `Người ${i + 1}`)));
    must(await setBallotCounts(ctx, setup, round.id, { ballotsIssued: 1000, ballotsCollected: 1000 }));
    must(await transitionRound(ctx, setup, round.id, 'counting', ''));
    let started = performance.now();
    for (let p = 0; p < 20; p++) {
      const pile = must(await declarePile(ctx, a, round.id, 50));
      for (let i = 0; i < 50; i++) {
        const struck = [...new Set(Array.from({ length: 10 }, (_, k) => 1 + ((p * 50 + i * 7 + k * 13) % 55)))];
        const ballot: Ballot = { struck };
        must(await enterPileBallot(ctx, a, { id: `a-${p}-${i}`, pileId: pile.id, pass: 1, ballot }));
        must(await enterPileBallot(ctx, b, { id: `b-${p}-${i}`, pileId: pile.id, pass: 2, ballot }));
      }
    }
    const perEntry = (performance.now() - started) / 2000;
    const runs = 20;
    started = performance.now();
    for (let i = 0; i < runs; i++) {
      const tally = await roundTally(db, round.id);
      if (!tally.ok || tally.value.entry.mode !== 'double' || !tally.value.entry.reconciliation.reconciled) throw new Error('not reconciled');
    }
    const perTally = (performance.now() - started) / runs;
    console.log(`store one typed ballot: ${perEntry.toFixed(2)} ms`);
    console.log(`roundTally with both entries compared: ${perTally.toFixed(1)} ms`);
    await close();
  },
};
